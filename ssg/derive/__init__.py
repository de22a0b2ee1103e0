"""Pages derived from the linked site: listings, site map, feeds."""

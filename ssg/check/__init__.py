"""The compliance checker: a registry of small rule functions over the linked site."""

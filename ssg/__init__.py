"""ssg — a static site generator for compliant Chinese government portals."""

__version__ = "0.1.0"

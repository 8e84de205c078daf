"""The ML Engineering Academy toolkit: catalog, student builds, grading, site."""

__version__ = "0.1.0"

"""Builders: student notebooks and the course site."""

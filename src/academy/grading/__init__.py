"""Grading: checks, sandboxes, the engine, records, gradebook and feedback."""

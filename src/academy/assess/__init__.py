"""Hiring assessments: specs, per-candidate bundles, tamper-proof grading, reports."""

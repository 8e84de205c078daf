"""The lab: where artifacts that are not code are built, started and probed.

Dockerfiles, services and pod templates are judged as artifacts (DESIGN.md,
"answers out, verdicts in", rule 3). The lab builds a learner's image with the
real engine, offline, runs it with no network, and probes it from a trusted
container that shares only its network namespace. What comes back is plain
data (build log, image metadata, HTTP responses, timings); checks judge it.
"""

"""missing_fields that only tests truthiness, so a field of blanks ("   ") counts as filled in.

fails: missing-example, missing-random, card-refuses
"""


def missing_fields(facts):
    return sorted(name for name in REQUIRED if not facts.get(name))  # noqa: F821

"""Writes the hour before the minute: "3 0 * * 1" runs at 00:03, not 03:00.

fails: schedule
"""

from pathlib import Path

BEFORE = 'schedule: "0 3 * * 1"'
AFTER = 'schedule: "3 0 * * 1"'

path = Path("data/k8s/retrain-cronjob.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))

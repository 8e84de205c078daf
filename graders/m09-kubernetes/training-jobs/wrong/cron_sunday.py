"""Counts the days of the week from Monday = 0: day 0 is Sunday in cron, so the model is
retrained a day early.

fails: schedule
"""

from pathlib import Path

BEFORE = 'schedule: "0 3 * * 1"'
AFTER = 'schedule: "0 3 * * 0"'

path = Path("data/k8s/retrain-cronjob.yaml")
text = path.read_text()
assert BEFORE in text, "the model solution changed: update this wrong solution"
path.write_text(text.replace(BEFORE, AFTER))

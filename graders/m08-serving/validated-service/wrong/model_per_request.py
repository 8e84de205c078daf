"""The model is parsed inside the request handler: every request, however small, reads and
converts 3 MB of JSON first. Answers are right and slow, and under 4 concurrent callers the
requests queue behind each other's parsing. (A single 1,000-row batch pays the parsing once
and stays within its own, more generous budget.)

fails: latency"""

from pathlib import Path

MAIN = Path("data/service/main.py")
source = MAIN.read_text()
old = """    model = app.state.model
    return Predictions("""
new = """    model = Model(json.loads(MODEL_PATH.read_text()))
    return Predictions("""
assert old in source
MAIN.write_text(source.replace(old, new))

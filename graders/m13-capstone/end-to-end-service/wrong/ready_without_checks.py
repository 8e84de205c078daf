"""create_app neither verifies the file hash nor gates /ready on the self-test: a tampered
model.pkl is served, and a model that scores its example differently still says ready.
The grader's image holds an untampered, matching model, so only the in-process check sees it.

fails: readiness-in-process"""

from pathlib import Path

APP = Path("data/scorer/app.py")
text = APP.read_text()
old_hash = """    if hashlib.sha256(blob).hexdigest() != meta["file_sha256"]:
        raise RuntimeError("model.pkl does not match the file hash in model.json")
"""
old_ready = """    try:
        ready = abs(score(test["input"]) - test["probability"]) < 1e-9
    except Exception:  # a model that cannot score its own example is not ready
        ready = False
"""
assert old_hash in text and old_ready in text
APP.write_text(text.replace(old_hash, "").replace(old_ready, "    ready = True\n"))

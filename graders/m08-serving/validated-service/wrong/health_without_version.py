"""A health endpoint that says nothing about the model: a caller (or an orchestrator
rolling out a new model) cannot tell which version is serving.

fails: serves"""

from pathlib import Path

MAIN = Path("data/service/main.py")
source = MAIN.read_text()
old = """    return {"status": "ok", "model_version": app.state.model.version}"""
new = """    return {"status": "ok"}"""
assert old in source
MAIN.write_text(source.replace(old, new))

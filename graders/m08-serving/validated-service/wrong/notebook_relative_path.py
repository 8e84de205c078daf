"""The model path is relative to the notebook's folder: it works in the notebook, and the
server started from the folder that holds main.py cannot find data/service/model.json, so
it never starts.

fails: serves, predictions, rejects-invalid, names-field, survives, latency, batching"""

from pathlib import Path

MAIN = Path("data/service/main.py")
source = MAIN.read_text()
old = """MODEL_PATH = Path(__file__).with_name("model.json")"""
new = """MODEL_PATH = Path("data/service/model.json")"""
assert old in source
MAIN.write_text(source.replace(old, new))

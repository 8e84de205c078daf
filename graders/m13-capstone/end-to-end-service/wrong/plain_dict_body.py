"""No contract: the handler takes the body as a plain dict. A missing field becomes a
KeyError (500), a bad value flows into the model (200), an extra field is ignored (200).

fails: contract-in-process, validation-422"""

from pathlib import Path

APP = Path("data/scorer/app.py")
text = APP.read_text()
old = """    def predict(application: Application):
        # a plain def: FastAPI runs it in a thread pool, the event loop stays free
        return {"default_probability": score(application.model_dump()),"""
new = """    def predict(application: dict):
        record = {name: application[name] for name in features}
        return {"default_probability": score(record),"""
assert old in text
APP.write_text(text.replace(old, new))

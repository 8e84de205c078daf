"""The right numbers in the wrong shape: one object per row under "predictions" instead of
the list of floats under "probabilities" that the contract specifies.

fails: probabilities-example, predictions"""

from pathlib import Path

MAIN = Path("data/service/main.py")
source = MAIN.read_text()
old = """@app.post("/predict", response_model=Predictions)
def predict(batch: Batch):
    # A plain def: FastAPI runs it in a thread, so the event loop stays free.
    model = app.state.model
    return Predictions(model_version=model.version,
                       probabilities=model.predict(batch.rows).tolist())"""
new = """@app.post("/predict")
def predict(batch: Batch):
    model = app.state.model
    return {"model_version": model.version,
            "predictions": [{"probability": p} for p in model.predict(batch.rows).tolist()]}"""
assert old in source
MAIN.write_text(source.replace(old, new))

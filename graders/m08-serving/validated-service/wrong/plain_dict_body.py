"""No contract: the handler takes the body as a plain dict and reads the fields itself. Bad
values flow into the model (200 with a confident probability) or into a KeyError or a
ValueError (500); only a body that is not JSON still gets FastAPI's 422.

fails: statuses-example, rejects-invalid, names-field, survives"""

from pathlib import Path

MAIN = Path("data/service/main.py")
source = MAIN.read_text()
old = """@app.post("/predict", response_model=Predictions)
def predict(batch: Batch):
    # A plain def: FastAPI runs it in a thread, so the event loop stays free.
    model = app.state.model
    return Predictions(model_version=model.version,
                       probabilities=model.predict(batch.rows).tolist())"""
new = """class Row:
    def __init__(self, fields):
        self.distance_km = float(fields["distance_km"])
        self.parcels = int(fields["parcels"])
        self.weight_kg = float(fields["weight_kg"])
        self.hour = int(fields["hour"])
        self.express = float(fields["express"])
        self.region = str(fields["region"])
        self.zone = int(fields["zone"])


@app.post("/predict")
def predict(body: dict):
    model = app.state.model
    rows = [Row(fields) for fields in body["rows"]]
    return {"model_version": model.version, "probabilities": model.predict(rows).tolist()}"""
assert old in source
MAIN.write_text(source.replace(old, new))

"""The stand-in for academy/model-server: built into an image by the grader, never shipped.

``model-server serve --port PORT`` loads a "model" (a block of memory of the size the real
one takes), then serves, with FastAPI and uvicorn:

* ``GET /healthz``: 200 while the process is alive (liveness);
* ``GET /ready``: 200 once the configuration and the API token are in the environment,
  else 503 with what is missing (readiness);
* ``GET /v1/about``: the configuration the server loaded (the token only as a sha256).
"""

import argparse
import hashlib
import os
import sys

MODEL_MB = 96


def _config() -> tuple[dict, list]:
    missing = []
    name = os.environ.get("MODEL_NAME", "")
    if not name:
        missing.append("MODEL_NAME")
    threshold_text = os.environ.get("DECISION_THRESHOLD", "")
    try:
        threshold = float(threshold_text)
        if not 0.0 < threshold < 1.0:
            missing.append("DECISION_THRESHOLD (between 0 and 1)")
    except ValueError:
        missing.append("DECISION_THRESHOLD")
    token = os.environ.get("API_TOKEN", "")
    if not token:
        missing.append("API_TOKEN")
    about = {"model": name, "threshold": threshold_text,
             "token_sha256": hashlib.sha256(token.encode()).hexdigest() if token else None,
             "log_level": os.environ.get("LOG_LEVEL", "info")}
    return about, missing


def main(argv: list) -> int:
    parser = argparse.ArgumentParser(prog="model-server")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve predictions over HTTP")
    serve.add_argument("--port", type=int, required=True)
    serve.add_argument("--host", default="0.0.0.0")  # noqa: S104 - a server in a pod
    serve.add_argument("--workers", type=int, default=1)
    options = parser.parse_args(argv)

    import uvicorn
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    model = b"\x01" * (MODEL_MB * 2**20)  # committed memory, like loaded weights
    app = FastAPI(title="model-server")

    @app.get("/healthz")
    def healthz() -> dict:
        return {"status": "alive", "model_bytes": len(model)}

    @app.get("/ready")
    def ready() -> JSONResponse:
        about, missing = _config()
        if missing:
            return JSONResponse({"status": "not ready", "missing": missing}, status_code=503)
        return JSONResponse({"status": "ready", "model": about["model"]})

    @app.get("/v1/about")
    def info() -> dict:
        return _config()[0]

    print(f"model-server: serving on port {options.port}", flush=True)
    uvicorn.run(app, host=options.host, port=options.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

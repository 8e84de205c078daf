"""A custom 422 handler written for row errors only: it reads the row number and the field
from loc[2] and loc[3], which errors about the whole batch (empty, too long) or about a body
that is not JSON do not have. The IndexError inside the handler becomes a 500.

fails: statuses-example, rejects-invalid, survives"""

from pathlib import Path

MAIN = Path("data/service/main.py")
source = MAIN.read_text()
old = """@app.get("/health")"""
new = """from fastapi.exceptions import RequestValidationError  # noqa: E402
from fastapi.responses import JSONResponse  # noqa: E402


@app.exception_handler(RequestValidationError)
async def invalid(request, exc):
    problems = [f"row {e['loc'][2]}, field {e['loc'][3]}: {e['msg']}" for e in exc.errors()]
    return JSONResponse(status_code=422, content={"problems": problems})


@app.get("/health")"""
assert old in source
MAIN.write_text(source.replace(old, new))

"""A 422 that says nothing useful: the custom handler replaces pydantic's errors with one
generic sentence, so a caller cannot tell which field of which row to fix.

fails: names-field"""

from pathlib import Path

MAIN = Path("data/service/main.py")
source = MAIN.read_text()
old = """@app.get("/health")"""
new = """from fastapi.exceptions import RequestValidationError  # noqa: E402
from fastapi.responses import JSONResponse  # noqa: E402


@app.exception_handler(RequestValidationError)
async def invalid(request, exc):
    return JSONResponse(status_code=422,
                        content={"error": "invalid request", "detail": "check your input"})


@app.get("/health")"""
assert old in source
MAIN.write_text(source.replace(old, new))

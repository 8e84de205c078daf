"""The host's side of a course hub: accounts through the REST API, collect and release.

``HubAPI`` speaks JupyterHub's REST API (users, groups, tokens, servers) and the
password route of :mod:`academy.hub.auth`. ``Exchange`` speaks the course
exchange as an instructor. ``collect`` and ``release`` join the exchange to
``academy grade``: collected notebooks go to ``OUT/<user>/<module>/<exercise>.ipynb``
with a manifest, and ``release`` maps each grading record back through that
manifest to the learner it belongs to.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from academy.hub.auth import USERNAME, password_problem


class HubAPIError(Exception):
    """A request the hub or the exchange refused; one sentence."""


def _raise_for(response: httpx.Response, what: str) -> None:
    if response.status_code < 400:
        return
    try:
        message = response.json().get("message") or response.reason_phrase
    except ValueError:
        message = response.reason_phrase
    raise HubAPIError(f"{what}: {response.status_code} {message}")


class HubAPI:
    def __init__(self, url: str, token: str, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self.http = httpx.Client(base_url=f"{self.url}/hub/api/", timeout=timeout,
                                 headers={"Authorization": f"token {token}"})

    def close(self) -> None:
        self.http.close()

    def user(self, name: str) -> dict[str, Any] | None:
        response = self.http.get(f"users/{name}")
        if response.status_code == 404:
            return None
        _raise_for(response, f"reading user {name}")
        return dict(response.json())

    def add_user(self, name: str, *, course: str, role: str, password: str,
                 admin: bool = False) -> dict[str, Any]:
        if not USERNAME.match(name):
            raise HubAPIError(f"{name!r} is not a valid user name (lower-case letters, digits, "
                              "- and _, at most 32)")
        if role not in ("learner", "instructor"):
            raise HubAPIError(f"a role is learner or instructor, not {role!r}")
        problem = password_problem(password)
        if problem:
            raise HubAPIError(problem)
        if self.user(name) is None:
            _raise_for(self.http.post(f"users/{name}", json={"admin": admin}),
                       f"creating user {name}")
        group = f"{role}s-{course}"
        _raise_for(self.http.post(f"groups/{group}/users", json={"users": [name]}),
                   f"adding {name} to {group}")
        self.set_password(name, password)
        return self.user(name) or {}

    def set_password(self, name: str, password: str) -> None:
        _raise_for(self.http.post(f"academy/passwords/{name}", json={"password": password}),
                   f"setting the password of {name}")

    def token_for(self, name: str, note: str = "academy", expires_in: int = 86400) -> str:
        response = self.http.post(f"users/{name}/tokens",
                                  json={"note": note, "expires_in": expires_in})
        _raise_for(response, f"making a token for {name}")
        return str(response.json()["token"])

    def start_server(self, name: str, wait: float = 240.0) -> str:
        """Start (or find running) the user's server; returns its URL path when ready."""
        response = self.http.post(f"users/{name}/server")
        if response.status_code not in (201, 202, 400):
            _raise_for(response, f"starting the server of {name}")
        started = time.monotonic()
        while time.monotonic() - started < wait:
            model = self.user(name) or {}
            server = (model.get("servers") or {}).get("")
            if server and server.get("ready"):
                return str(server["url"])
            if not model.get("pending") and not server and time.monotonic() - started > 5:
                raise HubAPIError(f"the server of {name} stopped while starting (see the hub "
                                  "log)")
            time.sleep(1.0)
        raise HubAPIError(f"the server of {name} was not ready within {wait:.0f} s")

    def stop_server(self, name: str) -> None:
        response = self.http.delete(f"users/{name}/server")
        if response.status_code not in (202, 204, 400, 404):
            _raise_for(response, f"stopping the server of {name}")

    def wait_up(self, wait: float = 60.0) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                if self.http.get("").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise HubAPIError(f"the hub at {self.url} did not answer within {wait:.0f} s")


class Exchange:
    """The course exchange, with some user's token (an instructor's for collect/release)."""

    def __init__(self, url: str, token: str, timeout: float = 60.0) -> None:
        self.http = httpx.Client(base_url=url.rstrip("/") + "/", timeout=timeout,
                                 headers={"Authorization": f"token {token}"})

    def close(self) -> None:
        self.http.close()

    def get(self, path: str) -> httpx.Response:
        return self.http.get(path)

    def json(self, path: str, what: str) -> Any:
        response = self.http.get(path)
        _raise_for(response, what)
        return response.json()

    def submissions(self, course: str) -> list[dict[str, Any]]:
        return list(self.json(f"api/courses/{course}/submissions",
                              f"listing the submissions of {course}")["submissions"])

    def submission(self, course: str, user: str, module: str, exercise: str) -> bytes:
        response = self.http.get(f"api/courses/{course}/submissions/{user}/{module}/{exercise}")
        _raise_for(response, f"downloading {user}'s {module}/{exercise}")
        return response.content

    def release(self, course: str, user: str, module: str, exercise: str, html: str,
                result: dict[str, Any]) -> dict[str, Any]:
        response = self.http.put(f"api/courses/{course}/feedback/{user}/{module}/{exercise}",
                                 json={"html": html, "result": result})
        _raise_for(response, f"releasing feedback to {user} on {module}/{exercise}")
        return dict(response.json())


@dataclass(frozen=True)
class Collected:
    user: str
    module: str
    exercise: str
    submitted_at: str
    path: str


MANIFEST = "collected.json"


def collect(exchange: Exchange, course: str, out: Path) -> list[Collected]:
    """Latest submission of every learner into ``out``; a manifest says whose is whose."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for sub in exchange.submissions(course):
        data = exchange.submission(course, sub["user"], sub["module"], sub["exercise"])
        rel = Path(sub["user"]) / sub["module"] / f"{sub['exercise']}.ipynb"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
        rows.append(Collected(sub["user"], sub["module"], sub["exercise"], sub["submitted_at"],
                              str(rel)))
    (out / MANIFEST).write_text(json.dumps({"course": course,
                                            "submissions": [r.__dict__ for r in rows]},
                                           indent=1) + "\n")
    return rows


def release(exchange: Exchange, course: str, collected: Path, grades: Path
            ) -> list[dict[str, Any]]:
    """Feedback of every graded record in ``grades`` to the learner who submitted it."""
    manifest = collected / MANIFEST
    if not manifest.is_file():
        raise HubAPIError(f"{collected} has no {MANIFEST}; collect with 'academy hub collect'")
    entries = json.loads(manifest.read_text())["submissions"]
    by_path = {(collected / e["path"]).resolve(): e for e in entries}
    results = sorted((grades / "results").glob("*.json")) if (grades / "results").is_dir() else []
    if not results:
        raise HubAPIError(f"{grades} holds no grading records; run 'academy grade "
                          f"{collected} --out {grades}' first")
    released = []
    for path in results:
        record = json.loads(path.read_text())
        entry = by_path.get(Path(record["submission_file"]).resolve())
        if entry is None:
            continue
        page = grades / "feedback" / f"{record['submission_id']}.html"
        html = page.read_text() if page.is_file() else ""
        released.append(exchange.release(course, entry["user"], entry["module"],
                                         entry["exercise"], html, record))
    return released

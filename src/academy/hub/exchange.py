"""The course exchange: a JupyterHub service that replaces nbgrader's shared folder.

nbgrader's exchange is a directory that every learner's server must mount;
with one container per learner there is no such directory. This service holds
what would be there, behind the hub: exercises to fetch, submissions, and
feedback, each read and written over HTTP with the caller's hub token.

Who may do what is decided here, per course, from hub groups:

* ``learners-<course>``: submit, list and read *their own* submissions,
  feedback and progress;
* ``instructors-<course>``: everything learners may, for every learner of the
  course, plus releasing feedback.

Everyone signed in may list and fetch exercises. A token must carry the scope
``access:services!service=<this service>`` (the hub grants it to servers and
to the course roles), so a token made for something else cannot be replayed
here. Routes (under the service prefix)::

    GET  api/whoami
    GET  api/exercises                                    catalog, in course order
    GET  api/exercises/<module>/<exercise>                student version (zip)
    POST api/courses/<c>/submissions/<module>/<exercise>  body: the notebook
    GET  api/courses/<c>/submissions                      latest per learner/exercise
    GET  api/courses/<c>/submissions/<user>/<module>/<exercise>
    PUT  api/courses/<c>/feedback/<user>/<module>/<exercise>   {"html", "result"}
    GET  api/courses/<c>/feedback                         released feedback (own, or all)
    GET  api/courses/<c>/feedback/<user>/<module>/<exercise>
    GET  api/courses/<c>/progress/<user>
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jupyterhub.services.auth import HubAuth
from jupyterhub.utils import url_path_join
from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

NAME = r"[a-z0-9][a-z0-9_.@-]{0,63}"
NAME_RE = re.compile(f"^{NAME}$")
MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
MAX_FEEDBACK_BYTES = 5 * 1024 * 1024
GROUP_CACHE_SECONDS = 5.0


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class Store:
    """Files under one folder; every path part is checked against NAME before use."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def catalog(self) -> list[dict[str, Any]]:
        path = self.root / "exercises" / "catalog.json"
        return list(json.loads(path.read_text())["exercises"]) if path.is_file() else []

    def exercise_zip(self, module: str, exercise: str) -> Path:
        return self.root / "exercises" / module / f"{exercise}.zip"

    def course(self, course: str) -> Path:
        return self.root / "courses" / course

    def submission_dir(self, course: str, user: str, module: str, exercise: str) -> Path:
        return self.course(course) / "submissions" / user / module / exercise

    def feedback_dir(self, course: str, user: str, module: str, exercise: str) -> Path:
        return self.course(course) / "feedback" / user / module / exercise

    def latest_submission(self, course: str, user: str, module: str, exercise: str
                          ) -> dict[str, Any] | None:
        folder = self.submission_dir(course, user, module, exercise)
        metas = sorted(folder.glob("*.json")) if folder.is_dir() else []
        return json.loads(metas[-1].read_text()) if metas else None

    def submissions(self, course: str, users: set[str] | None) -> list[dict[str, Any]]:
        base = self.course(course) / "submissions"
        rows: list[dict[str, Any]] = []
        if not base.is_dir():
            return rows
        for user_dir in sorted(p for p in base.iterdir() if p.is_dir()):
            if users is not None and user_dir.name not in users:
                continue
            for ex_dir in sorted(user_dir.glob("*/*")):
                meta = self.latest_submission(course, user_dir.name, ex_dir.parent.name,
                                              ex_dir.name)
                if meta:
                    count = len(list(ex_dir.glob("*.json")))
                    rows.append({**meta, "attempts": count})
        return rows

    def feedback(self, course: str, user: str, module: str, exercise: str
                 ) -> dict[str, Any] | None:
        path = self.feedback_dir(course, user, module, exercise) / "feedback.json"
        return json.loads(path.read_text()) if path.is_file() else None

    def feedback_list(self, course: str, users: set[str] | None) -> list[dict[str, Any]]:
        base = self.course(course) / "feedback"
        rows: list[dict[str, Any]] = []
        if not base.is_dir():
            return rows
        for path in sorted(base.glob("*/*/*/feedback.json")):
            user = path.parents[2].name
            if users is not None and user not in users:
                continue
            data = json.loads(path.read_text())
            rows.append({k: data[k] for k in ("user", "module", "exercise", "score",
                                                "max_score", "status", "released_at")})
        return rows


def progress(catalog: list[dict[str, Any]], submitted: list[dict[str, Any]],
             feedback: list[dict[str, Any]]) -> dict[str, Any]:
    """One learner's standing on every exercise, and the exercise to do next.

    Next is the first exercise, in course order, that has neither full marks nor a
    submission waiting for feedback; ``None`` when everything is done.
    """
    subs = {(s["module"], s["exercise"]): s for s in submitted}
    fbs = {(f["module"], f["exercise"]): f for f in feedback}
    rows = []
    next_up = None
    for entry in catalog:
        key = (entry["module"], entry["exercise"])
        fb, sub = fbs.get(key), subs.get(key)
        if fb is not None and (sub is None or sub["submitted_at"] <= fb["released_at"]):
            state = "complete" if fb["score"] >= fb["max_score"] > 0 else "graded"
        elif sub is not None:
            state = "awaiting feedback"
        else:
            state = "not started"
        row = {"module": entry["module"], "exercise": entry["exercise"],
               "title": entry.get("title", entry["exercise"]), "points": entry.get("points"),
               "state": state, "score": fb["score"] if fb else None,
               "max_score": fb["max_score"] if fb else entry.get("points"),
               "attempts": sub["attempts"] if sub else 0}
        rows.append(row)
        if next_up is None and state in ("not started", "graded"):
            next_up = f"{entry['module']}/{entry['exercise']}"
    modules: dict[str, dict[str, Any]] = {}
    for row in rows:
        mod = modules.setdefault(row["module"], {"module": row["module"], "exercises": 0,
                                                 "complete": 0, "score": 0.0, "max_score": 0.0})
        mod["exercises"] += 1
        mod["complete"] += row["state"] == "complete"
        mod["score"] += row["score"] or 0.0
        mod["max_score"] += row["max_score"] or 0.0
    return {"exercises": rows, "modules": list(modules.values()), "next": next_up}


class Caller:
    def __init__(self, name: str, groups: set[str]) -> None:
        self.name = name
        self.groups = groups

    def is_instructor(self, course: str) -> bool:
        return f"instructors-{course}" in self.groups

    def is_member(self, course: str) -> bool:
        return self.is_instructor(course) or f"learners-{course}" in self.groups

    def as_json(self) -> dict[str, Any]:
        courses: dict[str, str] = {}
        for group in sorted(self.groups):
            role, _, course = group.partition("-")
            if course and role in ("instructors", "learners"):
                courses[course] = "instructor" if role == "instructors" or \
                    courses.get(course) == "instructor" else "learner"
        return {"name": self.name, "courses": courses}


class Exchange:
    """Shared state of the service: the store, the hub client and a small group cache."""

    def __init__(self, store: Store, auth: HubAuth) -> None:
        self.store = store
        self.auth = auth
        self._groups: dict[str, tuple[float, set[str]]] = {}

    async def groups_of(self, name: str) -> set[str]:
        cached = self._groups.get(name)
        if cached and time.monotonic() - cached[0] < GROUP_CACHE_SECONDS:
            return cached[1]
        url = url_path_join(self.auth.api_url, "users", name)
        request = HTTPRequest(url, headers={"Authorization": f"token {self.auth.api_token}"})
        response = await AsyncHTTPClient().fetch(request, raise_error=False)
        if response.code == 404:
            return set()  # no such user: in no course
        if response.code != 200:
            raise web.HTTPError(503, "the hub did not say which groups you are in")
        groups = set(json.loads(response.body).get("groups") or [])
        self._groups[name] = (time.monotonic(), groups)
        return groups


class Handler(web.RequestHandler):
    exchange: Exchange

    def initialize(self, exchange: Exchange) -> None:
        self.exchange = exchange

    def check_xsrf_cookie(self) -> None:  # token-only API: no cookies are accepted
        return

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        message = exc.log_message if isinstance(exc, web.HTTPError) and exc.log_message \
            else self._reason
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"status": status_code, "message": message}))

    async def caller(self) -> Caller:
        header = self.request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() not in ("token", "bearer") or not token.strip():
            raise web.HTTPError(401, "send your hub token: 'Authorization: token <token>'")
        model = await self.exchange.auth.user_for_token(token.strip(), sync=False)
        if not model or model.get("kind", "user") != "user":
            raise web.HTTPError(403, "the hub does not know this token as a user's")
        access = set(self.exchange.auth.access_scopes or ())
        if access and not access.intersection(model.get("scopes") or ()):
            raise web.HTTPError(403, "this token may not use the exchange "
                                f"(it needs one of {sorted(access)})")
        name = model["name"]
        if not NAME_RE.match(name):  # names become folder names: only safe ones
            raise web.HTTPError(403, f"the exchange cannot store work for the user name {name!r}")
        return Caller(name, await self.exchange.groups_of(name))

    def names(self, *parts: str) -> None:
        for part in parts:
            if not NAME_RE.match(part):
                raise web.HTTPError(400, f"{part!r} is not a valid name here")

    async def member(self, course: str) -> Caller:
        self.names(course)
        caller = await self.caller()
        if not caller.is_member(course):
            raise web.HTTPError(403, f"you are not in the course {course}")
        return caller

    async def owner_or_instructor(self, course: str, user: str) -> Caller:
        caller = await self.member(course)
        self.names(user)
        if caller.name != user and not caller.is_instructor(course):
            raise web.HTTPError(403, "only the learner and the course's instructors may "
                                     "read this")
        return caller

    def send_json(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(data))

    def known_exercise(self, module: str, exercise: str) -> dict[str, Any]:
        self.names(module, exercise)
        for entry in self.exchange.store.catalog():
            if entry["module"] == module and entry["exercise"] == exercise:
                return entry
        raise web.HTTPError(404, f"there is no exercise {module}/{exercise}")


class WhoAmI(Handler):
    async def get(self) -> None:
        self.send_json((await self.caller()).as_json())


class Exercises(Handler):
    async def get(self) -> None:
        await self.caller()
        self.send_json({"exercises": self.exchange.store.catalog()})


class ExerciseFile(Handler):
    async def get(self, module: str, exercise: str) -> None:
        await self.caller()
        self.known_exercise(module, exercise)
        path = self.exchange.store.exercise_zip(module, exercise)
        if not path.is_file():
            raise web.HTTPError(404, f"{module}/{exercise} has not been released")
        self.set_header("Content-Type", "application/zip")
        self.finish(path.read_bytes())


class Submit(Handler):
    async def post(self, course: str, module: str, exercise: str) -> None:
        caller = await self.member(course)
        self.known_exercise(module, exercise)
        body = self.request.body
        if len(body) > MAX_NOTEBOOK_BYTES:
            raise web.HTTPError(413, "a submission may be at most 20 MB")
        try:
            nb = json.loads(body)
            if not isinstance(nb, dict) or "cells" not in nb:
                raise ValueError
        except ValueError:
            raise web.HTTPError(400, "the body must be a Jupyter notebook (JSON with cells)") \
                from None
        stamp = now_stamp()
        folder = self.exchange.store.submission_dir(course, caller.name, module, exercise)
        sha = hashlib.sha256(body).hexdigest()
        meta = {"user": caller.name, "course": course, "module": module, "exercise": exercise,
                "submitted_at": stamp, "sha256": sha, "bytes": len(body)}
        write_atomic(folder / f"{stamp}.ipynb", body)
        write_atomic(folder / f"{stamp}.json", json.dumps(meta).encode())
        self.send_json(meta, status=201)


class Submissions(Handler):
    async def get(self, course: str) -> None:
        caller = await self.member(course)
        users = None if caller.is_instructor(course) else {caller.name}
        self.send_json({"submissions": self.exchange.store.submissions(course, users)})


class SubmissionFile(Handler):
    async def get(self, course: str, user: str, module: str, exercise: str) -> None:
        await self.owner_or_instructor(course, user)
        self.names(module, exercise)
        meta = self.exchange.store.latest_submission(course, user, module, exercise)
        if meta is None:
            raise web.HTTPError(404, f"{user} has not submitted {module}/{exercise}")
        folder = self.exchange.store.submission_dir(course, user, module, exercise)
        self.set_header("Content-Type", "application/x-ipynb+json")
        self.set_header("X-Academy-Submitted-At", meta["submitted_at"])
        self.finish((folder / f"{meta['submitted_at']}.ipynb").read_bytes())


class FeedbackList(Handler):
    async def get(self, course: str) -> None:
        caller = await self.member(course)
        users = None if caller.is_instructor(course) else {caller.name}
        self.send_json({"feedback": self.exchange.store.feedback_list(course, users)})


class FeedbackFile(Handler):
    async def get(self, course: str, user: str, module: str, exercise: str) -> None:
        await self.owner_or_instructor(course, user)
        self.names(module, exercise)
        data = self.exchange.store.feedback(course, user, module, exercise)
        if data is None:
            raise web.HTTPError(404, f"no feedback for {user} on {module}/{exercise} yet")
        self.send_json(data)

    async def put(self, course: str, user: str, module: str, exercise: str) -> None:
        caller = await self.member(course)
        if not caller.is_instructor(course):
            raise web.HTTPError(403, f"only instructors of {course} may release feedback")
        self.names(user, module, exercise)
        self.known_exercise(module, exercise)
        if not Caller(user, await self.exchange.groups_of(user)).is_member(course):
            raise web.HTTPError(404, f"{user} is not in the course {course}")
        if len(self.request.body) > MAX_FEEDBACK_BYTES:
            raise web.HTTPError(413, "feedback may be at most 5 MB")
        try:
            body = json.loads(self.request.body)
            html, result = body["html"], body["result"]
            score, max_score = float(result["score"]), float(result["max_score"])
            if not isinstance(html, str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise web.HTTPError(400, "send {\"html\": str, \"result\": grading record}") \
                from None
        if result.get("exercise") not in (None, f"{module}/{exercise}"):
            raise web.HTTPError(400, f"this record is for {result.get('exercise')}, not "
                                     f"{module}/{exercise}")
        data = {"user": user, "course": course, "module": module, "exercise": exercise,
                "score": score, "max_score": max_score, "status": result.get("status"),
                "released_at": now_stamp(), "released_by": caller.name, "html": html,
                "result": result}
        folder = self.exchange.store.feedback_dir(course, user, module, exercise)
        write_atomic(folder / "feedback.json", json.dumps(data).encode())
        self.send_json({k: data[k] for k in ("user", "module", "exercise", "score",
                                              "max_score", "released_at")}, status=201)


class Progress(Handler):
    async def get(self, course: str, user: str) -> None:
        await self.owner_or_instructor(course, user)
        store = self.exchange.store
        report = progress(store.catalog(), store.submissions(course, {user}),
                          store.feedback_list(course, {user}))
        self.send_json({"user": user, "course": course, **report})


def make_app(store: Store, auth: HubAuth, prefix: str) -> web.Application:
    exchange = Exchange(store, auth)
    n = f"({NAME})"
    api = url_path_join(prefix, "api")
    routes = [
        (r"/whoami", WhoAmI),
        (r"/exercises", Exercises),
        (rf"/exercises/{n}/{n}", ExerciseFile),
        (rf"/courses/{n}/submissions", Submissions),
        (rf"/courses/{n}/submissions/{n}/{n}", Submit),
        (rf"/courses/{n}/submissions/{n}/{n}/{n}", SubmissionFile),
        (rf"/courses/{n}/feedback", FeedbackList),
        (rf"/courses/{n}/feedback/{n}/{n}/{n}", FeedbackFile),
        (rf"/courses/{n}/progress/{n}", Progress),
    ]
    return web.Application([(api.rstrip("/") + path, cls, {"exchange": exchange})
                            for path, cls in routes])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m academy.hub.exchange",
                                     description="The course exchange (a JupyterHub service).")
    parser.add_argument("--store", required=True, type=Path, help="Folder that holds the files.")
    args = parser.parse_args(argv)
    service_url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/exchange/")
    auth = HubAuth(cache_max_age=5)
    app = make_app(Store(args.store), auth, prefix)

    async def serve() -> None:
        app.listen(service_url.port or 80, address=service_url.hostname or "127.0.0.1",
                   max_body_size=MAX_NOTEBOOK_BYTES + 1024)
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    main()

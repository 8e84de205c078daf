"""``academy`` inside a learner's server: fetch, submit, feedback, progress.

This file runs in the learner's container, where the toolkit is not
installed, so it uses the standard library only. The hub mounts it read-only
at ``/opt/academy/client`` and puts its ``bin`` first on ``PATH``. It talks to
the course exchange with the server's own hub token
(``JUPYTERHUB_API_TOKEN``); the exchange decides what that token may see.

    academy list                       exercises you can fetch
    academy fetch MODULE/EXERCISE      the student notebook into ~/work/MODULE/EXERCISE/
    academy submit MODULE/EXERCISE     hand in ~/work/MODULE/EXERCISE/EXERCISE.ipynb
    academy feedback [MODULE/EXERCISE] released feedback into ~/work/feedback/
    academy progress                   your scores and the exercise to do next

In a notebook, ``from academy_learner import progress; progress()`` shows the
same table.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from typing import Any


class ClientError(Exception):
    """One sentence for the learner."""


def _settings() -> tuple[str, str, str]:
    url = os.environ.get("ACADEMY_EXCHANGE_URL")
    token = os.environ.get("JUPYTERHUB_API_TOKEN")
    course = os.environ.get("ACADEMY_COURSE", "academy")
    if not url or not token:
        raise ClientError("this command runs in a server started by the academy's hub "
                          "(ACADEMY_EXCHANGE_URL and JUPYTERHUB_API_TOKEN are not set)")
    return url.rstrip("/") + "/", token, course


def request(method: str, path: str, body: bytes | None = None,
            content_type: str = "application/json") -> tuple[bytes, dict[str, str]]:
    url, token, _ = _settings()
    req = urllib.request.Request(url + path.lstrip("/"), data=body, method=method,
                                 headers={"Authorization": f"token {token}",
                                          "Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310 - our own service
            return resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        try:
            message = json.loads(exc.read()).get("message") or exc.reason
        except (ValueError, AttributeError):
            message = exc.reason
        raise ClientError(f"the exchange said {exc.code}: {message}") from None
    except urllib.error.URLError as exc:
        raise ClientError(f"the exchange at {url} does not answer ({exc.reason})") from None


def get_json(path: str) -> Any:
    return json.loads(request("GET", path)[0])


def work_dir() -> Path:
    return Path(os.environ.get("ACADEMY_WORK_DIR", Path.home() / "work"))


def split_key(key: str) -> tuple[str, str]:
    module, sep, exercise = key.strip("/").partition("/")
    if not sep or not module or not exercise or "/" in exercise:
        raise ClientError(f"{key!r} is not MODULE/EXERCISE (see 'academy list')")
    return module, exercise


def fetch(key: str, force: bool = False) -> Path:
    module, exercise = split_key(key)
    data, _ = request("GET", f"api/exercises/{module}/{exercise}")
    dest = work_dir() / module
    notebook = dest / exercise / f"{exercise}.ipynb"
    if notebook.exists() and not force:
        raise ClientError(f"{notebook} exists and holds your work; it was left as it is "
                          "(use --force to replace it, after keeping a copy)")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for member in zf.infolist():
            target = (dest / member.filename).resolve()
            if dest.resolve() not in target.parents:
                raise ClientError(f"the exercise archive holds an unsafe path {member.filename}")
        zf.extractall(dest)
    return notebook


def submit(key: str) -> dict[str, Any]:
    module, exercise = split_key(key)
    _, _, course = _settings()
    notebook = work_dir() / module / exercise / f"{exercise}.ipynb"
    if not notebook.is_file():
        raise ClientError(f"there is no {notebook} to submit (fetch it first: "
                          f"academy fetch {module}/{exercise})")
    body = notebook.read_bytes()
    out, _ = request("POST", f"api/courses/{course}/submissions/{module}/{exercise}", body,
                     "application/x-ipynb+json")
    return dict(json.loads(out))


def feedback(key: str | None = None) -> list[Path]:
    _, _, course = _settings()
    me = get_json("api/whoami")["name"]
    if key:
        module, exercise = split_key(key)
        wanted = [{"module": module, "exercise": exercise}]
    else:
        wanted = get_json(f"api/courses/{course}/feedback")["feedback"]
    written = []
    for row in wanted:
        data = get_json(f"api/courses/{course}/feedback/{me}/{row['module']}/{row['exercise']}")
        path = work_dir() / "feedback" / row["module"] / f"{row['exercise']}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data["html"], encoding="utf-8")
        (path.with_suffix(".json")).write_text(json.dumps(data["result"], indent=1),
                                               encoding="utf-8")
        written.append(path)
    return written


def progress_data() -> dict[str, Any]:
    _, _, course = _settings()
    me = get_json("api/whoami")["name"]
    return dict(get_json(f"api/courses/{course}/progress/{me}"))


class ProgressView:
    """The learner's progress; a table in a terminal, an HTML table in a notebook."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @staticmethod
    def _score(row: dict[str, Any]) -> str:
        if row["score"] is None:
            return "-"
        return f"{row['score']:g}/{row['max_score']:g}"

    def __str__(self) -> str:
        lines = [f"{'exercise':<52} {'state':<18} score"]
        for row in self.data["exercises"]:
            lines.append(f"{row['module'] + '/' + row['exercise']:<52} {row['state']:<18} "
                         f"{self._score(row)}")
        for mod in self.data["modules"]:
            lines.append(f"module {mod['module']}: {mod['complete']}/{mod['exercises']} "
                         f"complete, {mod['score']:g}/{mod['max_score']:g} points")
        nxt = self.data.get("next")
        lines.append(f"next: {nxt}" if nxt else "next: nothing left, well done")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(r['module'])}</td><td>{html.escape(r['title'])}</td>"
            f"<td>{html.escape(r['state'])}</td><td>{self._score(r)}</td></tr>"
            for r in self.data["exercises"])
        nxt = self.data.get("next")
        tail = f"<p>Next: <code>academy fetch {html.escape(nxt)}</code></p>" if nxt else \
            "<p>Nothing left: well done.</p>"
        return ("<table><thead><tr><th>module</th><th>exercise</th><th>state</th>"
                f"<th>score</th></tr></thead><tbody>{rows}</tbody></table>{tail}")


def progress() -> ProgressView:
    return ProgressView(progress_data())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="academy", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="Exercises you can fetch.")
    p_fetch = sub.add_parser("fetch", help="Fetch an exercise's student notebook.")
    p_fetch.add_argument("exercise", help="MODULE/EXERCISE")
    p_fetch.add_argument("--force", action="store_true", help="Replace an existing notebook.")
    p_submit = sub.add_parser("submit", help="Submit your notebook.")
    p_submit.add_argument("exercise", help="MODULE/EXERCISE")
    p_fb = sub.add_parser("feedback", help="Download released feedback.")
    p_fb.add_argument("exercise", nargs="?", help="MODULE/EXERCISE (default: all)")
    sub.add_parser("progress", help="Your scores and what to do next.")
    args = parser.parse_args(argv)
    try:
        if args.command == "list":
            for entry in get_json("api/exercises")["exercises"]:
                print(f"{entry['module']}/{entry['exercise']}  ({entry.get('points', '?')} "
                      f"points)  {entry.get('title', '')}")
        elif args.command == "fetch":
            print(f"fetched {fetch(args.exercise, force=args.force)}")
        elif args.command == "submit":
            receipt = submit(args.exercise)
            print(f"submitted {args.exercise} at {receipt['submitted_at']} "
                  f"(sha256 {receipt['sha256'][:12]})")
        elif args.command == "feedback":
            paths = feedback(args.exercise)
            print("\n".join(f"feedback in {p}" for p in paths) or "no feedback released yet")
        elif args.command == "progress":
            print(progress())
    except ClientError as exc:
        print(f"academy: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The student side of grading: runs inside the sandbox, never in the grader.

Usage: ``python runner.py BOX [--events -] [--work DIR]`` where BOX holds
``cells.json`` (the code cells of the submission), ``plan.json`` (the probe
plan) and ``work/`` (the exercise's public data). The runner executes the
cells in order in one namespace (through IPython when it is installed, so
magics work), then calls each probed function with the plan's inputs and
writes one JSON line per event to ``BOX/out/events.jsonl``, or, with
``--events -``, to its standard output, after moving the submission's own
standard output onto standard error (a container sandbox reads both streams
from outside). With ``--work DIR``, the public data is copied to DIR (a
writable scratch folder, as BOX may be read-only) and the cells run there.

Everything written here is *claimed* data: the grader parses it as JSON
against a schema and trusts none of it beyond that. This file imports only
the standard library, numpy and the codec that sits beside it.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sys
import time
import traceback
from typing import Any

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, _HERE)

import codec  # noqa: E402

_dumps = json.dumps
_perf = time.perf_counter
_MAX_ERROR = 500


class ProbeTimeout(BaseException):  # noqa: N818 - BaseException so `except Exception` cannot swallow it
    """Raised by the alarm when a cell or a probe runs past its time."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise ProbeTimeout()


class Events:
    def __init__(self, path: str) -> None:
        if path == "-":
            fd = os.dup(1)
            os.dup2(2, 1)  # the submission's prints go to stderr; stdout carries events only
            self._fh = os.fdopen(fd, "a", encoding="utf-8")
        else:
            self._fh = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the run

    def emit(self, **event: Any) -> None:
        try:
            self._fh.write(_dumps(event, allow_nan=False) + "\n")
            self._fh.flush()
        except (OSError, ValueError):
            pass


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, ProbeTimeout):
        return "Timeout: did not finish within its time limit (an endless loop?)"
    try:
        detail = str(exc)
    except BaseException:  # noqa: BLE001 - a hostile __str__
        detail = ""
    text = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return text[:_MAX_ERROR]


def _run_cells(cells: list[str], events: Events, timeout: float) -> dict[str, Any]:
    try:
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        config = Config()
        config.HistoryManager.enabled = False
        shell = InteractiveShell.instance(config=config)
        shell.colors = "nocolor"
        namespace = shell.user_ns
    except Exception:  # pragma: no cover - IPython is in every environment we build
        shell = None
        namespace = {"__name__": "__main__"}
    for index, source in enumerate(cells):
        start = _perf()
        error = None
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            if shell is not None:
                result = shell.run_cell(source, store_history=False, silent=False)
                exc = result.error_in_exec or result.error_before_exec
                if exc is not None:
                    error = _error_text(exc)
            else:
                exec(compile(source, f"<cell {index}>", "exec"), namespace)
        except BaseException as exc:  # noqa: BLE001 - the cell's failure is data
            error = _error_text(exc)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        events.emit(event="cell", index=index, seconds=round(_perf() - start, 4), error=error)
    return namespace


def _run_probe(namespace: dict[str, Any], probe: dict[str, Any], timeout: float) -> dict[str, Any]:
    name = probe["function"]
    func: Any
    if name in _BUILTINS:
        func = _BUILTINS[name]
        namespace_arg: tuple[Any, ...] = (namespace,)
    else:
        func = namespace.get(name)
        namespace_arg = ()
        if func is None:
            return {"error": f"NameError: `{name}` is not defined in the notebook"}
        if not callable(func):
            return {"error": f"TypeError: `{name}` is not a function"}
    args = codec.decode(probe.get("args", []))
    kwargs = codec.decode(probe.get("kwargs", {}))
    steps = [(step["method"], codec.decode(step.get("args", [])),
              codec.decode(step.get("kwargs", {}))) for step in probe.get("then", [])]
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        result = func(*namespace_arg, *args, **kwargs)
        for method, step_args, step_kwargs in steps:
            result = getattr(result, method)(*step_args, **step_kwargs)
        encoded = codec.encode(result)  # JSON-ready: codec.encode guarantees it
    except BaseException as exc:  # noqa: BLE001 - the probe's failure is data
        return {"error": _error_text(exc)}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return {"answer": encoded}


def _parametrized(func: Any) -> list[tuple[str, dict[str, Any]]]:
    """(suffix, kwargs) for each case of a pytest.mark.parametrize'd test, else one plain case."""
    cases: list[tuple[str, dict[str, Any]]] = [("", {})]
    for mark in reversed(getattr(func, "pytestmark", []) or []):
        if getattr(mark, "name", None) != "parametrize" or len(mark.args) < 2:
            continue
        names = mark.args[0]
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        expanded = []
        for suffix, base in cases:
            for index, values in enumerate(mark.args[1]):
                values = getattr(values, "values", values)  # pytest.param(...)
                row = (values,) if len(names) == 1 else tuple(values)
                expanded.append((f"{suffix}[{index}]", {**base, **dict(zip(names, row, strict=True))}))
        cases = expanded
    return cases


def _run_tests(namespace: dict[str, Any], target: str, source: str,
               prefix: str = "test_") -> dict[str, str]:
    """Run the learner's tests with *source*'s *target* in place of their own; restore it."""
    scope: dict[str, Any] = {"__name__": "academy_variant"}
    exec(compile(source, "<implementation under test>", "exec"), scope)
    missing = object()
    original = namespace.get(target, missing)
    namespace[target] = scope[target]
    outcomes: dict[str, str] = {}
    try:
        for name in sorted(n for n in list(namespace) if n.startswith(prefix)):
            test = namespace[name]
            if not callable(test) or isinstance(test, type):
                continue
            for suffix, kwargs in _parametrized(test):
                try:
                    test(**kwargs)
                    outcomes[name + suffix] = "passed"
                except ProbeTimeout:
                    raise
                except BaseException as exc:  # noqa: BLE001 - a failing test is data
                    outcomes[name + suffix] = "failed: " + _error_text(exc)
    finally:
        if original is missing:
            namespace.pop(target, None)
        else:
            namespace[target] = original
    return outcomes


def _lookup(namespace: dict[str, Any], name: str) -> Any:
    func = namespace.get(name)
    if func is None:
        raise NameError(f"`{name}` is not defined in the notebook")
    if not callable(func):
        raise TypeError(f"`{name}` is not a function")
    return func


def _call_and_inputs(namespace: dict[str, Any], function: str, *args: Any,
                     **kwargs: Any) -> dict[str, Any]:
    """Call *function* and answer its result and its arguments as they are afterwards
    (so a check can tell whether the function changed its inputs in place)."""
    result = _lookup(namespace, function)(*args, **kwargs)
    return {"result": result, "args": list(args), "kwargs": kwargs}


def _call_with_sqlite(namespace: dict[str, Any], function: str, tables: dict[str, Any],
                      *args: Any, **kwargs: Any) -> Any:
    """Write *tables* (name -> frame) to a fresh SQLite file and call ``function(path, ...)``."""
    import sqlite3
    import tempfile

    folder = tempfile.mkdtemp(prefix="db-", dir=os.getcwd())
    path = os.path.join(folder, "data.db")
    with sqlite3.connect(path) as connection:
        for name, frame in tables.items():
            frame.to_sql(name, connection, index=False)
    return _lookup(namespace, function)(path, *args, **kwargs)


def _signature(namespace: dict[str, Any], function: str) -> dict[str, Any]:
    """A function's parameters, annotations (as text) and docstring."""
    import inspect

    func = _lookup(namespace, function)
    sig = inspect.signature(func)

    def text(annotation: Any) -> str | None:
        if annotation is inspect.Parameter.empty or annotation is inspect.Signature.empty:
            return None
        return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)

    return {
        "parameters": [{"name": p.name, "kind": p.kind.name, "annotation": text(p.annotation),
                        "has_default": p.default is not inspect.Parameter.empty}
                       for p in sig.parameters.values()],
        "returns": text(sig.return_annotation),
        "doc": inspect.getdoc(func),
    }


def _read_files(namespace: dict[str, Any], paths: list[str],
                max_bytes: int = 256_000) -> dict[str, Any]:
    """The text of files the notebook wrote, by path relative to its working folder.

    A path ending in ``/`` names a folder: every file under it is read. Answers
    ``{path: text}``; a missing file maps to None, a file that is not UTF-8 text or is
    larger than *max_bytes* to ``{"error": reason}``. Paths may not leave the folder."""
    root = os.path.realpath(os.getcwd())
    out: dict[str, Any] = {}

    def inside(path: str) -> str | None:
        full = os.path.realpath(os.path.join(root, path))
        return full if full == root or full.startswith(root + os.sep) else None

    def read(rel: str, full: str) -> None:
        if len(out) >= 200:
            return
        try:
            size = os.path.getsize(full)
            if size > max_bytes:
                out[rel] = {"error": f"{size} bytes, over the {max_bytes}-byte limit"}
                return
            with open(full, "rb") as fh:
                out[rel] = fh.read().decode("utf-8")
        except UnicodeDecodeError:
            out[rel] = {"error": "not UTF-8 text"}
        except OSError as exc:
            out[rel] = {"error": exc.strerror or type(exc).__name__}

    for path in paths:
        if os.path.isabs(path):
            raise ValueError(f"{path!r} is not relative to the notebook's folder")
        full = inside(path)
        if full is None:
            raise ValueError(f"{path!r} leaves the notebook's folder")
        if path.endswith("/"):
            if not os.path.isdir(full):
                out[path] = None
                continue
            for folder, dirs, files in os.walk(full):
                dirs.sort()
                for name in sorted(files):
                    item = os.path.join(folder, name)
                    if inside(os.path.relpath(item, root)) is not None:
                        read(os.path.relpath(item, root), item)
        elif os.path.isfile(full):
            read(path, full)
        else:
            out[path] = None
    return out


_BUILTINS = {"academy:run_tests": _run_tests, "academy:call_and_inputs": _call_and_inputs,
             "academy:call_with_sqlite": _call_with_sqlite, "academy:signature": _signature,
             "academy:read_files": _read_files}


_RLIMITS = {"address_space": "RLIMIT_AS", "cpu": "RLIMIT_CPU", "processes": "RLIMIT_NPROC",
            "file_size": "RLIMIT_FSIZE", "core": "RLIMIT_CORE"}


def _apply_rlimits(limits: dict[str, int]) -> None:
    """Lower this process's limits before any submitted code runs (never raised)."""
    for key, value in limits.items():
        which = getattr(resource, _RLIMITS[key])
        soft, hard = resource.getrlimit(which)
        new_hard = value if hard == resource.RLIM_INFINITY else min(value, hard)
        if key == "cpu" and (hard == resource.RLIM_INFINITY or value + 1 <= hard):
            new_hard = value + 1  # the soft limit sends SIGXCPU first
        resource.setrlimit(which, (min(value, new_hard), new_hard))


def main(argv: list[str]) -> int:
    box = argv[0]
    options = dict(zip(argv[1::2], argv[2::2], strict=False))
    signal.signal(signal.SIGALRM, _on_alarm)
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    events_path = options.get("--events") or os.path.join(box, "out", "events.jsonl")
    if events_path != "-":
        os.makedirs(os.path.dirname(events_path), exist_ok=True)
    events = Events(events_path)
    with open(os.path.join(box, "cells.json"), encoding="utf-8") as fh:
        cells = json.load(fh)
    with open(os.path.join(box, "plan.json"), encoding="utf-8") as fh:
        plan = json.load(fh)
    work = os.path.join(box, "work")
    if "--work" in options:
        shutil.copytree(work, options["--work"], dirs_exist_ok=True)
        work = options["--work"]
    os.chdir(work)
    os.environ["HOME"] = work
    _apply_rlimits(plan.get("rlimits", {}))
    sys.path.insert(0, os.path.join(box, "lib"))
    events.emit(event="start", cells=len(cells), probes=len(plan["probes"]))
    namespace = _run_cells(cells, events, float(plan["cell_timeout"]))
    timed_out: set[str] = set()
    for probe in plan["probes"]:
        start = _perf()
        if probe["function"] in timed_out:
            outcome = {"error": "Timeout: skipped because an earlier call did not finish"}
        else:
            try:
                outcome = _run_probe(namespace, probe, float(plan["probe_timeout"]))
            except BaseException as exc:  # noqa: BLE001
                outcome = {"error": _error_text(exc)}
            if outcome.get("error", "").startswith("Timeout"):
                timed_out.add(probe["function"])
        events.emit(event="probe", id=probe["id"], function=probe["function"], seconds=round(_perf() - start, 4), **outcome)
    events.emit(event="done")
    return 0


if __name__ == "__main__":
    try:
        code = main(sys.argv[1:])
    except BaseException:  # noqa: BLE001
        traceback.print_exc()
        code = 3
    sys.stdout.flush()
    os._exit(code)

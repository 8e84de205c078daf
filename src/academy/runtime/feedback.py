"""``check()`` and ``hint()`` for the learner's own kernel: public checks only.

Shipped inside each student build as ``_academy/`` next to the notebook,
together with ``codec.py`` and the exercise's ``public.py``. It runs the
learner's functions directly - instant feedback, not grading: grading runs
the same public checks plus hidden ones in a sandbox, outside the kernel.
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

from . import codec

_state: dict[str, Any] = {"failing": [], "shown": {}}


def _public() -> list[dict[str, Any]]:
    from .public import PUBLIC_CHECKS

    return list(PUBLIC_CHECKS)


def _run_one(spec: dict[str, Any], namespace: dict[str, Any]) -> str | None:
    name = spec["function"]
    func = namespace.get(name)
    if func is None:
        return f"`{name}` is not defined yet: run the cell that defines it"
    if not callable(func):
        return f"`{name}` is not a function"
    args = copy.deepcopy(spec["args"])
    kwargs = copy.deepcopy(spec.get("kwargs", {}))
    try:
        value = func(*args, **kwargs)
    except NotImplementedError:
        return f"`{name}` is not implemented yet"
    except Exception as exc:  # noqa: BLE001 - the learner's error is the message
        return f"`{name}` raised {type(exc).__name__}: {exc}"
    try:
        got = codec.decode(codec.encode(value))
    except codec.NotPlainData as exc:
        return f"`{name}` returned something the grader cannot read: {exc}"
    expected = codec.decode(codec.encode(spec["expected"]))
    reason = codec.compare(got, expected, spec.get("rtol", 1e-6), spec.get("atol", 1e-9))
    if reason:
        return f"{spec.get('message') or 'wrong answer'} ({reason})"
    return None


def check(name: str | None = None) -> None:
    """Run the public checks (all, or those for one function or check id) and print results."""
    caller = inspect.currentframe()
    namespace = caller.f_back.f_globals if caller and caller.f_back else {}
    specs = [s for s in _public() if name is None or name in (s["function"], s["id"])]
    if not specs:
        known = sorted({s["function"] for s in _public()})
        print(f"No public check is called {name!r}. Try one of: {', '.join(known)}")
        return
    failing = []
    for spec in specs:
        problem = _run_one(spec, namespace)
        if problem is None:
            print(f"  PASS  {spec['id']}: {spec['title']}")
        else:
            failing.append(spec["id"])
            print(f"  FAIL  {spec['id']}: {problem}")
    passed = len(specs) - len(failing)
    print(f"{passed}/{len(specs)} public checks passed.", end=" ")
    if failing:
        print(f'Stuck? hint("{failing[0]}") gives a hint.')
    else:
        print("Hidden checks with more inputs run when your work is graded.")
    _state["failing"] = failing


def hint(check_id: str | None = None) -> None:
    """Print the next hint for a check (by default the first one that failed last time)."""
    specs = {s["id"]: s for s in _public()}
    if check_id is None:
        if not _state["failing"]:
            print("Run check() first; hint() then helps with the first check that failed.")
            return
        check_id = _state["failing"][0]
    spec = specs.get(check_id)
    if spec is None:
        print(f"No public check is called {check_id!r}. Known: {', '.join(sorted(specs))}")
        return
    hints = spec.get("hints", [])
    shown = _state["shown"].get(check_id, 0)
    if not hints:
        print(f"{check_id} has no hints; re-read the lesson section of this exercise.")
        return
    if shown >= len(hints):
        print(f"No more hints for {check_id}. All of them:")
        for i, text in enumerate(hints, 1):
            print(f"  {i}. {text}")
        return
    print(f"Hint {shown + 1} of {len(hints)} for {check_id}: {hints[shown]}")
    _state["shown"][check_id] = shown + 1

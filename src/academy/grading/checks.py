"""The vocabulary of ``graders/<module>/<exercise>/checks.py``.

A check asks for *calls* (a function name and plain-data inputs it generates
from a seeded generator), and later *judges* the answers that came back from
the sandbox. Judging runs in the grader, next to ``reference.py`` and any
hidden data; none of it is sent to the sandbox.

Two ready-made kinds cover most checks:

* :class:`Example` - a fixed input with a known expected value. Public checks
  are examples: they are shipped to learners (``public.py``) and also run at
  grading time.
* :class:`AgreesWithReference` - random inputs from a generator, answers
  compared with the reference implementation.

Anything else subclasses :class:`Check` and implements ``calls`` and ``judge``.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from academy.runtime import codec


@dataclass(frozen=True)
class Step:
    """A method called on the previous result: ``.method(*args, **kwargs)``."""

    method: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Call:
    """One call the sandbox must make: ``function(*args, **kwargs)``.

    With ``then``, each step's method is called on the previous result, and the
    last result is the answer: ``Call("make_pipeline", then=(Step("fit", (X, y)),
    Step("predict", (X_test,))))`` answers ``make_pipeline().fit(X, y).predict(X_test)``.

    ``function`` may also name a runner built-in (the learner's function is named
    in the arguments):

    - ``academy:run_tests`` (kwargs ``target``, ``source``, optional ``prefix``):
      runs the learner's ``test_*`` functions with the function defined by
      ``source`` in place of ``target``; answers ``{test: "passed" or "failed: ..."}``.
    - ``academy:call_and_inputs`` (args ``function, *args``): answers
      ``{"result": ..., "args": [...], "kwargs": {...}}`` with the arguments as
      they are after the call, to catch functions that change their inputs.
    - ``academy:call_with_sqlite`` (args ``function, tables, *args``): writes
      ``tables`` (name -> frame) to a fresh SQLite file and answers
      ``function(path, *args)``.
    - ``academy:signature`` (args ``function``): answers the parameters, their
      annotations as text, the return annotation and the docstring.
    - ``academy:read_files`` (args ``paths``): answers ``{path: text}`` for files the
      notebook wrote (``%%writefile Dockerfile``); a path ending in ``/`` reads a folder;
      a missing file answers None.
    """

    function: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    then: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Answer:
    """What the sandbox returned for one call: a plain value, or an error."""

    value: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Verdict:
    """The judgement of one check: passed or not, and what to tell the learner."""

    passed: bool
    message: str


def is_memory_error(error: str) -> bool:
    """True for an error text naming MemoryError or a subclass (numpy's _ArrayMemoryError)."""
    return error.split(":", 1)[0].endswith("MemoryError")


def describe_error(function: str, error: str) -> str:
    """One sentence for a call that raised, in the learner's terms."""
    if is_memory_error(error):
        return f"`{function}` ran out of memory (the sandbox's limit)"
    if error.startswith("Timeout"):
        return f"`{function}` did not return within its time limit (an endless loop?)"
    if error.startswith("NotImplementedError"):
        return f"`{function}` is not implemented yet"
    return f"`{function}` failed: {error}"


def first_error(calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict | None:
    """A failing verdict for the first call that raised or returned no answer."""
    for call, answer in zip(calls, answers, strict=True):
        if not answer.ok:
            return Verdict(False, describe_error(call.function, answer.error or ""))
    return None


class Check:
    """Base class: subclasses set the fields and implement calls/judge."""

    def __init__(self, id: str, title: str, points: float, *, hidden: bool,
                 hints: Sequence[str] = (), success: str = "") -> None:
        self.id = id
        self.title = title
        self.points = float(points)
        self.hidden = hidden
        self.hints = tuple(hints)
        self.success = success or title

    @property
    def functions(self) -> tuple[str, ...]:
        """Names this check probes (for lint and for feedback)."""
        return ()

    def calls(self, rng: np.random.Generator) -> list[Call]:
        raise NotImplementedError

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        raise NotImplementedError

    def rng(self, seed: int) -> np.random.Generator:
        """A generator for this check alone, stable across runs with the same seed."""
        return np.random.default_rng([seed, zlib.crc32(self.id.encode())])


class HiddenCheck(Check):
    """Base of custom hidden checks that probe one function (set ``function``)."""

    function: str = ""

    def __init__(self, id: str, title: str, points: float, *, hints: Sequence[str]) -> None:
        super().__init__(id, title, points, hidden=True, hints=hints)

    @property
    def functions(self) -> tuple[str, ...]:
        return (self.function,)


class Example(Check):
    """A fixed call with a known answer (the form public checks take)."""

    def __init__(self, id: str, title: str, points: float, function: str,
                 args: Sequence[Any], expected: Any, *, kwargs: dict[str, Any] | None = None,
                 hidden: bool = False, hints: Sequence[str] = (), message: str = "",
                 rtol: float = 1e-6, atol: float = 1e-9) -> None:
        super().__init__(id, title, points, hidden=hidden, hints=hints)
        self.function = function
        self.args = tuple(args)
        self.kwargs = dict(kwargs or {})
        self.expected = expected
        self.message = message
        self.rtol, self.atol = rtol, atol

    @classmethod
    def from_public(cls, spec: dict[str, Any]) -> Example:
        """Build from one entry of a ``public.py`` PUBLIC_CHECKS list."""
        return cls(spec["id"], spec["title"], spec["points"], spec["function"], spec["args"],
                   spec["expected"], kwargs=spec.get("kwargs"), hints=spec.get("hints", ()),
                   message=spec.get("message", ""), rtol=spec.get("rtol", 1e-6),
                   atol=spec.get("atol", 1e-9))

    @property
    def functions(self) -> tuple[str, ...]:
        return (self.function,)

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call(self.function, self.args, self.kwargs)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        expected = codec.decode(codec.encode(self.expected))
        reason = codec.compare(answers[0].value, expected, self.rtol, self.atol)
        if reason:
            detail = f" ({reason})"
            return Verdict(False, (self.message or f"`{self.function}` gave a wrong answer") + detail)
        return Verdict(True, self.title)


Inputs = Callable[[np.random.Generator], Sequence[tuple[Sequence[Any], dict[str, Any]]]]


class AgreesWithReference(Check):
    """Random inputs from ``inputs(rng)``; each answer must match ``reference``."""

    def __init__(self, id: str, title: str, points: float, function: str, inputs: Inputs,
                 reference: Callable[..., Any], *, message: str, hints: Sequence[str] = (),
                 rtol: float = 1e-6, atol: float = 1e-9, hidden: bool = True) -> None:
        super().__init__(id, title, points, hidden=hidden, hints=hints)
        self.function = function
        self.inputs = inputs
        self.reference = reference
        self.message = message
        self.rtol, self.atol = rtol, atol

    @property
    def functions(self) -> tuple[str, ...]:
        return (self.function,)

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return [Call(self.function, tuple(args), dict(kwargs)) for args, kwargs in self.inputs(rng)]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return failed
        wrong = 0
        for call, answer in zip(calls, answers, strict=True):
            expected = codec.decode(codec.encode(self.reference(*call.args, **call.kwargs)))
            if codec.compare(answer.value, expected, self.rtol, self.atol):
                wrong += 1
        if wrong:
            return Verdict(False, f"{self.message} (wrong on {wrong} of {len(calls)} hidden inputs)")
        return Verdict(True, self.title)


Evidence = dict[str, Any]


class Inspection:
    """Trusted work between the sandbox and the judges, for artifacts that are not code.

    ``calls(rng)`` names what to fetch from the sandbox (usually the files the notebook
    wrote, through ``academy:read_files``). ``inspect`` runs in the grader: it parses the
    artifacts as data and, when ``needs_lab`` is set, builds, runs and probes them with a
    :class:`academy.lab.lab.Lab` (DESIGN.md, rule 3). It returns *evidence*, plain data that
    every :class:`EvidenceCheck` of the suite judges. The evidence key ``advice`` (a list of
    strings) is copied into the record's notes; it earns no points.
    """

    needs_lab: bool = False

    def calls(self, rng: np.random.Generator) -> list[Call]:
        raise NotImplementedError

    def inspect(self, calls: Sequence[Call], answers: Sequence[Answer], lab: Any,
                rng: np.random.Generator) -> Evidence:
        raise NotImplementedError


class EvidenceCheck(Check):
    """A hidden check judged on the suite's inspection evidence, not on sandbox answers.

    Subclasses implement ``judge_evidence``; when the inspection failed, the engine fails
    the check with the inspection's reason instead of calling it."""

    def __init__(self, id: str, title: str, points: float, *, hints: Sequence[str],
                 hidden: bool = True) -> None:
        super().__init__(id, title, points, hidden=hidden, hints=hints)

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return []

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        raise TypeError("an EvidenceCheck is judged on evidence; see judge_evidence")

    def judge_evidence(self, evidence: Evidence) -> Verdict:
        raise NotImplementedError


@dataclass
class Suite:
    """All checks of one exercise, public first, and the inspection that gathers the
    evidence its :class:`EvidenceCheck` s judge (when it has any)."""

    exercise: str
    checks: list[Check]
    inspection: Inspection | None = None

    def __post_init__(self) -> None:
        ids = [c.id for c in self.checks]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate check ids in {self.exercise}: {dupes}")
        if self.inspection is None and any(isinstance(c, EvidenceCheck) for c in self.checks):
            raise ValueError(f"{self.exercise} has evidence checks but no inspection")

    @property
    def total(self) -> float:
        return sum(c.points for c in self.checks)

    def get(self, check_id: str) -> Check:
        for check in self.checks:
            if check.id == check_id:
                return check
        raise KeyError(check_id)


def public_checks(specs: Sequence[dict[str, Any]]) -> list[Check]:
    """The public examples of ``public.py`` as checks that grading runs too."""
    return [Example.from_public(spec) for spec in specs]

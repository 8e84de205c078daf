"""Checks for model-card: the public examples plus hidden random inputs.

Hidden facts describe made-up models; their evaluation sets are built group by
group with exact counts so that each card exercises the limitation rules: a
group exactly at the minimum size, smaller groups, large groups whose recall is
far below or far above the overall recall, and a large group without actual
positives (recall undefined). No group's recall gap lies within 0.003 of the
bound, so rounding never decides a limitation.

The card is parsed, not compared as one string: ``card-facts`` judges the title,
the order of the sections and the sections copied from the facts;
``card-table`` the metrics table (numbers to three decimals, ``n/a`` where
undefined); ``card-limitations`` the limitation bullets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from academy.grading.checks import (
    AgreesWithReference,
    Answer,
    Call,
    HiddenCheck,
    Suite,
    Verdict,
    first_error,
    public_checks,
)

from . import reference
from .public import PUBLIC_CHECKS

NAMES = ["churn-classifier", "fraud-screen", "ticket-router", "credit-limit-model", "lead-scorer"]
TASKS = ["Predict whether a subscriber cancels within 30 days.",
         "Flag card payments for manual fraud review.",
         "Predict whether a support ticket needs a specialist.",
         "Predict whether a customer repays a limit increase."]
USES = ["Rank customers for retention outreach.", "Prioritise a review queue for analysts.",
        "Suggest, never decide: a person makes the final call.",
        "Batch scoring once a day for the CRM team."]
MISUSES = ["Pricing, credit or employment decisions.", "Customers in their first 30 days.",
           "Real-time decisions without human review.", "Markets outside the EU and UK.",
           "Any use on minors' accounts."]
ETHICS = ["A missed positive withholds a benefit from the customer.",
          "Group labels come from self-declared data and are incomplete.",
          "False alarms cost customers time; monitor them per group."]
KNOWN = ["Trained before the 2024 price change.", "Labels arrive with a 30-day delay.",
         "Seasonal effects (December) are under-represented."]
SOURCES = ["CRM snapshots", "payments ledger", "ticket archive", "data warehouse"]
ATTRIBUTES = {"region": ["north", "south", "east", "west", "islands", "capital"],
              "plan": ["prepaid", "contract", "family", "business", "trial", "student"],
              "age_band": ["18-24", "25-34", "35-49", "50-64", "65+", "unknown"],
              "channel": ["web", "app", "store", "phone", "partner", "kiosk"]}
MARGIN = 0.003


def _pick(rng: np.random.Generator, pool: list[str], low: int, high: int) -> list[str]:
    k = int(rng.integers(low, high + 1))
    return [str(x) for x in rng.choice(pool, size=k, replace=False)]


def _group_block(rng: np.random.Generator, n: int, n_pos: int, caught: int,
                 false_alarm: float) -> tuple[list[int], list[int]]:
    y = [1] * n_pos + [0] * (n - n_pos)
    hits = [1] * caught + [0] * (n_pos - caught)
    alarms = (rng.random(n - n_pos) < false_alarm).astype(int).tolist()
    pred = [int(v) for v in rng.permutation(hits)] + alarms
    return y, pred


def evaluation_set(rng: np.random.Generator, min_size: int, gap: float,
                   kinds: list[str]) -> tuple[str, list, list, list]:
    """(attribute, y_true, y_pred, group) with one group per kind."""
    for _ in range(1000):
        attribute = str(rng.choice(list(ATTRIBUTES)))
        names = _pick(rng, ATTRIBUTES[attribute], len(kinds), len(kinds))
        y, pred, group = [], [], []
        for name, kind in zip(names, kinds, strict=True):
            if kind == "small":
                n = int(rng.integers(max(3, min_size // 4), min_size))
            elif kind == "at-min":
                n = min_size
            else:
                n = int(rng.integers(min_size + 50, min_size + 500))
            rate = float(rng.uniform(0.2, 0.45))
            n_pos = 0 if kind == "no-positives" else max(2, round(n * rate))
            quality = {"low": rng.uniform(0.35, 0.5), "high": rng.uniform(0.9, 0.98),
                       "small": rng.uniform(0.1, 0.5)}.get(kind, rng.uniform(0.68, 0.78))
            caught = round(n_pos * float(quality))
            yy, pp = _group_block(rng, n, n_pos, caught, float(rng.uniform(0.03, 0.15)))
            y += yy
            pred += pp
            group += [name] * n
        metrics = reference.card_metrics(y, pred, group)
        overall = metrics["overall"]["recall"]
        close = [m for m in metrics["groups"].values() if m["recall"] is not None
                 and abs(overall - m["recall"] - gap) < MARGIN]
        if not close:
            order = rng.permutation(len(y))
            return (attribute, [y[i] for i in order], [pred[i] for i in order],
                    [group[i] for i in order])
    raise RuntimeError("no evaluation set found")  # pragma: no cover


def random_facts(rng: np.random.Generator, kinds: list[str]) -> tuple[dict, int, float]:
    min_size = int(rng.integers(40, 121))
    gap = round(float(rng.uniform(0.04, 0.1)), 3)
    attribute, y, pred, group = evaluation_set(rng, min_size, gap, kinds)
    version = ".".join(str(int(v)) for v in rng.integers(0, 12, size=3))
    facts = {
        "name": str(rng.choice(NAMES)),
        "version": version,
        "owners": [f"{w}@example.com" for w in _pick(rng, ["ml-platform", "risk-ml", "a.ng",
                                                           "j.diallo", "retention"], 1, 3)],
        "task": str(rng.choice(TASKS)),
        "intended_use": _pick(rng, USES, 1, 3),
        "out_of_scope": _pick(rng, MISUSES, 1, 3),
        "training_data": {"source": str(rng.choice(SOURCES)),
                          "period": f"20{int(rng.integers(20, 24))}-0{int(rng.integers(1, 10))}"
                                    f" to 2024-0{int(rng.integers(1, 7))}",
                          "rows": int(rng.integers(10_000, 500_000))},
        "evaluation": {"source": str(rng.choice(SOURCES)),
                       "period": f"2024-0{int(rng.integers(7, 10))} to 2024-12",
                       "attribute": attribute, "y_true": y, "y_pred": pred, "group": group},
        "ethical_considerations": _pick(rng, ETHICS, 1, 2),
        "known_limitations": _pick(rng, KNOWN, 1, 2),
    }
    return facts, min_size, gap


CARD_KINDS = [
    ["normal", "low", "high", "at-min", "small"],
    ["normal", "normal", "no-positives", "low", "small", "small"],
    ["high", "low", "at-min", "normal"],
]


def card_calls(rng: np.random.Generator) -> list[Call]:
    calls = []
    for kinds in CARD_KINDS:
        facts, min_size, gap = random_facts(rng, list(rng.permutation(kinds)))
        calls.append(Call("model_card", (facts, min_size, gap)))
    return calls


# --- metrics and missing fields --------------------------------------------------------------

def metric_inputs(rng: np.random.Generator) -> list:
    cases = []
    for kinds in (["normal", "low", "small"], ["no-positives", "high", "normal", "small"]):
        _, y, pred, group = evaluation_set(rng, 60, 0.05, kinds)
        cases.append(((np.array(y), np.array(pred), group), {}))
    _, y, pred, group = evaluation_set(rng, 30, 0.05, ["normal", "small"])
    small = [i for i, g in enumerate(group) if g == group[0]]
    for i in small:  # a group with no predicted positives at all: precision undefined
        pred[i] = 0
    cases.append(((y, pred, group), {}))
    return cases


EMPTY = [None, "", "   ", "\t\n", [], {}]


def missing_inputs(rng: np.random.Generator) -> list:
    cases = []
    facts, _, _ = random_facts(rng, ["normal", "small"])
    cases.append(((facts,), {}))  # complete: nothing missing
    for k in (1, 2, 3, 4):
        broken = dict(facts)
        for name in rng.choice(reference.REQUIRED, size=k, replace=False):
            if rng.random() < 0.3:
                del broken[str(name)]
            else:
                broken[str(name)] = EMPTY[int(rng.integers(len(EMPTY)))]
        cases.append(((broken,), {}))
    blank = {**facts, "task": " \t ", "known_limitations": []}
    cases.append(((blank,), {}))
    return cases


# --- the card ----------------------------------------------------------------------------------

def parse_card(text: str) -> tuple[str, list[str], dict[str, list[str]]]:
    """(title line, section headings in order, section -> its non-blank lines)."""
    lines = [line.rstrip() for line in text.splitlines()]
    title = next((line for line in lines if line.strip()), "")
    headings: list[str] = []
    sections: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("## "):
            current = line[3:].strip()
            headings.append(current)
            sections.setdefault(current, [])
        elif current is not None and line.strip():
            sections[current].append(line.strip())
    return title.strip(), headings, sections


def _cards(calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict | None:
    failed = first_error(calls, answers)
    if failed:
        return failed
    if not all(isinstance(a.value, str) for a in answers):
        return Verdict(False, "`model_card` must return the card as one str of Markdown")
    return None


def _expected(call: Call) -> str:
    return reference.model_card(*call.args, **call.kwargs)


class CardFacts(HiddenCheck):
    """Title, section order, and the sections copied from the facts."""

    function = "model_card"
    copied = ["Model details", "Intended use", "Out-of-scope use", "Training data",
              "Evaluation data", "Ethical considerations"]

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return card_calls(rng)

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _cards(calls, answers)
        if failed:
            return failed
        problems: set[str] = set()
        for call, answer in zip(calls, answers, strict=True):
            want_title, want_heads, want = parse_card(_expected(call))
            title, heads, got = parse_card(answer.value)
            if title != want_title:
                problems.add("the title line")
            if heads != want_heads:
                problems.add("the section headings or their order")
                continue
            for section in self.copied:
                if got[section] != want[section]:
                    problems.add(f"the '{section}' section")
        if problems:
            return Verdict(False, "on hidden facts, these parts of the card do not match the "
                                  f"template filled from the facts: {', '.join(sorted(problems))}")
        return Verdict(True, self.title)


def _number(cell: str) -> float | None | str:
    if cell == "n/a":
        return None
    try:
        return float(cell)
    except ValueError:
        return "unreadable"


def _table(lines: list[str]) -> list[list[str]] | None:
    rows = []
    for line in lines:
        if not (line.startswith("|") and line.endswith("|")):
            return None
        rows.append([cell.strip() for cell in line[1:-1].split("|")])
    return rows


def _close(a: float | None | str, b: float | None | str) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 6e-4
    return a == b


class CardTable(HiddenCheck):
    """The metrics table: header, one row for overall and one per group (sorted)."""

    function = "model_card"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return card_calls(rng)

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _cards(calls, answers)
        if failed:
            return failed
        wrong = 0
        for call, answer in zip(calls, answers, strict=True):
            want = _table(parse_card(_expected(call))[2]["Metrics"])
            got_lines = parse_card(answer.value)[2].get("Metrics")
            got = _table(got_lines) if got_lines else None
            if got is None or len(got) != len(want) or got[:2] != want[:2]:
                wrong += 1
                continue
            for g, w in zip(got[2:], want[2:], strict=True):
                if len(g) != 5 or g[0] != w[0] or g[1] != w[1] or not all(
                        _close(_number(a), _number(b)) for a, b in zip(g[2:], w[2:], strict=True)):
                    wrong += 1
                    break
        if wrong:
            return Verdict(False, f"the metrics table is wrong in {wrong} of {len(calls)} hidden "
                                  "cards (rows, their order, counts, metrics to three decimals or "
                                  "n/a)")
        return Verdict(True, self.title)


RECALL_LINE = re.compile(r"^- (\S+): recall ([0-9.]+) is ([0-9.]+) below overall ([0-9.]+)\.$")


def _same_limitation(got: str, want: str) -> bool:
    if got == want:
        return True
    g, w = RECALL_LINE.match(got), RECALL_LINE.match(want)
    if not (g and w) or g.group(1) != w.group(1):
        return False
    return all(abs(float(g.group(i)) - float(w.group(i))) <= 6e-4 for i in (2, 3, 4))


def _same_lines(got: list[str], want: list[str]) -> bool:
    """The automatic lines match one to one; their order is judged by card-table already."""
    left = list(want)
    for line in got:
        match = next((w for w in left if _same_limitation(line, w)), None)
        if match is None:
            return False
        left.remove(match)
    return not left


class CardLimitations(HiddenCheck):
    """Known limitations first, in order, then the automatic ones (one per flagged group)."""

    function = "model_card"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        return card_calls(rng)

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _cards(calls, answers)
        if failed:
            return failed
        wrong = 0
        for call, answer in zip(calls, answers, strict=True):
            want = parse_card(_expected(call))[2]["Limitations"]
            got = parse_card(answer.value)[2].get("Limitations", [])
            known = len(call.args[0]["known_limitations"])
            if len(got) != len(want) or got[:known] != want[:known] or not _same_lines(
                    got[known:], want[known:]):
                wrong += 1
        if wrong:
            return Verdict(False, f"the Limitations section is wrong in {wrong} of {len(calls)} "
                                  "hidden cards")
        return Verdict(True, self.title)


class CardRefuses(HiddenCheck):
    """Incomplete facts raise ValueError; complete facts give a card."""

    function = "model_card"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        facts, min_size, gap = random_facts(rng, ["normal", "low", "small"])
        calls = [Call("model_card", (facts, min_size, gap))]
        for field, value in [("out_of_scope", []), ("intended_use", None), ("task", "   ")]:
            calls.append(Call("model_card", ({**facts, field: value}, min_size, gap)))
        absent = {k: v for k, v in facts.items() if k != "ethical_considerations"}
        calls.append(Call("model_card", (absent, min_size, gap)))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        if not answers[0].ok or not isinstance(answers[0].value, str):
            return Verdict(False, "`model_card` must return a card for complete facts")
        accepted = sum(1 for a in answers[1:] if a.ok)
        other = sum(1 for a in answers[1:] if not a.ok and not (a.error or "").startswith(
            "ValueError"))
        if accepted or other:
            parts = []
            if accepted:
                parts.append(f"returned a card for {accepted} sets of facts with a missing or "
                             "empty required field")
            if other:
                parts.append(f"raised something other than ValueError for {other} of them")
            return Verdict(False, "`model_card` " + " and ".join(parts))
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m12-responsible-ml/model-card",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "metrics-random", "card_metrics on random groups, undefined metrics included", 1,
            "card_metrics", metric_inputs, reference.card_metrics, rtol=1e-9, atol=1e-12,
            message="card_metrics disagrees with n, accuracy, precision and recall per group",
            hints=["Try a group without actual positives and a group without predicted "
                   "positives. What do you return for the metric you cannot compute?",
                   "precision = TP / predicted positives, recall = TP / actual positives, "
                   "each None (not 0.0, not nan) when its denominator is zero; keys 'overall' "
                   "and 'groups', groups keyed by their name as str."]),
        AgreesWithReference(
            "missing-random", "missing_fields on facts with random gaps", 1,
            "missing_fields", missing_inputs, reference.missing_fields,
            message="missing_fields does not list exactly the missing or empty required fields",
            hints=["Which values count as 'not filled in'? Think of None, an empty list, an "
                   "empty dict, and a string made only of spaces or tabs.",
                   "A required field is missing when it is absent, None, a str whose .strip() "
                   "is empty, or an empty list or dict; return the names sorted."]),
        CardRefuses(
            "card-refuses", "model_card refuses incomplete facts with a ValueError", 1,
            hints=["What does your function do when a required field is absent, or an empty "
                   "list? A KeyError, or a card with an empty section, both let a bad card "
                   "through a pipeline that expects ValueError.",
                   "Call missing_fields(facts) first and raise ValueError naming the fields "
                   "when it returns anything."]),
        CardFacts(
            "card-facts", "the card's title, section order and copied facts", 2,
            hints=["Compare your card with the template line by line: title, the eight "
                   "headings in order, bullets with the exact labels ('- Owners: ', "
                   "'- Source: ', ...).",
                   "Owners are joined with ', '; the evaluation data's Rows is the number of "
                   "evaluation examples (len(y_true)), not a number from the training data."]),
        CardTable(
            "card-table", "the metrics table: overall and every group, sorted", 2,
            hints=["Is the overall row first, then one row per group sorted by group name, "
                   "labelled attribute=value? Are undefined metrics written as n/a?",
                   "Each row is '| label | n | accuracy | precision | recall |' with the "
                   "metrics formatted '{:.3f}' and None shown as 'n/a'."]),
        CardLimitations(
            "card-limitations", "limitations: the known ones, then the automatic ones", 2,
            hints=["Test a group with exactly min_group_size rows, a smaller group with a low "
                   "recall, a large group whose recall is far ABOVE the overall, and a large "
                   "group with no actual positives.",
                   "Known limitations first, in order; then for each group sorted by name: "
                   "n < min_group_size gives the 'only n evaluation examples' line and nothing "
                   "else; otherwise, if recall is defined and overall - recall > max_recall_gap, "
                   "the recall line. Better-than-overall recall is not a limitation."]),
    ],
)

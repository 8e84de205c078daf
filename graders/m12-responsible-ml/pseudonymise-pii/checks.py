"""Checks for pseudonymise-pii: the public examples plus hidden random inputs.

People are drawn from a pool of made-up names; each appearance of a person is
typed differently (capitals, stray whitespace, phone separators), and values
are missing or blank now and then. Frames hold the PII columns next to other
text and number columns that must come back untouched.

Besides agreeing with the reference, pseudonymise is judged on the properties
a pipeline relies on:

* ``keyed``: the same key gives the same tokens twice; another key changes every
  token (tokens nobody can recompute without the key);
* ``joins``: two tables that mention the same people, typed differently and
  under different column names, join on the tokens exactly where they join on
  the normalised values, and missing values join nothing;
* ``input-unchanged``: the frame passed in is not modified.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

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
from academy.runtime import codec

from . import reference
from .public import PUBLIC_CHECKS

FIRST = ["ana", "ben", "chloe", "dmitri", "eva", "farid", "grace", "hugo", "ines", "jun",
         "kofi", "lena", "mateo", "nora", "omar", "priya", "quentin", "rosa", "sven", "tara"]
LAST = ["smith", "garcia", "nguyen", "muller", "rossi", "kowalski", "okafor", "silva",
        "tanaka", "dubois", "jensen", "haddad"]
DOMAINS = ["example.com", "mail.example.org", "corp.example.net", "example.co.uk"]
CITIES = ["Leeds", "Lyon", "Porto", "Gdansk", "Osaka", "Accra", None]
PADDING = ["", "", "", " ", "  ", "\t", " \n", "\u00a0"]
EMAIL_COLUMNS = ["email", "contact_email", "e_mail", "customer_email"]
PHONE_COLUMNS = ["phone", "mobile", "tel", "phone_number"]


def _person(rng: np.random.Generator) -> tuple[str, str]:
    """A canonical (email, phone digits) pair."""
    first, last = str(rng.choice(FIRST)), str(rng.choice(LAST))
    local = [f"{first}.{last}", f"{first}{last[0]}{int(rng.integers(1, 99))}",
             f"{first}_{last}"][int(rng.integers(3))]
    email = f"{local}@{rng.choice(DOMAINS)}"
    country = str(rng.choice(["44", "33", "49", "1", "34"]))
    digits = country + "".join(str(d) for d in rng.integers(0, 10, size=int(rng.integers(9, 11))))
    return email, digits


def typed_email(rng: np.random.Generator, email: str) -> str:
    style = int(rng.integers(4))
    if style == 1:
        email = email.upper()
    elif style == 2:
        email = ".".join(part.capitalize() for part in email.split("."))
    elif style == 3:
        email = "".join(c.upper() if rng.random() < 0.3 else c for c in email)
    return f"{rng.choice(PADDING)}{email}{rng.choice(PADDING)}"


def typed_phone(rng: np.random.Generator, digits: str) -> str:
    chunks, i = [], 0
    while i < len(digits):
        size = int(rng.integers(2, 5))
        chunks.append(digits[i:i + size])
        i += size
    sep = str(rng.choice([" ", "-", ".", "", " "]))
    if rng.random() < 0.3:
        text = f"({chunks[0]}) " + sep.join(chunks[1:])
    else:
        text = ("+" if rng.random() < 0.6 else "") + sep.join(chunks)
    return f"{rng.choice(PADDING[:5])}{text}{rng.choice(PADDING[:5])}"


def _maybe_missing(rng: np.random.Generator, value: str, kind: str, p: float) -> str | None:
    if rng.random() >= p:
        return value
    if kind == "email":
        return [None, "", "   ", "\t"][int(rng.integers(4))]
    return [None, "", "n/a", " - "][int(rng.integers(4))]


def random_frame(rng: np.random.Generator, n: int, p_missing: float = 0.15,
                 people: list | None = None) -> tuple[pd.DataFrame, str, str]:
    """A customer table: id, email, phone, city and amount in a random column order."""
    people = people or [_person(rng) for _ in range(max(3, n // 3))]
    picks = rng.integers(len(people), size=n)  # people appear several times
    email_col, phone_col = str(rng.choice(EMAIL_COLUMNS)), str(rng.choice(PHONE_COLUMNS))
    amount = np.round(rng.gamma(2.0, 40.0, size=n), 2)
    amount[rng.random(n) < 0.1] = np.nan
    data = {
        "customer_id": rng.integers(1000, 9999, size=n).astype(np.int64),
        email_col: [_maybe_missing(rng, typed_email(rng, people[i][0]), "email", p_missing)
                    for i in picks],
        phone_col: [_maybe_missing(rng, typed_phone(rng, people[i][1]), "phone", p_missing)
                    for i in picks],
        "city": [CITIES[int(rng.integers(len(CITIES)))] for _ in range(n)],
        "amount": amount,
    }
    order = list(rng.permutation(list(data)))
    frame = pd.DataFrame({str(c): data[str(c)] for c in order})
    for col in (email_col, phone_col, "city"):
        frame[col] = pd.Series(list(data[col]), dtype=object)
    return frame, email_col, phone_col


def random_key(rng: np.random.Generator) -> str:
    kind = int(rng.integers(3))
    if kind == 0:
        return "".join(f"{b:02x}" for b in rng.integers(0, 256, size=32))
    if kind == 1:
        return "-".join(str(w) for w in rng.choice(["tide", "ember", "quartz", "lilac", "orbit",
                                                    "maple", "cobalt"], size=4))
    return "clé-secrète-" + str(int(rng.integers(10**6)))  # non-ASCII: encode as UTF-8


# --- normalise and pseudonym -----------------------------------------------------------------

def normalise_inputs(rng: np.random.Generator) -> list:
    cases = []
    for _ in range(10):
        email, digits = _person(rng)
        cases.append(((typed_email(rng, email), "email"), {}))
        cases.append(((typed_phone(rng, digits), "phone"), {}))
    for value in [None, "", "   ", "\t\n", float("nan")]:
        cases.append(((value, "email"), {}))
    for value in [None, "", "n/a", " - ", "()"]:
        cases.append(((value, "phone"), {}))
    order = rng.permutation(len(cases))
    return [cases[i] for i in order]


def pseudonym_inputs(rng: np.random.Generator) -> list:
    cases = []
    for _ in range(8):
        email, digits = _person(rng)
        key = random_key(rng)
        cases.append(((typed_email(rng, email), key, "email"), {}))
        cases.append(((typed_phone(rng, digits), key, "phone"), {}))
    key = random_key(rng)
    cases += [((None, key, "email"), {}), (("  ", key, "email"), {}),
              (("n/a", key, "phone"), {}), ((None, key, "phone"), {})]
    order = rng.permutation(len(cases))
    return [cases[i] for i in order]


# --- pseudonymise ----------------------------------------------------------------------------

def frame_inputs(rng: np.random.Generator) -> list:
    cases = []
    frame, email_col, phone_col = random_frame(rng, int(rng.integers(30, 60)))
    cases.append(((frame, random_key(rng), {email_col: "email", phone_col: "phone"}), {}))
    frame, email_col, phone_col = random_frame(rng, int(rng.integers(20, 40)))
    cases.append(((frame, random_key(rng), {email_col: "email"}), {}))  # phone not listed
    frame, email_col, phone_col = random_frame(rng, 12, p_missing=0.5)
    cases.append(((frame, random_key(rng), {phone_col: "phone", email_col: "email"}), {}))
    return cases


def _pii(frame: pd.DataFrame, columns: dict) -> dict[str, list]:
    """The normalised values of each PII column (None where missing)."""
    return {col: [reference.normalise(v, kind) for v in frame[col].tolist()]
            for col, kind in columns.items()}


def _tokens(answer: Answer, columns: dict) -> dict[str, list] | None:
    """The token columns of an answer, missing as None; None if the answer is no frame."""
    value = answer.value
    if not isinstance(value, pd.DataFrame) or any(col not in value.columns for col in columns):
        return None
    return {col: [None if reference.is_missing(v) else v for v in value[col].tolist()]
            for col in columns}


def _not_frames(calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict | None:
    failed = first_error(calls, answers)
    if failed:
        return failed
    for call, answer in zip(calls, answers, strict=True):
        if _tokens(answer, call.args[2]) is None:
            return Verdict(False, "`pseudonymise` must return a DataFrame with the same columns "
                                  "as the frame it was given")
    return None


class Keyed(HiddenCheck):
    """Same frame, same key twice, then another key."""

    function = "pseudonymise"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        frame, email_col, phone_col = random_frame(rng, 40)
        columns = {email_col: "email", phone_col: "phone"}
        key, other = random_key(rng), random_key(rng)
        while other == key:
            other = random_key(rng)
        return [Call("pseudonymise", (frame, key, columns)),
                Call("pseudonymise", (frame, key, columns)),
                Call("pseudonymise", (frame, other, columns))]

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _not_frames(calls, answers)
        if failed:
            return failed
        frame, _, columns = calls[0].args
        norm = _pii(frame, columns)
        first, again, other = (_tokens(a, columns) for a in answers)
        if first != again:
            return Verdict(False, "pseudonymising the same frame twice with the same key gives "
                                  "different tokens, so nothing could ever be joined on them")
        unchanged = sum(1 for col in columns for i, v in enumerate(norm[col])
                        if v is not None and first[col][i] == other[col][i])
        if unchanged:
            return Verdict(False, f"{unchanged} tokens stay the same when the key changes: "
                                  "anyone with a list of candidate values can recompute them "
                                  "without the key")
        return Verdict(True, self.title)


class Joins(HiddenCheck):
    """Two tables about overlapping people, typed differently, under other column names."""

    function = "pseudonymise"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for _ in range(2):
            people = [_person(rng) for _ in range(12)]
            key = random_key(rng)
            a, email_a, phone_a = random_frame(rng, 30, people=people[:9])
            b, email_b, phone_b = random_frame(rng, 25, people=people[4:])
            # some people changed their phone number between the two tables
            moved = rng.random(len(b)) < 0.3
            b[phone_b] = pd.Series([typed_phone(rng, _person(rng)[1]) if m else v
                                    for m, v in zip(moved, b[phone_b].tolist(), strict=True)],
                                   dtype=object)
            calls.append(Call("pseudonymise", (a, key, {email_a: "email", phone_a: "phone"})))
            calls.append(Call("pseudonymise", (b, key, {email_b: "email", phone_b: "phone"})))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = _not_frames(calls, answers)
        if failed:
            return failed
        wrong_pairs = leaked_missing = 0
        for k in range(0, len(calls), 2):
            tables = []
            for call, answer in zip(calls[k:k + 2], answers[k:k + 2], strict=True):
                frame, _, columns = call.args
                norm, toks = _pii(frame, columns), _tokens(answer, columns)
                by_kind = {kind: (norm[col], toks[col]) for col, kind in columns.items()}
                tables.append(by_kind)
            for kind in ("email", "phone"):
                (norm_a, tok_a), (norm_b, tok_b) = tables[0][kind], tables[1][kind]
                for norm, tok in ((norm_a, tok_a), (norm_b, tok_b)):
                    leaked_missing += sum(1 for n, t in zip(norm, tok, strict=True)
                                          if (n is None) != (t is None))
                for na, ta in zip(norm_a, tok_a, strict=True):
                    for nb, tb in zip(norm_b, tok_b, strict=True):
                        if na is None or nb is None or ta is None or tb is None:
                            continue
                        if (na == nb) != (ta == tb):
                            wrong_pairs += 1
        if wrong_pairs or leaked_missing:
            parts = []
            if wrong_pairs:
                parts.append(f"{wrong_pairs} pairs of rows join on the tokens but not on the "
                             "normalised values, or the other way round")
            if leaked_missing:
                parts.append(f"{leaked_missing} values are missing on one side only (a missing "
                             "or blank value must give a missing token, and a real value a "
                             "token)")
            return Verdict(False, "joining two tables on the tokens: " + "; ".join(parts))
        return Verdict(True, self.title)


class InputUnchanged(HiddenCheck):
    """The frame passed in is the same after the call."""

    function = "pseudonymise"

    def calls(self, rng: np.random.Generator) -> list[Call]:
        calls = []
        for n in (25, 40):
            frame, email_col, phone_col = random_frame(rng, n)
            calls.append(Call("academy:call_and_inputs",
                              ("pseudonymise", frame, random_key(rng),
                               {email_col: "email", phone_col: "phone"})))
        return calls

    def judge(self, calls: Sequence[Call], answers: Sequence[Answer]) -> Verdict:
        failed = first_error(calls, answers)
        if failed:
            return Verdict(False, failed.message.replace("academy:call_and_inputs",
                                                         "pseudonymise"))
        for call, answer in zip(calls, answers, strict=True):
            value = answer.value
            if not isinstance(value, dict) or not isinstance(value.get("result"), pd.DataFrame):
                return Verdict(False, "`pseudonymise` must return a DataFrame")
            before = codec.decode(codec.encode(call.args[1]))
            after = value["args"][0] if value.get("args") else None
            if not isinstance(after, pd.DataFrame) or codec.compare(after, before):
                return Verdict(False, "`pseudonymise` changed the frame it was given: the raw "
                                      "table (and anyone else holding it) now sees tokens, and "
                                      "running the step twice tokenises the tokens")
        return Verdict(True, self.title)


SUITE = Suite(
    exercise="m12-responsible-ml/pseudonymise-pii",
    checks=[
        *public_checks(PUBLIC_CHECKS),
        AgreesWithReference(
            "normalise-random", "normalise on messy e-mails and phones, blanks and missing", 1,
            "normalise", normalise_inputs, reference.normalise,
            message="normalise disagrees with the stated normalisation rules",
            hints=["Try None, float('nan'), an empty string, a string of spaces and tabs, and a "
                   "phone placeholder such as 'n/a'. Which of them is a person?",
                   "Missing (None or nan) gives None; email: strip() then lower(); phone: keep "
                   "only the characters 0-9; and if nothing is left, return None, not ''."]),
        AgreesWithReference(
            "pseudonym-random", "pseudonym on random values and keys", 2,
            "pseudonym", pseudonym_inputs, reference.pseudonym,
            message="pseudonym disagrees with HMAC-SHA256(key, normalised value) as hex",
            hints=["Some hidden keys contain non-ASCII characters and most values are typed "
                   "messily; missing and blank values must give None.",
                   "norm = normalise(value, kind); None stays None; otherwise "
                   "hmac.new(key.encode('utf-8'), norm.encode('utf-8'), "
                   "hashlib.sha256).hexdigest()."]),
        AgreesWithReference(
            "frame-reference", "pseudonymise on random customer tables", 2,
            "pseudonymise", frame_inputs, reference.pseudonymise,
            message="pseudonymise does not return the expected table (same columns in the same "
                    "order, listed columns tokenised, every other column untouched)",
            hints=["Only the columns named in `columns` change, each with its own kind; other "
                   "text columns (even ones that look personal) and number columns come back "
                   "exactly as they were, in the same order.",
                   "out = frame.copy(); for name, kind in columns.items(): out[name] = "
                   "[pseudonym(v, key, kind) for v in frame[name]]; return out."]),
        Keyed(
            "keyed", "tokens depend on the key and only on the key and the value", 1,
            hints=["Pseudonymise one frame with key 'a' twice and with key 'b' once: which "
                   "tokens must be equal, which must differ?",
                   "A plain hash (or a hash with a key nobody varies) can be recomputed by "
                   "anyone with a list of e-mails; a random salt per call makes the same "
                   "person a different token every time. Use HMAC with the given key, nothing "
                   "else."]),
        Joins(
            "joins", "two tables still join on the tokens", 2,
            hints=["Pseudonymise two tables that share people whose e-mails are typed with "
                   "different capitals and spaces, and whose phones use different "
                   "separators: do their tokens match?",
                   "Each cell's token must depend only on that cell's normalised value and "
                   "the key - not on the rest of the row, not on raw formatting; missing and "
                   "blank values stay missing so that they join nothing."]),
        InputUnchanged(
            "input-unchanged", "the frame passed in is left unchanged", 1,
            hints=["Print the input frame after calling your function: does it still hold the "
                   "raw values?",
                   "Work on frame.copy() (or build a new DataFrame); assigning columns to the "
                   "frame you were given changes the caller's table."]),
    ],
)

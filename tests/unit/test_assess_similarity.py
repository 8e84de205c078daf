"""Code similarity for assessments: winnowing over normalised notebook code, starter excluded."""

from __future__ import annotations

import builtins
import hashlib
import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat import v4

from academy.assess.similarity import (
    BUILTIN_NAMES,
    ExtractedCode,
    NotebookError,
    PairResult,
    Submission,
    analyse,
    extract_code,
    findings,
    fingerprints,
    kgram_digests,
    normalise,
    similarity_report,
    starter_digests,
    winnow,
)

EXERCISE = "m04-evaluation/metrics-from-scratch"

# ------------------------------------------------------------ a realistic starter

_NBGRADER = {"grade": False, "schema_version": 3, "task": False}
LOCKED = {**_NBGRADER, "locked": True, "solution": False}
SOLUTION = {**_NBGRADER, "locked": False, "solution": True}

STUBS = {
    "counts": '''def confusion_counts(y_true, y_pred):
    """Counts of true/false positives/negatives for binary labels."""
    # YOUR CODE HERE
    raise NotImplementedError()
''',
    "prf": '''def precision(y_true, y_pred):
    """TP / (TP + FP), or 0.0 when nothing is predicted positive."""
    # YOUR CODE HERE
    raise NotImplementedError()


def recall(y_true, y_pred):
    """TP / (TP + FN), or 0.0 when there are no actual positives."""
    # YOUR CODE HERE
    raise NotImplementedError()


def f1(y_true, y_pred):
    """Harmonic mean of precision and recall, or 0.0 when both are 0.0."""
    # YOUR CODE HERE
    raise NotImplementedError()
''',
    "auc": '''def roc_auc(y_true, y_score):
    """Probability that a random positive scores higher than a random negative (ties: 1/2)."""
    # YOUR CODE HERE
    raise NotImplementedError()
''',
}
HEADINGS = {"counts": "## 1. Confusion counts", "prf": "## 2. Precision, recall and F1",
            "auc": "## 3. ROC-AUC, ties included"}
CHECKS = {"counts": 'check("confusion_counts")', "prf": 'check("precision")',
          "auc": 'check("roc_auc")'}

# Alice: vectorised numpy, rank-sum AUC.
ALICE = {
    "counts": '''def confusion_counts(y_true, y_pred):
    """Counts of true/false positives/negatives for binary labels."""
    # boolean masks for the positive class
    actual = np.asarray(y_true) == 1
    predicted = np.asarray(y_pred) == 1
    tp = int(np.sum(actual & predicted))
    fp = int(np.sum(~actual & predicted))
    fn = int(np.sum(actual & ~predicted))
    tn = int(np.sum(~actual & ~predicted))
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn}
''',
    "prf": '''def precision(y_true, y_pred):
    """TP / (TP + FP), or 0.0 when nothing is predicted positive."""
    counts = confusion_counts(y_true, y_pred)
    denominator = counts["tp"] + counts["fp"]
    if denominator == 0:
        return 0.0
    return counts["tp"] / denominator


def recall(y_true, y_pred):
    """TP / (TP + FN), or 0.0 when there are no actual positives."""
    counts = confusion_counts(y_true, y_pred)
    denominator = counts["tp"] + counts["fn"]
    if denominator == 0:
        return 0.0
    return counts["tp"] / denominator


def f1(y_true, y_pred):
    """Harmonic mean of precision and recall, or 0.0 when both are 0.0."""
    p = precision(y_true, y_pred)
    r = recall(y_true, y_pred)
    if p + r == 0:
        return 0.0
    return 2 * p * r / (p + r)
''',
    "auc": '''def roc_auc(y_true, y_score):
    """Probability that a random positive scores higher than a random negative (ties: 1/2)."""
    labels = np.asarray(y_true) == 1
    scores = np.asarray(y_score, dtype=float)
    n_pos = int(labels.sum())
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        return 0.5
    # average ranks over runs of tied scores
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = scores[order]
    ranks = np.empty(len(scores))
    start = 0
    while start < len(scores):
        stop = start
        while stop + 1 < len(scores) and sorted_scores[stop + 1] == sorted_scores[start]:
            stop += 1
        ranks[order[start:stop + 1]] = (start + stop) / 2 + 1
        start = stop + 1
    u = ranks[labels].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))
''',
}

# Bob: Alice's code with every local renamed, new comments, reflowed whitespace.
BOB = {
    "counts": '''def confusion_counts(y_true, y_pred):
    """Counts of true/false positives/negatives for binary labels."""
    truth_mask = np.asarray(y_true)==1      # which rows are really positive
    guess_mask = np.asarray(y_pred)==1

    true_pos = int(np.sum(truth_mask & guess_mask))
    false_pos = int(np.sum(~truth_mask & guess_mask))
    false_neg = int(np.sum(truth_mask & ~guess_mask))
    true_neg = int(np.sum(~truth_mask & ~guess_mask))
    return {"tp": true_pos, "fp": false_pos,
            "fn": false_neg, "tn": true_neg}
''',
    "prf": '''def precision(y_true, y_pred):
    """TP / (TP + FP), or 0.0 when nothing is predicted positive."""
    tally = confusion_counts(y_true, y_pred)
    total_called = tally["tp"] + tally["fp"]   # everything we said was positive
    if total_called == 0:
        return 0.0
    return tally["tp"] / total_called


def recall(y_true, y_pred):
    """TP / (TP + FN), or 0.0 when there are no actual positives."""
    tally = confusion_counts(y_true, y_pred)
    total_real = tally["tp"] + tally["fn"]
    if total_real == 0:
        return 0.0
    return tally["tp"] / total_real


def f1(y_true, y_pred):
    """Harmonic mean of precision and recall, or 0.0 when both are 0.0."""
    prec = precision(y_true, y_pred)
    rec = recall(y_true, y_pred)
    if prec + rec == 0:
        return 0.0
    return 2 * prec * rec / (prec + rec)
''',
    "auc": '''def roc_auc(y_true, y_score):
    """Probability that a random positive scores higher than a random negative (ties: 1/2)."""
    is_pos = np.asarray(y_true) == 1
    vals = np.asarray(y_score, dtype=float)
    positives_n = int(is_pos.sum())
    negatives_n = len(is_pos) - positives_n
    if positives_n == 0 or negatives_n == 0:
        return 0.5
    idx = np.argsort(vals, kind="mergesort")   # stable sort keeps ties together
    vals_sorted = vals[idx]
    rank_of = np.empty(len(vals))
    lo = 0
    while lo < len(vals):
        hi = lo
        while hi + 1 < len(vals) and vals_sorted[hi + 1] == vals_sorted[lo]:
            hi += 1
        rank_of[idx[lo:hi + 1]] = (lo + hi) / 2 + 1
        lo = hi + 1
    mann_whitney = rank_of[is_pos].sum() - positives_n * (positives_n + 1) / 2
    return float(mann_whitney / (positives_n * negatives_n))
''',
}

# Dave: an independent, loop-based solution with pairwise AUC.
DAVE = {
    "counts": '''def confusion_counts(y_true, y_pred):
    """Counts of true/false positives/negatives for binary labels."""
    result = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for truth, guess in zip(list(y_true), list(y_pred)):
        if truth == 1 and guess == 1:
            result["tp"] += 1
        elif truth == 0 and guess == 1:
            result["fp"] += 1
        elif truth == 1:
            result["fn"] += 1
        else:
            result["tn"] += 1
    return result
''',
    "prf": '''def precision(y_true, y_pred):
    """TP / (TP + FP), or 0.0 when nothing is predicted positive."""
    c = confusion_counts(y_true, y_pred)
    return c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] > 0 else 0.0


def recall(y_true, y_pred):
    """TP / (TP + FN), or 0.0 when there are no actual positives."""
    c = confusion_counts(y_true, y_pred)
    return c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] > 0 else 0.0


def f1(y_true, y_pred):
    """Harmonic mean of precision and recall, or 0.0 when both are 0.0."""
    both = [precision(y_true, y_pred), recall(y_true, y_pred)]
    return 0.0 if sum(both) == 0 else 2 * both[0] * both[1] / sum(both)
''',
    "auc": '''def roc_auc(y_true, y_score):
    """Probability that a random positive scores higher than a random negative (ties: 1/2)."""
    positives = [s for s, t in zip(y_score, y_true) if t == 1]
    negatives = [s for s, t in zip(y_score, y_true) if t != 1]
    if not positives or not negatives:
        return 0.5
    wins = 0.0
    for p in positives:
        for n in negatives:
            if p > n:
                wins += 1.0
            elif p == n:
                wins += 0.5
    return wins / (len(positives) * len(negatives))
''',
}


def _meta(kind: dict[str, object], grade_id: str) -> dict[str, object]:
    return {"nbgrader": {**kind, "grade_id": grade_id}}


def write_notebook(path: Path, solutions: dict[str, str] | None = None, *,
                   order: tuple[str, ...] = ("counts", "prf", "auc"),
                   extra: tuple[str, ...] = ()) -> Path:
    """The student notebook of the metrics exercise; ``solutions`` replaces solution cells,
    ``extra`` cells are added by the candidate (no nbgrader metadata)."""
    solutions = solutions or {}
    nb = v4.new_notebook()
    nb.cells.append(v4.new_markdown_cell("# Classification metrics from scratch",
                                         metadata=_meta(LOCKED, "intro")))
    nb.cells.append(v4.new_code_cell("import numpy as np\nfrom _academy import check, hint",
                                     metadata=_meta(LOCKED, "imports")))
    for key in order:
        nb.cells.append(v4.new_markdown_cell(HEADINGS[key], metadata=_meta(LOCKED, f"md-{key}")))
        nb.cells.append(v4.new_code_cell(solutions.get(key, STUBS[key]),
                                         metadata=_meta(SOLUTION, key)))
        nb.cells.append(v4.new_code_cell(CHECKS[key], metadata=_meta(LOCKED, f"check-{key}")))
    nb.cells.append(v4.new_code_cell("check()", metadata=_meta(LOCKED, "check-all")))
    for source in extra:
        nb.cells.append(v4.new_code_cell(source))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def raw_notebook(path: Path, cells: list[str]) -> Path:
    nb = v4.new_notebook()
    nb.cells = [v4.new_code_cell(source) for source in cells]
    nbformat.write(nb, str(path))
    return path


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    return write_notebook(tmp_path / "starter.ipynb")


def _pair(pairs: list[PairResult], a: str, b: str) -> PairResult:
    (found,) = [p for p in pairs if {p.a, p.b} == {a, b}]
    return found


def _subs(tmp_path: Path, **notebooks: Path) -> list[Submission]:
    return [Submission(candidate=c, exercise=EXERCISE, path=p) for c, p in notebooks.items()]


# ------------------------------------------------------------------- extraction


def test_extraction_skips_locked_cells_and_maps_lines_to_cells(tmp_path: Path) -> None:
    nb = write_notebook(tmp_path / "alice.ipynb", ALICE, extra=("print(f1([1], [1]))",))
    code = extract_code(nb)
    assert "import numpy as np" not in code.text and 'check("precision")' not in code.text
    assert [c.index for c in code.cells] == [3, 6, 9, 12]  # three solution cells + the extra
    line = code.lines.index("    n_neg = len(labels) - n_pos") + 1
    assert code.origin(line) == (9, 6)
    assert code.origins[line - 1] == (9, 6)
    assert code.snippet(line, line + 1).splitlines()[1] == "    if n_pos == 0 or n_neg == 0:"
    assert code.origin(len(code.lines)) == (12, 1)
    with pytest.raises(IndexError):
        code.origin(len(code.lines) + 1)
    whole = extract_code(nb, include_locked=True)
    assert whole.lines[0] == "import numpy as np"


def test_magics_and_shell_escapes_are_dropped_but_python_is_kept(tmp_path: Path) -> None:
    cells = [
        "%matplotlib inline\n!pip install -q numpy\nx = 1",
        "%%time\ny = [1, 2]",
        "def f(a):\n    %time a + 1\n    return a",
        'text = ("%d items"\n        % 3)\nsql = """\n%(name)s\n!not a shell line\n"""',
        "  !ls -la\nz = 2",
    ]
    code = extract_code(raw_notebook(tmp_path / "m.ipynb", cells))
    assert code.lines == (
        "x = 1", "y = [1, 2]", "def f(a):", "    return a",
        'text = ("%d items"', "        % 3)", 'sql = """', "%(name)s", "!not a shell line", '"""',
        "z = 2")
    assert code.origin(1) == (0, 3)
    assert code.origin(4) == (2, 3)
    assert code.origin(11) == (4, 2)


def test_a_magic_cell_that_does_not_tokenize_still_loses_its_magic_lines(tmp_path: Path) -> None:
    code = extract_code(raw_notebook(tmp_path / "m.ipynb", ["%timeit f(x\nvalue = (1 +"]))
    assert code.lines == ("value = (1 +",)


@pytest.mark.parametrize("content, message", [
    (None, "does not exist"),
    (b"{not json", "is not valid JSON"),
    (b"\xff\xfe\x00", "is not UTF-8"),
    (b"[1, 2]", "not a notebook"),
    (json.dumps({"nbformat": 3, "worksheets": []}).encode(), "only version 4"),
    (json.dumps({"nbformat": 4, "metadata": {}}).encode(), "no list of cells"),
    (json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "source": 5}]}).encode(),
     "cell 0 has a source that is not text"),
])
def test_unreadable_notebooks_raise_one_sentence(tmp_path: Path, content: bytes | None,
                                                 message: str) -> None:
    path = tmp_path / "bad.ipynb"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(NotebookError, match=message) as info:
        extract_code(path)
    assert str(info.value).endswith(".") and "\n" not in str(info.value)


# -------------------------------------------------------------------- normalising


def _stream(tmp_path: Path, *cells: str) -> list[str]:
    path = raw_notebook(tmp_path / f"n{len(list(tmp_path.iterdir()))}.ipynb", list(cells))
    return [t.text for t in normalise(extract_code(path))]


def test_renaming_locals_does_not_change_the_stream_but_library_calls_do(tmp_path: Path) -> None:
    one = _stream(tmp_path, "total = np.mean(values)  # average\nprint(len(total), 'a')")
    two = _stream(tmp_path, "s = np.mean(v)\n\n\nprint(len(s),   \"other text\")")
    assert one == two == ["V", "=", "V", ".", "mean", "(", "V", ")",
                          "print", "(", "len", "(", "V", ")", ",", "S", ")"]
    assert _stream(tmp_path, "s = np.mean(v)") != _stream(tmp_path, "s = np.median(v)")
    assert _stream(tmp_path, "for i in range(3):\n    x = 1.5\n    break") == [
        "for", "V", "in", "range", "(", "N", ")", ":", "V", "=", "N", "break"]


def test_builtin_names_are_python_311s_public_builtins() -> None:
    site_helpers = {"copyright", "credits", "exit", "help", "license", "quit"}
    public = {n for n in dir(builtins) if not n.startswith("_")} - site_helpers
    assert public == BUILTIN_NAMES


def test_a_cell_with_a_syntax_error_falls_back_and_still_fingerprints(tmp_path: Path) -> None:
    broken = ('def broken(y_true, y_pred):\n    """Unfinished."""\n'
              "    hits = np.sum(np.asarray(y_true) == np.asarray(y_pred)\n"
              "    return hits / len(y_true)  # the paren above is never closed\n")
    bad_indent = "if ready:\n        a = np.zeros(3)\n    b = a.sum()\n"
    path = raw_notebook(tmp_path / "broken.ipynb", ["x = 1", broken, bad_indent])
    code = extract_code(path)
    tokens = normalise(code)
    texts = [t.text for t in tokens]
    assert texts[:3] == ["V", "=", "N"]
    fallback = [t.text for t in tokens if 2 <= t.line <= 5]
    assert fallback[:9] == ["def", "V", "(", "V", ",", "V", ")", ":", "S"]
    assert "#" not in fallback and "sum" in fallback and "len" in fallback
    assert [t.text for t in tokens if t.line >= 6] == [
        "if", "V", ":", "V", "=", "V", ".", "zeros", "(", "N", ")",
        "V", "=", "V", ".", "sum", "(", ")"]
    prints = fingerprints(code, k=5, w=3)
    assert prints and any(2 <= fp.first_line <= 5 for fp in prints)


# ------------------------------------------------------------------ fingerprinting


def test_kgram_hash_is_8_byte_blake2b_of_the_tokens(tmp_path: Path) -> None:
    tokens = normalise(extract_code(raw_notebook(tmp_path / "k.ipynb", ["x = np.sum(y)"])))
    digests = kgram_digests(tokens, k=3)
    expected = hashlib.blake2b(b"V\x1f=\x1fV", digest_size=8).digest()
    assert len(digests) == len(tokens) - 2
    assert digests[0] == int.from_bytes(expected, "big")
    assert kgram_digests(tokens, k=len(tokens) + 1) == []


def test_winnowing_picks_a_position_in_every_window() -> None:
    rng = random.Random(7)
    for w in (1, 2, 4, 6, 9):
        digests = [rng.randrange(50) for _ in range(300)]  # small range: many ties
        picked = winnow(digests, w)
        assert picked == sorted(set(picked))
        for start in range(len(digests) - w + 1):
            inside = [p for p in picked if start <= p < start + w]
            assert inside and min(digests[start:start + w]) in {digests[p] for p in inside}
    assert winnow([5, 3, 9], w=6) == [1]
    assert winnow([], w=6) == []


def test_fingerprints_carry_their_line_ranges(tmp_path: Path) -> None:
    code = extract_code(write_notebook(tmp_path / "alice.ipynb", ALICE))
    tokens = normalise(code)
    prints = fingerprints(code)
    assert len(prints) >= len(tokens) // 6 - 1
    for fp in prints:
        assert fp.first_line == tokens[fp.position].line
        assert fp.last_line == tokens[fp.position + 11].line


def test_hashes_are_stable_across_processes(tmp_path: Path) -> None:
    nb = write_notebook(tmp_path / "alice.ipynb", ALICE)
    here = [[fp.digest, fp.position, fp.first_line, fp.last_line]
            for fp in fingerprints(extract_code(nb))]
    script = ("import json, sys\nfrom pathlib import Path\n"
              "from academy.assess.similarity import extract_code, fingerprints\n"
              "prints = fingerprints(extract_code(Path(sys.argv[1])))\n"
              "print(json.dumps([[f.digest, f.position, f.first_line, f.last_line]"
              " for f in prints]))\n")
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script, str(nb)], env=env, check=True,
                             capture_output=True, text=True, timeout=120)
        assert json.loads(out.stdout) == here


# -------------------------------------------------------------------- comparison


def test_a_renamed_copy_is_flagged_with_the_renamed_code_shown(tmp_path: Path,
                                                              starter: Path) -> None:
    subs = _subs(tmp_path, alice=write_notebook(tmp_path / "a.ipynb", ALICE),
                 bob=write_notebook(tmp_path / "b.ipynb", BOB))
    (pair,) = analyse(subs, {EXERCISE: starter})
    assert (pair.a, pair.b) == ("alice", "bob")
    assert pair.flagged and pair.score >= 0.9
    assert 1 <= len(pair.matches_a_b) <= 10
    first = pair.matches_a_b[0]  # a contiguous copy comes back as one long run, not pieces
    assert first.mine_lines[1] - first.mine_lines[0] >= 40
    lengths = [m.mine_lines[1] - m.mine_lines[0] for m in pair.matches_a_b]
    assert lengths == sorted(lengths, reverse=True)
    mine = "\n".join(m.mine for m in pair.matches_a_b)
    theirs = "\n".join(m.theirs for m in pair.matches_a_b)
    assert "sorted_scores[stop + 1] == sorted_scores[start]" in mine
    assert "vals_sorted[hi + 1] == vals_sorted[lo]" in theirs
    assert "false_neg = int(np.sum(truth_mask & ~guess_mask))" in theirs
    alice = extract_code(subs[0].path)
    bob = extract_code(subs[1].path)
    for m in pair.matches_a_b:  # the text is the original code of the reported lines
        assert m.mine == alice.snippet(*m.mine_lines)
        assert m.theirs == bob.snippet(*m.theirs_lines)

    from_bob = pair.findings_for("bob")
    assert from_bob.other == "alice" and from_bob.score == pair.score
    assert from_bob.matches[0].mine == pair.matches_a_b[0].theirs
    assert from_bob.matches[0].mine_lines == pair.matches_a_b[0].theirs_lines
    assert pair.findings_for("alice").matches == pair.matches_a_b
    with pytest.raises(ValueError, match="not in the pair"):
        pair.findings_for("carol")


def test_a_copy_with_reordered_cells_and_functions_is_still_flagged(tmp_path: Path,
                                                                   starter: Path) -> None:
    functions = ALICE["prf"].split("\n\n\n")
    reordered = {**ALICE, "prf": "\n\n\n".join(reversed(functions))}
    subs = _subs(tmp_path, alice=write_notebook(tmp_path / "a.ipynb", ALICE),
                 carol=write_notebook(tmp_path / "c.ipynb", reordered,
                                      order=("auc", "prf", "counts")))
    (pair,) = analyse(subs, {EXERCISE: starter})
    assert pair.flagged and pair.score >= 0.8
    # the moved pieces are reported separately, each paired with its own cell
    alice, carol = extract_code(subs[0].path), extract_code(subs[1].path)
    cells = {(alice.origin(m.mine_lines[0])[0], carol.origin(m.theirs_lines[0])[0])
             for m in pair.matches_a_b}
    assert {(3, 9), (6, 6), (9, 3)} <= cells  # counts, prf and auc solution cells


def test_a_copy_with_a_syntax_error_is_still_flagged(tmp_path: Path, starter: Path) -> None:
    broken = {**BOB, "auc": BOB["auc"] + "    extra = (1 +\n"}
    subs = _subs(tmp_path, alice=write_notebook(tmp_path / "a.ipynb", ALICE),
                 erin=write_notebook(tmp_path / "e.ipynb", broken))
    (pair,) = analyse(subs, {EXERCISE: starter})
    assert pair.flagged and pair.score >= 0.8


def test_independent_solutions_are_not_flagged(tmp_path: Path, starter: Path) -> None:
    subs = _subs(tmp_path, alice=write_notebook(tmp_path / "a.ipynb", ALICE),
                 dave=write_notebook(tmp_path / "d.ipynb", DAVE))
    (pair,) = analyse(subs, {EXERCISE: starter})
    assert not pair.flagged and pair.score < 0.2
    assert pair.size_a >= 20 and pair.size_b >= 20  # both had plenty of their own code
    assert pair.matches_a_b == []


def test_the_untouched_starter_is_not_flagged(tmp_path: Path, starter: Path) -> None:
    subs = _subs(tmp_path, fay=write_notebook(tmp_path / "f.ipynb"),
                 gus=write_notebook(tmp_path / "g.ipynb"))
    (pair,) = analyse(subs, {EXERCISE: starter})
    assert (pair.score, pair.flagged, pair.size_a, pair.size_b) == (0.0, False, 0, 0)
    # without the starter the two look identical (the stubs are tiny, hence min_fingerprints=1)
    (bare,) = similarity_report(subs, {}, min_fingerprints=1).pairs
    assert bare.flagged and bare.score == 1.0 and bare.shared >= 1


def test_starter_digests_cover_stub_cells_joined_and_locked_cells(tmp_path: Path) -> None:
    nb = v4.new_notebook()
    nb.cells = [v4.new_code_cell("answer = None", metadata=_meta(SOLUTION, "a")),
                v4.new_code_cell('check("answer")', metadata=_meta(LOCKED, "check-a")),
                v4.new_code_cell("def g(data):\n    raise NotImplementedError()",
                                 metadata=_meta(SOLUTION, "g"))]
    nbformat.write(nb, str(tmp_path / "starter.ipynb"))
    known = starter_digests(tmp_path / "starter.ipynb", k=4)
    as_read = normalise(extract_code(tmp_path / "starter.ipynb"))  # the check cell skipped
    with_locked = normalise(extract_code(tmp_path / "starter.ipynb", include_locked=True))
    assert set(kgram_digests(as_read, 4)) <= known
    assert set(kgram_digests(with_locked, 4)) <= known
    assert not set(kgram_digests(as_read, 4)) <= set(kgram_digests(with_locked, 4))


def test_candidates_with_little_code_of_their_own_score_zero(tmp_path: Path,
                                                            starter: Path) -> None:
    # ivy wrote two lines, one as alice wrote it: too little to show copying
    two_lines = "\n".join(ALICE["counts"].splitlines()[:4]) + "\n    return actual\n"
    alice = write_notebook(tmp_path / "a.ipynb", ALICE)
    lone = _subs(tmp_path, alice=alice,
                 ivy=write_notebook(tmp_path / "i.ipynb", {"counts": two_lines}))
    (pair,) = analyse(lone, {EXERCISE: starter})
    assert pair.shared >= 1 and pair.size_b < 5
    assert pair.score == 0.0 and not pair.flagged
    # the same few fingerprints count once the floor is lowered
    (low,) = similarity_report(lone, {EXERCISE: starter}, min_fingerprints=1).pairs
    assert low.score == pair.shared / pair.size_b > 0
    # hal kept the counts stub but copied the rest: flagged on what there is
    tiny = {"counts": STUBS["counts"].replace("raise NotImplementedError()", "return {}")}
    subs = _subs(tmp_path, alice=alice, hal=write_notebook(tmp_path / "h.ipynb", {**ALICE, **tiny}))
    (pair,) = analyse(subs, {EXERCISE: starter})
    assert pair.flagged and pair.score >= 0.9


HELPER = '''def as_binary(values, name):
    """Validate a label vector and return it as a boolean array."""
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    if len(array) == 0:
        raise ValueError(f"{name} is empty")
    if not np.isin(array, [0, 1]).all():
        raise ValueError(f"{name} must contain only 0 and 1")
    return array == 1
'''
HELPER_MIDDLE = 'raise ValueError(f"{name} is empty")'
OWN_CODE = [
    '''def balanced_accuracy(y_true, y_pred):
    t = as_binary(y_true, "y_true")
    p = as_binary(y_pred, "y_pred")
    sensitivity = (t & p).sum() / max(t.sum(), 1)
    specificity = (~t & ~p).sum() / max((~t).sum(), 1)
    return float((sensitivity + specificity) / 2)
''',
    '''class RunningMean:
    def __init__(self):
        self.total = 0.0
        self.count = 0

    def add(self, value):
        self.total += value
        self.count += 1
        return self.total / self.count
''',
    '''scores = {}
for threshold in np.linspace(0.1, 0.9, 9):
    labels = (np.random.default_rng(0).random(100) > threshold).astype(int)
    scores[round(float(threshold), 1)] = labels.mean()
print(sorted(scores.items(), key=lambda item: item[1])[:3])
''',
    '''def log_loss(y_true, probabilities, eps=1e-12):
    y = as_binary(y_true, "y_true").astype(float)
    q = np.clip(np.asarray(probabilities, dtype=float), eps, 1 - eps)
    return float(-np.mean(y * np.log(q) + (1 - y) * np.log1p(-q)))
''',
    '''import itertools

def all_thresholds(y_score):
    unique = sorted(set(itertools.chain.from_iterable([y_score])))
    midpoints = [(lo + hi) / 2 for lo, hi in zip(unique, unique[1:])]
    return [unique[0] - 1, *midpoints, unique[-1] + 1]
''',
]


def _helper_in_matches(pairs: list[PairResult]) -> list[bool]:
    return [any(HELPER_MIDDLE in m.mine and HELPER_MIDDLE in m.theirs for m in p.matches_a_b)
            for p in pairs]


def test_code_repeated_on_one_side_is_paired_once(tmp_path: Path, starter: Path) -> None:
    subs = _subs(tmp_path, alice=write_notebook(tmp_path / "a.ipynb", ALICE, extra=(HELPER,)),
                 bob=write_notebook(tmp_path / "b.ipynb", BOB, extra=(HELPER, HELPER)))
    (pair,) = analyse(subs, {EXERCISE: starter})
    assert pair.flagged
    helper = [m for m in pair.matches_a_b if HELPER_MIDDLE in m.mine]
    assert len(helper) == 1 and HELPER_MIDDLE in helper[0].theirs
    bob = extract_code(subs[1].path)
    assert bob.origin(helper[0].theirs_lines[1])[0] == 12  # the first of bob's two copies
    assert not any(bob.origin(m.theirs_lines[1])[0] == 13 for m in pair.matches_a_b)


def test_code_that_most_candidates_share_is_not_evidence(tmp_path: Path, starter: Path) -> None:
    subs = [Submission(f"c{i}", EXERCISE, write_notebook(
        tmp_path / f"c{i}.ipynb", extra=(own, HELPER))) for i, own in enumerate(OWN_CODE)]
    starters = {EXERCISE: starter}
    default = analyse(subs, starters)
    assert len(default) == 10 and not any(p.flagged for p in default)
    low = analyse(subs, starters, threshold=0.01)  # show whatever is still shared
    assert not any(_helper_in_matches(low))
    # the rule switched off (nothing is held by more than all): the helper is shared by all
    kept = analyse(subs, starters, threshold=0.01, common_fraction=1.0)
    assert all(_helper_in_matches(kept))
    # with fewer than 4 candidates the rule does not apply
    three = analyse(subs[:3], starters, threshold=0.01)
    assert all(_helper_in_matches(three))


# --------------------------------------------------------------- batch robustness


def test_bad_notebooks_are_skipped_and_the_batch_goes_on(tmp_path: Path, starter: Path) -> None:
    (tmp_path / "junk.ipynb").write_text("not json")
    subs = _subs(tmp_path, alice=write_notebook(tmp_path / "a.ipynb", ALICE),
                 bob=write_notebook(tmp_path / "b.ipynb", BOB),
                 gone=tmp_path / "missing.ipynb", junk=tmp_path / "junk.ipynb")
    subs.append(Submission("alice", EXERCISE, tmp_path / "b.ipynb"))
    other = "m04-evaluation/cost-threshold"
    subs += [Submission("alice", other, tmp_path / "a.ipynb"),
             Submission("bob", other, tmp_path / "b.ipynb")]
    report = similarity_report(subs, {EXERCISE: starter, other: tmp_path / "nope.ipynb"})
    assert [(p.exercise, p.a, p.b) for p in report.pairs] == [(EXERCISE, "alice", "bob")]
    assert report.pairs[0].flagged
    skipped = {(s.exercise, s.candidate): s.reason for s in report.skipped}
    assert set(skipped) == {(EXERCISE, "gone"), (EXERCISE, "junk"), (EXERCISE, "alice"),
                            (other, "")}
    assert "does not exist" in skipped[(EXERCISE, "gone")]
    assert "not valid JSON" in skipped[(EXERCISE, "junk")]
    assert "second notebook" in skipped[(EXERCISE, "alice")]
    assert "starter could not be read" in skipped[(other, "")]
    code = report.code[(EXERCISE, "bob")]
    assert isinstance(code, ExtractedCode)
    match = report.pairs[0].matches_a_b[0]
    assert code.origin(match.theirs_lines[0])[0] in {3, 6, 9}  # a solution cell of bob's


def test_pairs_are_ordered_and_findings_collect_a_candidates_side(tmp_path: Path,
                                                                 starter: Path) -> None:
    subs = _subs(tmp_path, dave=write_notebook(tmp_path / "d.ipynb", DAVE),
                 bob=write_notebook(tmp_path / "b.ipynb", BOB),
                 alice=write_notebook(tmp_path / "a.ipynb", ALICE))
    pairs = analyse(subs, {EXERCISE: starter})
    assert [(p.a, p.b) for p in pairs][0] == ("alice", "bob")
    assert all(p.a < p.b for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert _pair(pairs, "bob", "dave").flagged is False
    for_bob = findings(pairs, "bob")
    assert [(f.other, f.exercise) for f in for_bob] == [("alice", EXERCISE)]
    assert {f.other for f in findings(pairs, "bob", flagged_only=False)} == {"alice", "dave"}
    assert findings(pairs, "dave") == []


@pytest.mark.parametrize("kwargs, message", [
    ({"k": 0}, "k must be a positive integer"),
    ({"w": -1}, "w must be a positive integer"),
    ({"threshold": 0}, "threshold must be in"),
    ({"threshold": 1.5}, "threshold must be in"),
    ({"common_fraction": 0}, "common_fraction must be in"),
])
def test_parameters_out_of_range_are_refused(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        analyse([], {}, **kwargs)


def test_every_pair_is_compared_once_per_exercise(tmp_path: Path, starter: Path) -> None:
    paths = [write_notebook(tmp_path / f"{n}.ipynb", sol)
             for n, sol in (("a", ALICE), ("b", BOB), ("d", DAVE))]
    subs = [Submission(c, ex, p) for ex in (EXERCISE, "m00-orientation/warm-up")
            for c, p in zip(("x", "y", "z"), paths, strict=True)]
    pairs = analyse(subs, {EXERCISE: starter})
    expected = {(ex, a, b) for ex in (EXERCISE, "m00-orientation/warm-up")
                for a, b in itertools.combinations("xyz", 2)}
    assert {(p.exercise, p.a, p.b) for p in pairs} == expected and len(pairs) == 6

"""Notebook-aware code similarity between candidates of one hiring assessment.

Every candidate of an assessment gets the same exercises, so after grading we
look for pairs whose code is suspiciously alike, in a way that survives renamed
variables, rewritten comments and reflowed whitespace, while ignoring the code
everyone was given. The method is winnowing (Schleimer, Wilkerson and Aiken,
*Winnowing: local algorithms for document fingerprinting*, SIGMOD 2003),
written here from the paper's description.

The pipeline, in the order ``similarity_report`` runs it:

1. **extract** (``extract_code``): the notebook is read as JSON, never run.
   Code cells are taken in order, except cells that nbgrader marks as given to
   everyone (``locked: true`` and not ``solution: true``); lines that are
   IPython magics or shell escapes (``%...``, ``%%...``, ``!...`` at the start
   of a statement) are dropped. Every kept line remembers its cell (index in
   the notebook's ``cells`` list, 0-based, markdown cells counted) and its
   1-based line in that cell.
2. **normalise** (``normalise``): Python's ``tokenize`` turns each cell into
   tokens. Identifiers that are neither hard keywords nor builtins become
   ``V``, string literals (docstrings and f-strings included) ``S``, numbers
   ``N``; comments, line breaks, indentation and the encoding marker vanish;
   keywords, builtins and operators stay. *Attribute names after a dot are
   kept* (``np.sum(x)`` becomes ``V . sum ( V )``): renaming a variable never
   changes an attribute name, and the library calls a solution makes are what
   distinguishes it. The price: renaming a method of one's own class, or a
   variable that shadows a builtin (``sum = 0``), changes the stream. A cell
   that does not tokenize (a candidate's syntax error) falls back to a
   per-line lexer: each line is split at whitespace and between identifier,
   number, string and operator runs, then normalised the same way.
3. **fingerprint** (``fingerprints``): every k-gram of tokens is hashed with
   BLAKE2b at an 8-byte digest size (stable across processes, unlike ``hash()``);
   in every window of ``w`` consecutive k-gram hashes the minimum is kept
   (robust winnowing: on ties the previous pick is kept, else the rightmost).
   Any run of at least ``w + k - 1`` identical tokens therefore shares at
   least one fingerprint. Each fingerprint carries the line range of its
   k-gram.
4. **exclude** (``starter_digests``): every k-gram hash of the starter
   notebook is removed from every candidate. The starter is read twice, with
   its locked cells (a candidate whose notebook lost its nbgrader metadata)
   and without them (as candidates are read, so the k-grams that join two
   adjacent stub cells are known too). All k-grams, not only the winnowed
   ones, because winnowing picks different hashes in different
   surroundings. Then hashes held by more than
   ``common_fraction`` of the candidates are removed, when there are at
   least ``common_min_candidates`` of them: code everyone writes alike is not
   evidence.
5. **compare**: score = |A ∩ B| / min(|A|, |B|) on the remaining hash sets,
   0 when a candidate has fewer than ``min_fingerprints`` of them (too
   little code of their own to show copying).
6. **match**: for a flagged pair, shared fingerprints that follow each other
   on both sides (at most ``max(k, w)`` tokens apart, so their k-grams touch)
   are chained into maximal runs. Longest runs claim their fingerprints first,
   so code repeated on one side (three functions with the same header) pairs
   with one partner, not all of them. Each run becomes a ``CodeMatch``: the
   original lines of both sides, 1-based inclusive in the extracted code
   (``ExtractedCode.origin`` maps them to cells), longest first.

A notebook that is missing or unreadable is not compared; it is listed in
``SimilarityReport.skipped`` and the batch goes on. An exercise whose starter
is named in ``starters`` but cannot be read is not compared at all (comparing
without the starter would flag everyone for the code they were given); an
exercise absent from ``starters`` is compared without starter exclusion.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
import keyword
import re
import tokenize
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from academy.assess.model import CodeMatch, SimilarityFinding

#: Public names of Python 3.11's ``builtins`` module, written out rather than read from
#: ``dir(builtins)`` so the token stream does not depend on the interpreter it runs in (an
#: IPython kernel adds ``display`` and ``get_ipython``). The helpers that ``site`` adds
#: (``copyright``, ``credits``, ``exit``, ``help``, ``license``, ``quit``) are left out:
#: they are ordinary words that candidates use as variable names.
_BUILTIN_WORDS = """
ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup
BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError
ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError
DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception
ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning
GeneratorExit IOError ImportError ImportWarning IndentationError IndexError
InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError
ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError
OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError
RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning
StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit
TabError TimeoutError True TypeError UnboundLocalError UnicodeDecodeError
UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning
ValueError Warning ZeroDivisionError
abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr
classmethod compile complex delattr dict dir divmod enumerate eval exec filter float
format frozenset getattr globals hasattr hash hex id input int isinstance issubclass
iter len list locals map max memoryview min next object oct open ord pow print property
range repr reversed round set setattr slice sorted staticmethod str sum super tuple
type vars zip
"""
BUILTIN_NAMES: frozenset[str] = frozenset(_BUILTIN_WORDS.split())

IDENTIFIER = "V"
STRING = "S"
NUMBER = "N"

_DROPPED = frozenset({tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                      tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER})
_SEPARATOR = "\x1f"  # joins the tokens of a k-gram before hashing; never inside a token


class NotebookError(ValueError):
    """A notebook could not be read as nbformat 4 JSON; the message is one sentence."""


# --------------------------------------------------------------------------- data


@dataclass
class Submission:
    """One candidate's notebook for one exercise."""

    candidate: str
    """The candidate's id."""
    exercise: str
    """The exercise key, ``module/exercise``."""
    path: Path
    """The submitted notebook (``.ipynb``)."""


@dataclass(frozen=True)
class CodeCell:
    """The kept lines of one code cell."""

    index: int
    """Position of the cell in the notebook's ``cells`` list (0-based, all cell types)."""
    first_line: int
    """1-based line of the extracted code where this cell's first kept line is."""
    lines: tuple[str, ...]
    """The kept lines, magics and shell escapes removed."""
    cell_lines: tuple[int, ...]
    """For each kept line, its 1-based line number inside the cell."""


@dataclass(frozen=True)
class ExtractedCode:
    """The code a candidate wrote in one notebook, with a map back to the cells."""

    cells: tuple[CodeCell, ...]
    """The code cells that were kept, in notebook order."""

    @functools.cached_property
    def lines(self) -> tuple[str, ...]:
        """All kept lines, cell after cell; line ``n`` (1-based) is ``lines[n - 1]``."""
        return tuple(line for cell in self.cells for line in cell.lines)

    @property
    def text(self) -> str:
        """The extracted code as one string."""
        return "\n".join(self.lines)

    @functools.cached_property
    def origins(self) -> tuple[tuple[int, int], ...]:
        """For each extracted line, (cell index, 1-based line in that cell)."""
        return tuple((cell.index, n) for cell in self.cells for n in cell.cell_lines)

    def origin(self, line: int) -> tuple[int, int]:
        """Where 1-based extracted ``line`` came from: (cell index, 1-based line in cell)."""
        for cell in self.cells:
            if cell.first_line <= line < cell.first_line + len(cell.lines):
                return cell.index, cell.cell_lines[line - cell.first_line]
        raise IndexError(f"line {line} is outside the extracted code (1..{len(self.lines)}).")

    def snippet(self, first: int, last: int) -> str:
        """The original text of 1-based inclusive lines ``first..last``."""
        return "\n".join(self.lines[first - 1:last])


@dataclass(frozen=True)
class Token:
    """One normalised token."""

    text: str
    """``V``, ``S``, ``N``, a keyword, a builtin, an attribute name or an operator."""
    line: int
    """1-based line of the extracted code the token starts on."""


@dataclass(frozen=True)
class Fingerprint:
    """A winnowed k-gram hash and where its k-gram lies."""

    digest: int
    """BLAKE2b (8-byte digest) of the k-gram's tokens, as an unsigned big-endian integer."""
    position: int
    """Index of the k-gram's first token in the normalised token stream."""
    first_line: int
    """1-based extracted line of the k-gram's first token."""
    last_line: int
    """1-based extracted line of the k-gram's last token."""


@dataclass
class PairResult:
    """Two candidates compared on one exercise."""

    exercise: str
    """The exercise key, ``module/exercise``."""
    a: str
    """One candidate id; always sorts before ``b``."""
    b: str
    """The other candidate id."""
    score: float
    """|A ∩ B| / min(|A|, |B|) over fingerprints left after exclusion, 0..1."""
    flagged: bool
    """``score >= threshold``."""
    matches_a_b: list[CodeMatch] = field(default_factory=list)
    """For flagged pairs: shared code, ``mine`` from ``a`` and ``theirs`` from ``b``."""
    shared: int = 0
    """Number of fingerprints the two share after exclusion."""
    size_a: int = 0
    """Number of ``a``'s fingerprints after exclusion."""
    size_b: int = 0
    """Number of ``b``'s fingerprints after exclusion."""

    def findings_for(self, candidate: str) -> SimilarityFinding:
        """This pair from ``candidate``'s side: ``mine`` is always ``candidate``'s code."""
        if candidate == self.a:
            return SimilarityFinding(other=self.b, exercise=self.exercise, score=self.score,
                                     matches=list(self.matches_a_b))
        if candidate == self.b:
            swapped = [CodeMatch(mine=m.theirs, theirs=m.mine, mine_lines=m.theirs_lines,
                                 theirs_lines=m.mine_lines) for m in self.matches_a_b]
            return SimilarityFinding(other=self.a, exercise=self.exercise, score=self.score,
                                     matches=swapped)
        raise ValueError(f"candidate {candidate!r} is not in the pair ({self.a!r}, {self.b!r}).")


@dataclass(frozen=True)
class Skipped:
    """Something that was left out of the comparison, and why."""

    exercise: str
    """The exercise key."""
    candidate: str
    """The candidate id, or ``""`` when the exercise's starter is the problem."""
    reason: str
    """One sentence."""


@dataclass
class SimilarityReport:
    """Everything ``similarity_report`` found."""

    pairs: list[PairResult]
    """Every compared pair: by exercise, then highest score first, then by ids."""
    skipped: list[Skipped]
    """Notebooks (and starters) that could not be compared."""
    code: dict[tuple[str, str], ExtractedCode] = field(default_factory=dict)
    """(exercise, candidate) -> the extracted code, to map match lines back to cells."""


# ------------------------------------------------------------------ 1. extract


def extract_code(notebook: Path, *, include_locked: bool = False) -> ExtractedCode:
    """The code cells of ``notebook`` (nbformat 4 JSON, never executed), ready to compare.

    Cells nbgrader marks as given (locked and not a solution) are skipped unless
    ``include_locked``; magic and shell-escape lines are dropped. Raises
    ``NotebookError`` when the file is missing, unreadable or not a v4 notebook.
    """
    return _extract(_read_notebook(notebook), str(notebook), include_locked=include_locked)


def _read_notebook(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotebookError(f"notebook {path} does not exist.") from None
    except IsADirectoryError:
        raise NotebookError(f"notebook {path} is a directory, not a file.") from None
    except OSError as exc:
        raise NotebookError(f"notebook {path} cannot be read ({exc.strerror or exc}).") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise NotebookError(f"notebook {path} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise NotebookError(
            f"notebook {path} is not valid JSON ({exc.msg} at line {exc.lineno}).") from None
    except RecursionError:
        raise NotebookError(f"notebook {path} is nested too deeply to be a notebook.") from None
    if not isinstance(data, dict):
        raise NotebookError(f"notebook {path} is JSON but not a notebook (no top-level object).")
    version = data.get("nbformat")
    if version is not None and version != 4:
        raise NotebookError(f"notebook {path} is nbformat {version!r}; only version 4 is read.")
    if not isinstance(data.get("cells"), list):
        raise NotebookError(f"notebook {path} has no list of cells.")
    return data


def _is_given(cell: dict[str, Any]) -> bool:
    """nbgrader's locked, non-solution cells: identical for every candidate."""
    meta = cell.get("metadata")
    nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
    return (isinstance(nbgrader, dict) and nbgrader.get("locked") is True
            and nbgrader.get("solution") is not True)


def _cell_source(cell: dict[str, Any], index: int, label: str) -> str:
    source = cell.get("source", "")
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    raise NotebookError(f"notebook {label}: cell {index} has a source that is not text.")


def _split_lines(source: str) -> list[str]:
    """Split like ``tokenize`` counts rows (\\n, \\r\\n, \\r), without the final newline."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _extract(data: dict[str, Any], label: str, *, include_locked: bool) -> ExtractedCode:
    cells: list[CodeCell] = []
    next_line = 1
    for index, cell in enumerate(data["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        if not include_locked and _is_given(cell):
            continue
        lines = _split_lines(_cell_source(cell, index, label))
        magic = _magic_lines(lines)
        kept = [(n + 1, line) for n, line in enumerate(lines) if n not in magic]
        if not kept:
            continue
        cells.append(CodeCell(index=index, first_line=next_line,
                              lines=tuple(line for _, line in kept),
                              cell_lines=tuple(n for n, _ in kept)))
        next_line += len(kept)
    return ExtractedCode(cells=tuple(cells))


def _looks_magic(line: str) -> bool:
    return line.lstrip().startswith(("%", "!"))


def _magic_lines(lines: Sequence[str]) -> set[int]:
    """0-based indexes of lines that are magics or shell escapes.

    A line counts only when it starts a statement: a ``%`` that continues an
    expression inside brackets, or a line inside a triple-quoted string, is
    Python and stays. When the cell does not tokenize, every line that begins
    with ``%`` or ``!`` counts.
    """
    candidates = {n for n, line in enumerate(lines) if _looks_magic(line)}
    if not candidates:
        return candidates
    found: set[int] = set()
    depth = 0
    at_start = True     # the next token begins a statement
    magic_row = -1      # tokens on this row belong to a magic line and are ignored
    source = "\n".join(lines) + "\n"
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            row = tok.start[0] - 1
            if tok.type in (tokenize.NEWLINE, tokenize.NL):
                if depth == 0:
                    at_start = True
                continue
            if tok.type in _DROPPED or (tok.type == tokenize.ERRORTOKEN and tok.string.isspace()):
                continue
            if row == magic_row:
                continue
            if at_start and depth == 0 and row in candidates:
                found.add(row)
                magic_row = row
                continue
            at_start = False
            if tok.type == tokenize.OP and tok.string in ("(", "[", "{"):
                depth += 1
            elif tok.type == tokenize.OP and tok.string in (")", "]", "}"):
                depth = max(0, depth - 1)
    except (tokenize.TokenError, SyntaxError):
        return candidates
    return found


# ---------------------------------------------------------------- 2. normalise


def _normal_name(name: str, after_dot: bool) -> str:
    if after_dot or keyword.iskeyword(name) or name in BUILTIN_NAMES:
        return name
    return IDENTIFIER


def _python_tokens(lines: Sequence[str]) -> list[tuple[str, int]]:
    """(normalised token, 0-based row) for one cell; raises when it does not tokenize."""
    out: list[tuple[str, int]] = []
    source = "\n".join(lines) + "\n"
    previous = ""
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in _DROPPED or tok.string.isspace() or not tok.string:
            continue
        if tok.type == tokenize.NAME:
            text = _normal_name(tok.string, previous == ".")
        elif tok.type == tokenize.STRING:
            text = STRING
        elif tok.type == tokenize.NUMBER:
            text = NUMBER
        else:  # OP, and ERRORTOKEN such as a stray "$" or "?"
            text = tok.string
        out.append((text, tok.start[0] - 1))
        previous = tok.string
    return out


_FALLBACK_LEXEME = re.compile(r"""
    (?P<comment>\#.*)
  | (?P<string>(?:[rRbBuUfF]{1,2})?(?:'''.*?'''|\"\"\".*?\"\"\"
        |'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|'''.*|\"\"\".*|'.*|".*))
  | (?P<number>0[xXoObB][0-9a-fA-F_]+
        |(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)
  | (?P<name>[^\W\d]\w*)
  | (?P<op>\*\*=|//=|>>=|<<=|\.\.\.|->|:=|==|!=|<=|>=|\*\*|//|<<|>>|[-+*/%@&|^]=|\S)
""", re.VERBOSE)


def _fallback_tokens(lines: Sequence[str]) -> list[tuple[str, int]]:
    """A per-line lexer for cells ``tokenize`` rejects: split at whitespace and between
    name, number, string and operator runs; normalised like ``_python_tokens``."""
    out: list[tuple[str, int]] = []
    for row, line in enumerate(lines):
        previous = ""
        for match in _FALLBACK_LEXEME.finditer(line):
            kind, lexeme = match.lastgroup, match.group()
            if kind == "comment":
                break
            if kind == "string":
                text = STRING
            elif kind == "number":
                text = NUMBER
            elif kind == "name":
                text = _normal_name(lexeme, previous == ".")
            else:
                text = lexeme
            out.append((text, row))
            previous = lexeme
    return out


def normalise(code: ExtractedCode) -> list[Token]:
    """The normalised token stream of ``code``, cell after cell, each token with its line."""
    tokens: list[Token] = []
    for cell in code.cells:
        try:
            lexed = _python_tokens(cell.lines)
        except (tokenize.TokenError, SyntaxError):
            lexed = _fallback_tokens(cell.lines)
        tokens.extend(Token(text, cell.first_line + row) for text, row in lexed)
    return tokens


# -------------------------------------------------------------- 3. fingerprint


def _digest(gram: Iterable[str]) -> int:
    data = _SEPARATOR.join(gram).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def kgram_digests(tokens: Sequence[Token], k: int = 12) -> list[int]:
    """The hash of every k-gram of ``tokens``, in order (empty when there are fewer than k)."""
    _check_positive("k", k)
    texts = [t.text for t in tokens]
    return [_digest(texts[i:i + k]) for i in range(len(texts) - k + 1)]


def winnow(digests: Sequence[int], w: int = 6) -> list[int]:
    """Positions picked by robust winnowing: the minimum of every window of ``w`` hashes.

    On a tie the position picked for the previous window is kept when it is still
    in the window, else the rightmost minimum is taken; a position is reported once.
    Fewer than ``w`` hashes form one window.
    """
    _check_positive("w", w)
    if not digests:
        return []
    picked: list[int] = []
    last = -1
    for start in range(max(1, len(digests) - w + 1)):
        window = range(start, min(start + w, len(digests)))
        low = min(digests[i] for i in window)
        if last >= start and digests[last] == low:
            continue
        last = max(i for i in window if digests[i] == low)
        picked.append(last)
    return picked


def fingerprints(code: ExtractedCode, k: int = 12, w: int = 6) -> list[Fingerprint]:
    """The winnowed fingerprints of ``code``, in stream order, with their line ranges."""
    tokens = normalise(code)
    digests = kgram_digests(tokens, k)
    return [Fingerprint(digest=digests[p], position=p, first_line=tokens[p].line,
                        last_line=tokens[p + k - 1].line) for p in winnow(digests, w)]


# ------------------------------------------------------------ 4-6. the analysis


def starter_digests(starter: Path, k: int = 12) -> set[int]:
    """Every k-gram hash of the starter notebook: read with its locked cells (as a notebook
    that lost its nbgrader metadata shows them) and without (as candidates' notebooks are
    read, so k-grams joining two adjacent stub cells are known too)."""
    data = _read_notebook(starter)
    digests: set[int] = set()
    for include_locked in (True, False):
        code = _extract(data, str(starter), include_locked=include_locked)
        digests.update(kgram_digests(normalise(code), k))
    return digests


@dataclass
class _Candidate:
    submission: Submission
    code: ExtractedCode
    prints: list[Fingerprint]
    own: set[int] = field(default_factory=set)


def analyse(submissions: list[Submission], starters: dict[str, Path], *,
            threshold: float = 0.5, k: int = 12, w: int = 6,
            common_fraction: float = 0.5) -> list[PairResult]:
    """Compare every pair of candidates per exercise; see ``similarity_report``.

    Unreadable or missing notebooks are left out (``similarity_report`` says which).
    """
    return similarity_report(submissions, starters, threshold=threshold, k=k, w=w,
                             common_fraction=common_fraction).pairs


def similarity_report(submissions: list[Submission], starters: dict[str, Path], *,
                      threshold: float = 0.5, k: int = 12, w: int = 6,
                      common_fraction: float = 0.5, common_min_candidates: int = 4,
                      min_fingerprints: int = 5, max_matches: int = 10) -> SimilarityReport:
    """Compare every pair of candidates per exercise, starter and common code excluded.

    ``starters`` maps an exercise key to its starter (student) notebook. A pair is
    flagged when its score is at least ``threshold``; only flagged pairs get
    matches (at most ``max_matches``, longest first). Raises ``ValueError`` for
    parameters out of range; a bad notebook is never an exception here.
    """
    _check_positive("k", k)
    _check_positive("w", w)
    _check_positive("min_fingerprints", min_fingerprints, allow_zero=True)
    _check_positive("max_matches", max_matches, allow_zero=True)
    _check_positive("common_min_candidates", common_min_candidates)
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}.")
    if not 0 < common_fraction <= 1:
        raise ValueError(f"common_fraction must be in (0, 1], got {common_fraction!r}.")

    by_exercise: dict[str, list[Submission]] = defaultdict(list)
    for sub in submissions:
        by_exercise[sub.exercise].append(sub)
    report = SimilarityReport(pairs=[], skipped=[])
    for exercise in sorted(by_exercise):
        excluded: set[int] = set()
        if exercise in starters:
            try:
                excluded = starter_digests(starters[exercise], k)
            except NotebookError as exc:
                report.skipped.append(Skipped(exercise, "", (
                    f"the starter could not be read, so {exercise} was not compared: {exc}")))
                continue
        candidates = _load_candidates(exercise, by_exercise[exercise], k, w, report)
        for cand in candidates:
            cand.own = {fp.digest for fp in cand.prints} - excluded
        if len(candidates) >= common_min_candidates:
            holders = Counter(d for cand in candidates for d in cand.own)
            common = {d for d, n in holders.items() if n > common_fraction * len(candidates)}
            for cand in candidates:
                cand.own -= common
        pairs = [_compare(exercise, one, two, threshold, k, w, min_fingerprints, max_matches)
                 for one, two in itertools.combinations(candidates, 2)]
        pairs.sort(key=lambda p: (-p.score, p.a, p.b))
        report.pairs.extend(pairs)
    return report


def _load_candidates(exercise: str, subs: list[Submission], k: int, w: int,
                     report: SimilarityReport) -> list[_Candidate]:
    loaded: dict[str, _Candidate] = {}
    for sub in subs:
        if sub.candidate in loaded:
            report.skipped.append(Skipped(exercise, sub.candidate, (
                f"a second notebook ({sub.path}) for the same candidate was ignored.")))
            continue
        try:
            code = extract_code(sub.path)
        except NotebookError as exc:
            report.skipped.append(Skipped(exercise, sub.candidate, str(exc)))
            continue
        loaded[sub.candidate] = _Candidate(sub, code, fingerprints(code, k, w))
        report.code[(exercise, sub.candidate)] = code
    return [loaded[c] for c in sorted(loaded)]


def _compare(exercise: str, one: _Candidate, two: _Candidate, threshold: float, k: int,
             w: int, min_fingerprints: int, max_matches: int) -> PairResult:
    shared = one.own & two.own
    small = min(len(one.own), len(two.own))
    score = 0.0 if small < max(1, min_fingerprints) else len(shared) / small
    result = PairResult(exercise=exercise, a=one.submission.candidate,
                        b=two.submission.candidate, score=score, flagged=score >= threshold,
                        shared=len(shared), size_a=len(one.own), size_b=len(two.own))
    if result.flagged:
        result.matches_a_b = _matches(one, two, shared, max(k, w))[:max_matches]
    return result


_OCCURRENCES = 8  # a hash repeated more often than this on one side pairs its first 8 only


def _chains(one: _Candidate, two: _Candidate, shared: set[int],
            gap: int) -> list[list[tuple[Fingerprint, Fingerprint]]]:
    """Runs of shared fingerprints that advance together on both sides, at most ``gap``
    tokens apart (so their k-grams touch or overlap when gap <= k)."""
    where: dict[int, list[Fingerprint]] = defaultdict(list)
    for fp in two.prints:
        if fp.digest in shared and len(where[fp.digest]) < _OCCURRENCES:
            where[fp.digest].append(fp)
    seen: Counter[int] = Counter()
    links: list[tuple[Fingerprint, Fingerprint]] = []
    for fp in one.prints:
        if fp.digest in shared and seen[fp.digest] < _OCCURRENCES:
            seen[fp.digest] += 1
            links.extend((fp, other) for other in where[fp.digest])
    links.sort(key=lambda link: (link[0].position, link[1].position))
    chains: list[list[tuple[Fingerprint, Fingerprint]]] = []
    active: list[list[tuple[Fingerprint, Fingerprint]]] = []
    for mine, theirs in links:
        active = [c for c in active if mine.position - c[-1][0].position <= gap]
        best: list[tuple[Fingerprint, Fingerprint]] | None = None
        best_cost = 0
        for chain in active:
            step_a = mine.position - chain[-1][0].position
            step_b = theirs.position - chain[-1][1].position
            if 0 < step_a <= gap and 0 < step_b <= gap:
                cost = abs(step_a - step_b)
                if best is None or cost < best_cost:
                    best, best_cost = chain, cost
        if best is None:
            best = []
            chains.append(best)
            active.append(best)
        best.append((mine, theirs))
    return chains


def _one_to_one(chains: list[list[tuple[Fingerprint, Fingerprint]]],
                ) -> list[list[tuple[Fingerprint, Fingerprint]]]:
    """Longest chains first, each fingerprint occurrence used once: code repeated on one
    side (the same header in three functions) pairs with its best partner only."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    picked: list[list[tuple[Fingerprint, Fingerprint]]] = []
    for chain in sorted(chains, key=lambda c: (-len(c), c[0][0].position, c[0][1].position)):
        rest = [(m, t) for m, t in chain if m.position not in used_a and t.position not in used_b]
        if rest:
            picked.append(rest)
            used_a.update(m.position for m, _ in rest)
            used_b.update(t.position for _, t in rest)
    return picked


def _matches(one: _Candidate, two: _Candidate, shared: set[int], gap: int) -> list[CodeMatch]:
    spans = [[chain[0][0].first_line, max(m.last_line for m, _ in chain),
              min(t.first_line for _, t in chain), max(t.last_line for _, t in chain)]
             for chain in _one_to_one(_chains(one, two, shared, gap))]
    spans.sort(key=lambda s: (-(s[1] - s[0]), -(s[3] - s[2]), s[0], s[2]))
    kept: list[list[int]] = []
    for s in spans:  # code repeated on one side pairs with every copy: keep what adds lines
        mine_seen = any(k[0] <= s[0] and s[1] <= k[1] for k in kept)
        theirs_seen = any(k[2] <= s[2] and s[3] <= k[3] for k in kept)
        if not (mine_seen and theirs_seen):
            kept.append(s)
    return [CodeMatch(mine=one.code.snippet(s[0], s[1]), theirs=two.code.snippet(s[2], s[3]),
                      mine_lines=(s[0], s[1]), theirs_lines=(s[2], s[3])) for s in kept]


def findings(pairs: Iterable[PairResult], candidate: str, *,
             flagged_only: bool = True) -> list[SimilarityFinding]:
    """``candidate``'s side of every (flagged) pair it belongs to, highest score first."""
    found = [p.findings_for(candidate) for p in pairs
             if candidate in (p.a, p.b) and (p.flagged or not flagged_only)]
    return sorted(found, key=lambda f: (-f.score, f.exercise, f.other))


def _check_positive(name: str, value: int, *, allow_zero: bool = False) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < (0 if allow_zero else 1):
        least = "a non-negative" if allow_zero else "a positive"
        raise ValueError(f"{name} must be {least} integer, got {value!r}.")

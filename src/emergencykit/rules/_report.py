"""Findings and reports."""

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from emergencykit.model import BilingualEnum, Label
from emergencykit.rules._pack import Pack

__all__ = ["Finding", "FindingKind", "Level", "Report"]


class Level(BilingualEnum):
    """How serious a finding is.  Not to be confused with an event's
    :class:`~emergencykit.Severity` (特别重大 … 一般).

    >>> Level.ERROR.rank < Level.WARNING.rank < Level.INFO.rank
    True
    """

    ERROR = ("error", "错误", "error")
    WARNING = ("warning", "警告", "warning")
    INFO = ("info", "提示", "info")

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info: lower is more serious."""
        return _RANK[self.value]

    def at_least(self, other: "Level | str") -> bool:
        """True when this level is as serious as ``other`` or more."""
        return self.rank <= Level(other).rank


_RANK = {"error": 0, "warning": 1, "info": 2}


class FindingKind(BilingualEnum):
    """Whether a finding is a violation or a question.

    A *violation* is what the document states breaking a rule.  A *question*
    is a fact a rule needs that the document does not state: silence is not
    a violation, so the report asks instead (at info level, in a section of
    its own), and a question never fails a check.

    >>> FindingKind.QUESTION.zh, FindingKind.QUESTION.en
    ('待核实问题', 'question')
    >>> FindingKind.VIOLATION.rank < FindingKind.QUESTION.rank
    True
    """

    VIOLATION = ("violation", "违反", "violation")
    QUESTION = ("question", "待核实问题", "question")

    @property
    def rank(self) -> int:
        """0 for a violation, 1 for a question: violations come first in a report."""
        return 0 if self is FindingKind.VIOLATION else 1


def _natural(path: str) -> tuple[str | int, ...]:
    # re.split with a group alternates text and digits, so positions keep one
    # type; the digits, at the odd positions, become numbers in one slice.
    parts: list[str | int] = _DIGITS.split(path)
    parts[1::2] = map(int, parts[1::2])
    return tuple(parts)


_DIGITS = re.compile(r"(\d+)")


def _first_index_later(path: str, bound: tuple[str | int, ...]) -> bool | None:
    """Whether ``_natural(path) > bound``, read from ``path``'s first index; ``None`` if it does not tell.

    When ``path`` begins with the text before ``bound``'s first number and
    then an index (``$.teams[123456]…`` against ``$.teams[99]…``), the two
    numbers decide unless they are equal: no regular expression, no tuple.
    A rule that counts a million findings past the kept ones asks this a
    million times.
    """
    if len(bound) < 2:
        return None
    text = bound[0]
    if not path.startswith(text):  # type: ignore[arg-type]
        return None
    start = len(text)  # type: ignore[arg-type]
    end = path.find("]", start)
    digits = path[start:end]
    if end < 0 or not digits.isdecimal():
        return None
    number = int(digits)
    return None if number == bound[1] else number > bound[1]  # type: ignore[operator]


@attrs.frozen(kw_only=True)
class Finding:
    """One problem found by a rule.

    ``path`` locates it in the source document (``$.plans[3].lead``) when
    known; ``subjects`` are the ids involved.  ``kind`` tells a violation of
    what the document states from a question about what it does not state.

    >>> f = Finding(code="EK101", severity=Level.ERROR, message_zh="预案没有牵头单位",
    ...             message_en="plan has no lead", subjects=("p1",), path="$.plans[0].lead")
    >>> f.message("en")
    'plan has no lead'
    """

    code: str
    severity: Level
    message_zh: str
    message_en: str
    subjects: tuple[str, ...] = ()
    path: str | None = None
    hint: Label | None = None
    source: str = ""
    kind: FindingKind = FindingKind.VIOLATION

    @property
    def is_question(self) -> bool:
        """True when the finding asks for a fact the document does not state."""
        return self.kind is FindingKind.QUESTION

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.message_en if lang == "en" else self.message_zh

    def sort_key(
        self,
    ) -> tuple[int, int, str, tuple[str | int, ...], tuple[str, ...], str, str]:
        """Kind (violations first), severity rank, code, path, subjects, messages.

        Indexes in paths compare as numbers: ``$.teams[2]`` before ``$.teams[10]``.
        """
        # The ranks of kind and severity, read without their properties:
        # a report of a million findings computes a million keys.
        return (
            0 if self.kind is _VIOLATION else 1,
            _RANK[self.severity],
            self.code,
            _natural(self.path or ""),
            self.subjects,
            self.message_en,
            self.message_zh,
        )


_VIOLATION = FindingKind.VIOLATION
_LEVELS = {_RANK[level]: level for level in Level}


class FirstFindings:
    """The first ``n`` violations and the first ``n`` questions of one rule, in report order.

    :meth:`add` takes the rule's findings as they come, :meth:`after` lets a
    rule count one it need not build; :meth:`kept` gives the first ``n`` of
    each kind (in the order met) and :meth:`omitted` the number of the
    others by code, kind and severity, for :meth:`Report.build`.  Memory
    holds about ``2 * n`` findings of each kind whatever their number, and a
    finding that sorts after the ``n`` kept so far is counted and dropped at
    once.  The kept ones are those a full sort would put first (ties in the
    order met, as the stable sort keeps them).

    Examples
    --------
    >>> first = FirstFindings(1)
    >>> for path in ("$.plans[10]", "$.plans[2]", "$.plans[3]"):
    ...     first.add(Finding(code="EK101", severity=Level.ERROR, message_zh="…",
    ...                       message_en="…", path=path))
    >>> [f.path for f in first.kept()], first.omitted()
    (['$.plans[2]'], [('EK101', <FindingKind.VIOLATION: 'violation'>, <Level.ERROR: 'error'>, 2)])
    """

    def __init__(self, n: int) -> None:
        if n < 1:
            raise ValueError(f"n must be at least 1 (got {n})")
        self._n = n
        self._seen = 0
        self._met: Counter[tuple[str, FindingKind, Level]] = Counter()
        self._kept: dict[FindingKind, list[tuple[Any, int, Finding]]] = {}
        # Per kind: the sort key of the last finding kept, and its first four parts.
        self._bound: dict[FindingKind, tuple[Any, ...]] = {}
        self._prefix: dict[FindingKind, tuple[Any, ...]] = {}
        self._quick: dict[FindingKind, tuple[str, Level, str, int, int] | None] = {}

    def add(self, f: Finding) -> None:
        """Count ``f``, and keep it while it is among the first ``n`` of its kind."""
        kind = f.kind
        self._met[f.code, kind, f.severity] += 1
        key = f.sort_key()
        last = self._bound.get(kind)
        if last is not None and key >= last:
            return
        self._seen += 1
        buffer = self._kept.setdefault(kind, [])
        buffer.append((key, self._seen, f))
        if len(buffer) >= 2 * self._n:
            buffer.sort(key=_KEY_AND_ORDER)
            del buffer[self._n :]
            bound = self._bound[kind] = buffer[-1][0]
            self._prefix[kind] = bound[:4]
            # The parts after() compares first, when the path has an index.
            path = bound[3]
            self._quick[kind] = (
                (bound[2], _LEVELS[bound[1]], path[0], len(path[0]), path[1])
                if len(path) >= 2 and type(path[1]) is int
                else None
            )

    def after(self, code: str, kind: FindingKind, severity: Level, path: str | None) -> bool:
        """Whether a finding with these parts sorts after the ``n`` kept so far.

        When it does, it is counted as :meth:`add` would count it, and
        need not be built; otherwise nothing happens, and the caller builds
        it and passes it to :meth:`add`.
        """
        quick = self._quick.get(kind)
        if quick is not None and path is not None:
            # The code, severity and text before the first index equal the
            # bound's: the two indexes decide unless they are equal.  As
            # _first_index_later, inline: a million calls.
            bound_code, level, text, start, number = quick
            if bound_code == code and level is severity and path.startswith(text):
                end = path.find("]", start)
                digits = path[start:end]
                if end >= 0 and digits.isdecimal():
                    index = int(digits)
                    if index > number:
                        self._met[code, kind, severity] += 1
                        return True
                    if index < number:
                        return False
        prefix = self._prefix.get(kind)
        if prefix is None:
            return False
        head = (0 if kind is _VIOLATION else 1, _RANK[severity], code)
        later = _first_index_later(path or "", prefix[3]) if head == prefix[:3] else None
        if later is None:
            later = (*head, _natural(path or "")) > prefix
        if later:
            self._met[code, kind, severity] += 1
        return later

    def count(self, code: str, kind: FindingKind, severity: Level, n: int) -> None:
        """Count ``n`` findings with these parts that sort after the kept ones, without them."""
        self._met[code, kind, severity] += n

    def kept(self) -> list[Finding]:
        """The first ``n`` findings of each kind, in the order they were added."""
        chosen: list[tuple[Any, int, Finding]] = []
        for buffer in self._kept.values():
            buffer.sort(key=_KEY_AND_ORDER)
            chosen.extend(buffer[: self._n])
        chosen.sort(key=_ORDER)
        return [f for _, _, f in chosen]

    def omitted(self) -> list[tuple[str, FindingKind, Level, int]]:
        """``(code, kind, severity, number)`` of the findings counted but not kept."""
        rest = self._met.copy()
        for f in self.kept():
            rest[f.code, f.kind, f.severity] -= 1
        return [(*k, count) for k, count in rest.items() if count]


def _KEY_AND_ORDER(item: tuple[Any, int, Finding]) -> tuple[Any, int]:
    return item[0], item[1]


def _ORDER(item: tuple[Any, int, Finding]) -> int:
    return item[1]


@attrs.frozen(kw_only=True)
class Report:
    """The result of a validation run.

    ``findings`` are sorted by kind (violations, then questions), severity,
    code, path, subjects and message; ``rules`` are the codes that ran;
    ``packs`` the packs that were on.

    ``omitted`` counts the findings a run with ``max_per_rule``
    (:func:`~emergencykit.rules.validate`) counted but did not keep, as
    ``(code, kind, severity, number)`` sorted by code, kind and severity;
    empty when every finding is kept.  :attr:`counts`, :attr:`by_code`,
    :meth:`failed` and :attr:`total` include them, :attr:`findings`,
    :attr:`violations` and :attr:`questions` hold the kept ones.
    """

    findings: tuple[Finding, ...]
    as_of: dt.date
    packs: tuple[Pack[Any], ...]
    rules: tuple[str, ...]
    system: str
    omitted: tuple[tuple[str, FindingKind, Level, int], ...] = ()

    @classmethod
    def build(
        cls,
        findings: Iterable[Finding],
        *,
        as_of: dt.date,
        packs: tuple[Pack[Any], ...],
        rules: tuple[str, ...],
        system: str,
        omitted: Iterable[tuple[str, FindingKind, Level, int]] = (),
    ) -> "Report":
        """A report with ``findings`` in the canonical order (duplicates removed).

        ``omitted`` counts findings not kept, as ``(code, kind, severity,
        number)``; entries with the same code, kind and severity are added
        up and those of number 0 dropped.

        Examples
        --------
        >>> import datetime as dt
        >>> a = Finding(code="EK2", severity=Level.WARNING, message_zh="乙", message_en="b")
        >>> b = Finding(code="EK1", severity=Level.ERROR, message_zh="甲", message_en="a")
        >>> r = Report.build([a, b, a], as_of=dt.date(2024, 1, 1), packs=(), rules=(), system="s")
        >>> [f.code for f in r.findings], r.counts
        (['EK1', 'EK2'], {'error': 1, 'warning': 1, 'info': 0, 'question': 0})
        """
        # Duplicates are dropped keeping the order the rules found them in:
        # each rule reports in document order, and the sort runs fastest on
        # what is already in order.
        unique = sorted(dict.fromkeys(findings), key=Finding.sort_key)
        added: Counter[tuple[str, FindingKind, Level]] = Counter()
        for code, kind, severity, n in omitted:
            added[code, FindingKind(kind), Level(severity)] += n
        rest = tuple(
            (*k, n)
            for k, n in sorted(added.items(), key=lambda i: (i[0][0], i[0][1].rank, i[0][2].rank))
            if n
        )
        return cls(
            findings=tuple(unique),
            as_of=as_of,
            packs=packs,
            rules=rules,
            system=system,
            omitted=rest,
        )

    @property
    def counts(self) -> dict[str, int]:
        """Violations by severity, and questions apart, omitted findings included.

        ``{"error": …, "warning": …, "info": …, "question": …}``: the three
        levels count violations only.
        """
        c = Counter(f.severity for f in self.findings if f.kind is _VIOLATION)
        questions = sum(1 for f in self.findings if f.kind is not _VIOLATION)
        for _, kind, severity, n in self.omitted:
            if kind is _VIOLATION:
                c[severity] += n
            else:
                questions += n
        counts = {lvl.value: c.get(lvl, 0) for lvl in Level}
        counts["question"] = questions
        return counts

    @property
    def total(self) -> int:
        """The number of findings, omitted ones included."""
        return len(self.findings) + sum(n for *_, n in self.omitted)

    @property
    def violations(self) -> tuple[Finding, ...]:
        """The findings that are violations, in report order."""
        return tuple(f for f in self.findings if f.kind is _VIOLATION)

    @property
    def questions(self) -> tuple[Finding, ...]:
        """The findings that are questions, in report order."""
        return tuple(f for f in self.findings if f.kind is not _VIOLATION)

    @property
    def by_code(self) -> dict[str, int]:
        """Number of findings by rule code, omitted ones included, sorted by code."""
        c = Counter(f.code for f in self.findings)
        for code, _, _, n in self.omitted:
            c[code] += n
        return dict(sorted(c.items()))

    @property
    def ok(self) -> bool:
        """True when no violation is an error (questions never count)."""
        return not self.failed(Level.ERROR)

    def failed(self, fail_on: Level | str = Level.ERROR) -> bool:
        """True when some violation is at ``fail_on`` or more serious.

        Questions never fail a report, whatever ``fail_on`` says.

        Examples
        --------
        >>> import datetime as dt
        >>> w = Finding(code="EK107", severity=Level.WARNING, message_zh="…", message_en="…")
        >>> r = Report.build([w], as_of=dt.date(2024, 1, 1), packs=(), rules=(), system="s")
        >>> r.failed("error"), r.failed("warning"), r.ok
        (False, True, True)
        >>> q = Finding(code="EK101", severity=Level.INFO, message_zh="…", message_en="…",
        ...             kind=FindingKind.QUESTION)
        >>> r = Report.build([q], as_of=dt.date(2024, 1, 1), packs=(), rules=(), system="s")
        >>> r.failed("info"), r.counts["question"]
        (False, 1)
        """
        return any(f.severity.at_least(fail_on) for f in self.violations) or any(
            kind is _VIOLATION and severity.at_least(fail_on)
            for _, kind, severity, _ in self.omitted
        )

    def passes(self, fail_on: Level | str = Level.ERROR) -> bool:
        """The opposite of :meth:`failed`: no violation at ``fail_on`` or above."""
        return not self.failed(fail_on)

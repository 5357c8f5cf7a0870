"""Findings and reports."""

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from emergencykit.model import BilingualEnum, Label
from emergencykit.rules._pack import Pack

__all__ = ["Finding", "Level", "Report"]


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


def _natural(path: str) -> tuple[str | int, ...]:
    # re.split with a group alternates text and digits, so positions keep one type.
    return tuple(int(p) if i % 2 else p for i, p in enumerate(_DIGITS.split(path)))


_DIGITS = re.compile(r"(\d+)")


@attrs.frozen(kw_only=True)
class Finding:
    """One problem found by a rule.

    ``path`` locates it in the source document (``$.plans[3].lead``) when
    known; ``subjects`` are the ids involved.

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

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.message_en if lang == "en" else self.message_zh

    def sort_key(self) -> tuple[int, str, tuple[str | int, ...], tuple[str, ...], str, str]:
        """Severity rank, code, path, subjects, messages: the report's order.

        Indexes in paths compare as numbers: ``$.teams[2]`` before ``$.teams[10]``.
        """
        return (
            self.severity.rank,
            self.code,
            _natural(self.path or ""),
            self.subjects,
            self.message_en,
            self.message_zh,
        )


@attrs.frozen(kw_only=True)
class Report:
    """The result of a validation run.

    ``findings`` are sorted by severity, code, path, subjects and message;
    ``rules`` are the codes that ran; ``packs`` the packs that were on.
    """

    findings: tuple[Finding, ...]
    as_of: dt.date
    packs: tuple[Pack[Any], ...]
    rules: tuple[str, ...]
    system: str

    @classmethod
    def build(
        cls,
        findings: Iterable[Finding],
        *,
        as_of: dt.date,
        packs: tuple[Pack[Any], ...],
        rules: tuple[str, ...],
        system: str,
    ) -> "Report":
        """A report with ``findings`` in the canonical order (duplicates removed).

        Examples
        --------
        >>> import datetime as dt
        >>> a = Finding(code="EK2", severity=Level.WARNING, message_zh="乙", message_en="b")
        >>> b = Finding(code="EK1", severity=Level.ERROR, message_zh="甲", message_en="a")
        >>> r = Report.build([a, b, a], as_of=dt.date(2024, 1, 1), packs=(), rules=(), system="s")
        >>> [f.code for f in r.findings], r.counts
        (['EK1', 'EK2'], {'error': 1, 'warning': 1, 'info': 0})
        """
        unique = sorted(set(findings), key=Finding.sort_key)
        return cls(findings=tuple(unique), as_of=as_of, packs=packs, rules=rules, system=system)

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings by severity: ``{"error": …, "warning": …, "info": …}``."""
        c = Counter(f.severity.value for f in self.findings)
        return {lvl.value: c.get(lvl.value, 0) for lvl in Level}

    @property
    def by_code(self) -> dict[str, int]:
        """Number of findings by rule code, sorted by code."""
        c = Counter(f.code for f in self.findings)
        return dict(sorted(c.items()))

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not self.failed(Level.ERROR)

    def failed(self, fail_on: Level | str = Level.ERROR) -> bool:
        """True when some finding is at ``fail_on`` or more serious.

        Examples
        --------
        >>> import datetime as dt
        >>> w = Finding(code="EK107", severity=Level.WARNING, message_zh="…", message_en="…")
        >>> r = Report.build([w], as_of=dt.date(2024, 1, 1), packs=(), rules=(), system="s")
        >>> r.failed("error"), r.failed("warning"), r.ok
        (False, True, True)
        """
        return any(f.severity.at_least(fail_on) for f in self.findings)

    def passes(self, fail_on: Level | str = Level.ERROR) -> bool:
        """The opposite of :meth:`failed`: nothing at ``fail_on`` or above."""
        return not self.failed(fail_on)

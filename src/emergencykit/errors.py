"""The exceptions of emergencykit, one root, each class saying when it is raised; and its warnings.

This module imports nothing from the rest of the package, so every layer
(``model`` included) can raise these.
"""

from typing import Any

__all__ = [
    "ArgumentError",
    "EmergencyKitError",
    "FieldValueError",
    "LoadError",
    "MissingExtraError",
    "MissingFontWarning",
    "PackError",
    "Problem",
    "UnknownCodeError",
    "UnknownFormatError",
    "UnknownRuleError",
    "UnwritableError",
]


class EmergencyKitError(Exception):
    """Root of every exception that emergencykit raises on purpose.

    Catch this to handle any failure of the library that is not a bug.
    """


class ArgumentError(EmergencyKitError, TypeError):
    """A public function was called with an argument of the wrong kind, or without one it needs.

    Raised at once by the entry points of the library (``validate``,
    ``to_graph``, ``summarize``, ``io.dumps`` …) when given, say, a dict
    where an :class:`~emergencykit.EmergencySystem` belongs, so the mistake is
    named where it was made rather than deep inside; and by
    :func:`~emergencykit.rules.validate` when neither the configuration nor
    the system states the date to check against.  The message is one line:
    ``validate() takes an EmergencySystem (got dict)``.  Extends
    :class:`TypeError`, as Python's own complaint about an argument does.
    """


class FieldValueError(EmergencyKitError, ValueError):
    """A model object was constructed with a structurally bad field.

    Raised by the attrs validators of :mod:`emergencykit.model` at
    construction time: a wrong type, an unknown enum value, a negative count,
    an empty id, a revision dated before its plan was issued.  Extends
    :class:`ValueError`.

    Attributes
    ----------
    field
        The name of the offending field (``"headcount"``), possibly with an
        index (``"revisions[0].date"``).
    problem
        What is wrong, as a phrase (``"must be ≥ 0"``).
    value
        The value that was given.
    """

    def __init__(self, field: str, problem: str, value: Any) -> None:
        self.field = field
        self.problem = problem
        self.value = value
        super().__init__(f"'{field}' {problem} (got {_show(value)})")


def _show(value: Any) -> str:
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return text


class Problem:
    """One problem found while loading a document.

    Attributes
    ----------
    file
        The file name, or ``"<string>"`` for text given directly.
    path
        A JSONPath-like location inside the document (``$.plans[3].lead``).
    message
        What is wrong.
    """

    __slots__ = ("file", "message", "path")

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file = file
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({self.file!r}, {self.path!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.file, self.path, self.message) == (
            other.file,
            other.path,
            other.message,
        )

    def __hash__(self) -> int:
        return hash((self.file, self.path, self.message))


class LoadError(EmergencyKitError, ValueError):
    """A document could not be loaded.

    Raised by :mod:`emergencykit.io` for every kind of bad input: unreadable
    file, syntax error, wrong schema version, unknown key, missing field,
    wrong type, bad value.  Its message lists each problem on its own line,
    as ``FILE: $.plans[3].drills[0].date: <what is wrong> (got <value>)``;
    when there were more than it lists, a last line says how many
    (``FILE: … and 250 more problems``, or ``FILE: … and more`` when they
    were too many to count).  Extends :class:`ValueError`.

    Attributes
    ----------
    problems
        The problems listed, in document order.
    total
        How many problems the document has, listed or not; ``None`` when
        loading stopped counting.
    """

    def __init__(
        self, problems: "list[Problem] | tuple[Problem, ...]", *, more: int | None = 0
    ) -> None:
        self.problems = tuple(problems)
        self.total = None if more is None else len(self.problems) + more
        lines = [str(p) for p in self.problems]
        if more != 0:
            where = f"{self.problems[0].file}: " if self.problems else ""
            if more is None:
                lines.append(f"{where}… and more")
            else:
                lines.append(f"{where}… and {more} more problem{'s' if more > 1 else ''}")
        super().__init__("\n".join(lines))


class MissingExtraError(EmergencyKitError, ImportError):
    """An optional dependency (an *extra*) that the call needs is not installed.

    Raised, for example, by :mod:`emergencykit.io` when writing TOML without
    ``tomli-w`` or reading YAML without PyYAML.  The message says what to
    install (``pip install 'emergencykit[toml]'``).  Extends
    :class:`ImportError`.

    Attributes
    ----------
    extra
        The name of the extra that provides the dependency (``"toml"``), or
        ``None`` when no extra of this project installs it (a networkx
        backend, which is installed on its own).
    """

    def __init__(self, message: str, *, extra: str | None, module: str) -> None:
        super().__init__(message, name=module)
        self.extra = extra


class UnknownFormatError(EmergencyKitError, ValueError):
    """A file format named by ``format=`` or by a file's suffix is not one the library knows.

    Raised by :mod:`emergencykit.io` when writing (``dump(system, "x.xml")``)
    or when given ``format="xml"``; reading a file with an unknown suffix is a
    :class:`LoadError` like any other unusable input.  Extends
    :class:`ValueError`.
    """


class PackError(EmergencyKitError):
    """A rule pack cannot be used.

    Raised by :mod:`emergencykit.rules` when an installed pack (an entry
    point of the ``emergencykit.rules`` group) does not import, is not a
    :class:`~emergencykit.rules.Pack`, repeats another pack's name or claims
    a code prefix that another package owns; and when a configuration names
    a pack that is not installed.  Its message has one line per problem,
    naming the pack and its entry point.
    """


class UnknownRuleError(EmergencyKitError, LookupError):
    """No installed rule pack has a rule with the code asked for.

    Raised by :func:`emergencykit.rules.get_rule` and
    :func:`emergencykit.rules.explain`.  Extends :class:`LookupError`.
    """


class UnknownCodeError(EmergencyKitError, LookupError):
    """A code list has no entry with the code or key asked for.

    Raised by :class:`emergencykit.datasets.EventClassification` when asked
    for the ancestors or descendants of a code it does not hold.  Extends
    :class:`LookupError`.
    """


class UnwritableError(EmergencyKitError, ValueError):
    """Something cannot be written as asked.

    Raised by :mod:`emergencykit.io` when a system holds a string no UTF-8
    document can hold (a lone surrogate; the model's validators refuse
    them, so only a model built with validation switched off can), and by
    the command line for an output that would overwrite its own input.
    Extends :class:`ValueError`.
    """


class MissingFontWarning(UserWarning):
    """A picture could not be drawn in the language asked for, for want of a font.

    Warned by :func:`emergencykit.graph.draw_command_structure` (and so by
    ``emergencykit graph --format png|svg``) when Chinese labels are asked
    for and no installed font has Chinese characters: the picture is
    labelled in English instead.  Install a CJK font (such as Noto Sans CJK)
    or ask for English.  Extends :class:`UserWarning`; not an
    :class:`EmergencyKitError`, since the picture is still drawn.

    Examples
    --------
    Silence it where English pictures are what you want anyway:

    >>> import warnings
    >>> from emergencykit.errors import MissingFontWarning
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", MissingFontWarning)
    """

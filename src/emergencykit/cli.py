"""The ``emergencykit`` command line: a thin argparse front end over the library.

Exit codes: 0 success (and, for ``check``, no violation at or above the failing
severity); 1 ``check`` found a violation at or above it (questions, facts
the document does not state, never fail); 2 unusable input or
usage, or an output that cannot be written.  Bad input is reported as one
line per problem on stderr, naming the file and the path inside it; never a
traceback.  A warning of the library (a picture labelled in English for
want of a Chinese font) is one line on stderr, shown once.  Everything shown on the terminal has its unprintable characters
escaped (:func:`~emergencykit._printable.printable`), file names included.
Files are written atomically, and never over the input.
"""

import argparse
import contextlib
import datetime as dt
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from emergencykit._files import TooLargeError, read_stream, write_atomic
from emergencykit._printable import printable
from emergencykit.errors import (
    EmergencyKitError,
    LoadError,
    MissingFontWarning,
    Problem,
    UnwritableError,
)

if TYPE_CHECKING:
    from emergencykit.model import EmergencySystem
    from emergencykit.scenario import Incident

__all__ = ["main"]

EPILOG = """\
examples:
  emergencykit check                          check the embedded Chongqing 2022 model
  emergencykit check city.yaml --as-of 2024-06-30 --format sarif
  emergencykit summary --lang en              overview of the embedded model in English
  emergencykit graph --view command --format png -o cq.png
                                              draw the command structure
  emergencykit convert city.yaml city.toml    convert between JSON, TOML and YAML
  emergencykit schema > emergencykit.schema.json
  emergencykit rules --lang en                list the rule catalogue
  emergencykit rules EK301                    explain one rule
  emergencykit simulate --event flood --level II --in 500101 --at 2024-07-01T08:00+08:00
                                              what the data say happens after a major flood
"""


class UsageError(EmergencyKitError):
    """A command-line argument that cannot be used (exit code 2)."""


#: The locale variables in the order POSIX gives them precedence.
_LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")


def _default_lang(environ: Mapping[str, str] | None = None) -> str:
    """The output language when ``--lang`` is not given: ``"zh"`` or ``"en"``.

    ``EMERGENCYKIT_LANG`` decides first, then the locale as gettext reads
    it: the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set and
    not empty.  A value starting with ``zh`` means Chinese; any other means
    English, the ``C`` and ``POSIX`` locales included (their messages are
    untranslated, and a terminal in them may not show Chinese).  With none
    of them set the output is Chinese, the language of the founding case.

    Examples
    --------
    >>> _default_lang({"LANG": "en_US.UTF-8"})
    'en'
    >>> _default_lang({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"})
    'zh'
    >>> _default_lang({"EMERGENCYKIT_LANG": "en", "LC_ALL": "zh_CN.UTF-8"})
    'en'
    >>> _default_lang({"LANG": "C"}), _default_lang({})
    ('en', 'zh')
    """
    env = os.environ if environ is None else environ
    for name in ("EMERGENCYKIT_LANG", *_LOCALE_VARS):
        value = env.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "zh"


#: Findings shown per rule in a text report unless ``--max-per-rule`` says otherwise.
MAX_PER_RULE = 100

_STDIN = "-"


def _load(file: str | None, format: str | None = None) -> "EmergencySystem":
    if file is None:
        from emergencykit.datasets import chongqing_2022

        system: EmergencySystem = chongqing_2022()
        return system
    import emergencykit.io as io

    if file == _STDIN:
        if format is None:
            raise UsageError("reading standard input ('-') needs --input-format json|toml|yaml")
        if sys.stdin is None:
            raise UsageError("standard input is closed")
        try:
            data = read_stream(sys.stdin.buffer, io.MAX_SIZE)
        except TooLargeError as exc:
            raise LoadError([Problem("<stdin>", "$", str(exc.strerror))]) from None
        return io.loads(data, format, filename="<stdin>")
    from pathlib import Path

    return io.load(Path(file), format=format)


def _refuse_input(out: str, source: str | None) -> None:
    """Refuse to write over the input, however it is reached (symlink, hard link)."""
    if source is None or source == _STDIN:
        return
    try:
        same = os.path.samefile(source, out)
    except (OSError, ValueError):
        return
    if same:
        raise UnwritableError(f"{out}: is the input file {source}; refusing to overwrite it")


def _write_file(out: str, data: bytes) -> None:
    try:
        write_atomic(out, data)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
        raise UnwritableError(f"{out}: cannot write ({reason})") from None


def _write(text: str, out: str | None, stdout: TextIO | None, source: str | None = None) -> None:
    if out is None or out == "-":
        if stdout is None:
            raise UsageError("standard output is closed; use -o FILE")
        try:
            stdout.write(text)
            stdout.flush()
        except UnicodeEncodeError as exc:
            raise UsageError(
                f"standard output ({exc.encoding}) cannot show this text; "
                "use -o FILE or a UTF-8 locale"
            ) from None
    else:
        _refuse_input(out, source)
        _write_file(out, text.encode("utf-8"))


def _as_of(value: str | None, system: "EmergencySystem") -> dt.date | None:
    """The day to check as of: ``--as-of``, else ``None``, which :func:`rules.validate`
    takes as the day the system is described on (the last day of a ``described``
    known only to the month or the year: ``2024-06`` checks as of 2024-06-30).
    """
    if value is None:
        if system.described is None:
            raise UsageError(
                "--as-of is required: the system does not say on which date it is described"
            )
        return None
    if value == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"--as-of: expected a date YYYY-MM-DD or 'today' (got {value!r})"
        ) from None


def _cmd_summary(args: argparse.Namespace, stdout: TextIO) -> int:
    from emergencykit.summary import render, summarize

    data = summarize(_load(args.file, args.input_format), lang=args.lang, sources=args.sources)
    text = render(data, args.format, lang=args.lang)
    _write(text, args.output, stdout, args.file)
    return 0


def _cmd_check(args: argparse.Namespace, stdout: TextIO) -> int:
    import emergencykit.rules as rules

    select, ignore = tuple(args.select or ()), tuple(args.ignore or ())
    try:
        rules.ValidationConfig(as_of=dt.date.min, select=select, ignore=ignore)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"--select/--ignore: {exc}") from None
    codes = [r.code for r in rules.registry()]
    for prefix in select:
        if not any(code.startswith(prefix) for code in codes):
            raise UsageError(f"--select {prefix}: no rule has a code starting with {prefix}")
    if args.max_per_rule < 0:
        raise UsageError(f"--max-per-rule: expected 0 (all) or more (got {args.max_per_rule})")
    system = _load(args.file, args.input_format)
    config = rules.ValidationConfig(as_of=_as_of(args.as_of, system), select=select, ignore=ignore)
    # A text report shows the first findings of each rule: the others are
    # counted, not kept (a million dangling ids would be a million findings).
    shown = (args.max_per_rule or None) if args.format == "text" else None
    report = rules.validate(system, config, max_per_rule=shown)
    if args.format == "text":
        text = rules.render_text(report, args.lang, max_per_rule=shown)
    else:
        text = rules.render(report, args.format, lang=args.lang, filename=args.file)
    _write(text, args.output, stdout, args.file)
    return 0 if report.passes(args.fail_on) else 1


def _cmd_rules(args: argparse.Namespace, stdout: TextIO) -> int:
    import emergencykit.rules as rules

    if args.code is not None:
        if args.format != "text":
            raise UsageError("rules CODE prints text only: drop --format")
        _write(rules.explain(args.code, lang=args.lang), None, stdout)
        return 0
    _write(rules.render_catalogue(args.format, lang=args.lang), None, stdout)
    return 0


def _cmd_graph(args: argparse.Namespace, stdout: TextIO) -> int:
    import emergencykit.graph as graph

    if args.format in graph.FILE_ONLY and args.output in (None, "-"):
        raise UsageError(f"--format {args.format} needs an output file: -o FILE")
    system = _load(args.file, args.input_format)
    if args.output not in (None, "-"):
        _refuse_input(args.output, args.file)
    try:
        text = graph.export(system, args.format, args.output, view=args.view, lang=args.lang)
    except OSError as exc:
        raise UnwritableError(f"{args.output}: cannot write ({exc.strerror})") from None
    if text is not None:
        _write(text, args.output, stdout, args.file)
    return 0


def _cmd_convert(args: argparse.Namespace, stdout: TextIO) -> int:
    from pathlib import Path

    import emergencykit.io as io
    from emergencykit.io._formats import SUFFIXES

    system = _load(args.input, args.input_format)
    fmt = args.output_format or SUFFIXES.get(Path(args.output).suffix.lower())
    if fmt is None:
        raise UsageError(
            f"{args.output}: unknown suffix {Path(args.output).suffix!r}; "
            "name a .json, .toml or .yaml file, or give --output-format"
        )
    text = io.dumps(system, fmt)
    if args.output == "-":
        _write(text, None, stdout)
    else:
        _write(text, args.output, stdout, args.input)
    return 0


def _cmd_schema(args: argparse.Namespace, stdout: TextIO) -> int:
    import json

    import emergencykit.io as io

    _write(json.dumps(io.json_schema(), ensure_ascii=False, indent=2) + "\n", args.output, stdout)
    return 0


def _incident(args: argparse.Namespace, system: "EmergencySystem") -> "Incident":
    """The incident the options describe; an option the system cannot use is a usage error."""
    from emergencykit.errors import FieldValueError
    from emergencykit.scenario import Incident, severity_of

    try:
        level = severity_of(args.level)
    except FieldValueError:
        raise UsageError(f"--level: expected I, II, III or IV (got {args.level!r})") from None
    try:
        start = Incident(event_type="-", level=level, jurisdiction="-", start=args.at).start
    except FieldValueError:
        raise UsageError(
            "--at: expected an ISO 8601 date and time with its offset, "
            f"such as 2024-07-01T08:00+08:00 (got {args.at!r})"
        ) from None
    if not any(args.place in (j.id, j.code) for j in system.jurisdictions):
        raise UsageError(
            f"--in {args.place}: no jurisdiction of system {system.id} has this division code or id"
        )
    from emergencykit.datasets import event_classification

    known = any(args.event in (e.id, e.classification) for e in system.event_types)
    if not known and event_classification().get(args.event) is None:
        raise UsageError(
            f"--event {args.event}: neither an event type of system {system.id} nor an entry "
            "of the national classification of emergencies (GB/T 35561)"
        )
    return Incident(event_type=args.event, level=level, jurisdiction=args.place, start=start)


def _cmd_simulate(args: argparse.Namespace, stdout: TextIO) -> int:
    import emergencykit.scenario as scenario

    if args.format in scenario.PICTURES and args.output in (None, "-"):
        raise UsageError(f"--format {args.format} needs an output file: -o FILE")
    system = _load(args.file, args.input_format)
    incident = _incident(args, system)
    timeline = scenario.simulate(system, incident, unavailable=tuple(args.unavailable or ()))
    if args.output in (None, "-"):
        text = scenario.render(timeline, system, args.format, lang=args.lang)
        assert text is not None  # a text format with no target returns its text
        _write(text, None, stdout)
    else:
        _refuse_input(args.output, args.file)
        try:
            scenario.render(timeline, system, args.format, args.output, lang=args.lang)
        except OSError as exc:
            raise UnwritableError(f"{args.output}: cannot write ({exc.strerror})") from None
    return 1 if timeline.failed(args.fail_on) else 0


def _listed(words: Iterable[str], conjunction: str) -> str:
    """``a, b or c``."""
    *rest, last = words
    return f"{', '.join(rest)} {conjunction} {last}" if rest else last


class _Command(argparse.ArgumentParser):
    """A command's parser that adds its arguments when it first parses or shows help.

    The arguments' choices come from the libraries' registries, and
    importing a library costs time: ``emergencykit check`` imports the
    rules, not the scenario or the summary's renderers.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # -h comes first with the others, as argparse adds it (see complete()).
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.arguments: Callable[[argparse.ArgumentParser], None] | None = None

    def complete(self) -> "_Command":
        """Add the arguments, once (-h first, as argparse adds it); return the parser."""
        arguments, self.arguments = self.arguments, None
        if arguments is not None:
            import gettext

            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=gettext.gettext("show this help message and exit"),
            )
            arguments(self)
        return self

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        return super(_Command, self.complete()).parse_known_args(args, namespace)

    def format_help(self) -> str:
        return super(_Command, self.complete()).format_help()

    def format_usage(self) -> str:
        return super(_Command, self.complete()).format_usage()


class _Version(argparse.Action):
    """``--version``: looks the version up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from emergencykit import __version__

        if sys.stdout is not None:
            with contextlib.suppress(OSError, ValueError):
                sys.stdout.write(f"emergencykit {__version__}\n")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    # The command list names the formats `convert` reads and writes; every
    # other registry is imported by the command that offers its choices.
    from emergencykit.io import FORMATS

    parser = argparse.ArgumentParser(
        prog="emergencykit",
        description="Model, check and analyse emergency-management systems. "
        "With no FILE, commands use the embedded Chongqing 2022 model.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, help="show program's version number and exit")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Command
    )

    def add(
        name: str,
        help: str,
        example: str,
        func: Callable[[argparse.Namespace, TextIO], int],
    ) -> Callable[[Callable[[argparse.ArgumentParser], None]], None]:
        """Declare a command; the function it decorates adds the command's arguments."""
        p = sub.add_parser(
            name,
            help=help,
            description=help,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(func=func)

        def arguments(add_arguments: Callable[[argparse.ArgumentParser], None]) -> None:
            p.arguments = add_arguments

        return arguments

    def file_arg(p: argparse.ArgumentParser) -> None:
        from emergencykit.io import SUFFIXES

        p.add_argument(
            "file",
            nargs="?",
            metavar="FILE",
            help=f"a {_listed(SUFFIXES, 'or')} system document; - reads standard input",
        )
        input_format_arg(p)

    def input_format_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--input-format",
            choices=FORMATS,
            help="the format of FILE, whatever its suffix (needed for -)",
        )

    def lang_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--lang",
            choices=("zh", "en"),
            help="output language (default: from EMERGENCYKIT_LANG, then the locale "
            "LC_ALL, LC_MESSAGES, LANG; zh when none is set)",
        )

    def out_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")

    @add(
        "check",
        "check a system against the rule catalogue",
        "emergencykit check city.yaml --as-of 2024-06-30 --fail-on warning",
        _cmd_check,
    )
    def check_arguments(p: argparse.ArgumentParser) -> None:
        import emergencykit.rules as rules

        file_arg(p)
        p.add_argument(
            "--as-of",
            metavar="DATE",
            help="the date to check against, YYYY-MM-DD or 'today' "
            "(default: the date the system is described on; its last day when "
            "the document gives only the month or the year)",
        )
        p.add_argument(
            "--select",
            action="append",
            metavar="PREFIX",
            help="only rules with this code prefix (repeatable)",
        )
        p.add_argument(
            "--ignore",
            action="append",
            metavar="PREFIX",
            help="skip rules with this code prefix (repeatable)",
        )
        p.add_argument(
            "--fail-on",
            choices=("error", "warning"),
            default="error",
            help="exit 1 when a violation reaches this severity (default error); questions never fail",
        )
        p.add_argument("--format", choices=rules.REPORT_FORMATS, default="text")
        p.add_argument(
            "--max-per-rule",
            type=int,
            default=MAX_PER_RULE,
            metavar="N",
            help=f"text format: show at most N findings of each rule (default {MAX_PER_RULE}; "
            "0 shows all); counts stay exact, and JSON and SARIF are always complete",
        )
        lang_arg(p)
        out_arg(p)

    @add(
        "summary",
        "print a readable overview of a system",
        "emergencykit summary --lang en",
        _cmd_summary,
    )
    def summary_arguments(p: argparse.ArgumentParser) -> None:
        import emergencykit.summary as summary

        file_arg(p)
        p.add_argument("--format", choices=summary.FORMATS, default="text")
        p.add_argument(
            "--sources",
            action="store_true",
            help="add where each object is stated: source, section and the quoted words",
        )
        lang_arg(p)
        out_arg(p)

    @add(
        "graph",
        "export the relation graph or draw the command structure",
        "emergencykit graph --view command --format png -o cq.png",
        _cmd_graph,
    )
    def graph_arguments(p: argparse.ArgumentParser) -> None:
        import emergencykit.graph as graph

        file_arg(p)
        p.add_argument(
            "--view",
            choices=tuple(graph.VIEWS),
            default="all",
            help="the relations to export or draw (default: %(default)s); every format honours "
            "it, and the drawings (dot, mermaid, png, svg) show only the nodes its edges touch",
        )
        p.add_argument("--format", choices=graph.FORMATS, default="mermaid")
        lang_arg(p)
        out_arg(p)

    @add(
        "rules",
        "list the rule catalogue, or explain one rule",
        "emergencykit rules EK301 --lang en",
        _cmd_rules,
    )
    def rules_arguments(p: argparse.ArgumentParser) -> None:
        import emergencykit.rules as rules

        p.add_argument(
            "code",
            nargs="?",
            metavar="CODE",
            help="explain this rule in full (title, severity, pack, source, rationale, an example)",
        )
        p.add_argument("--format", choices=rules.CATALOGUE_FORMATS, default="text")
        lang_arg(p)

    @add(
        "simulate",
        "play an incident through a system: plans activated, reports and their deadlines, "
        "forces dispatched, and the gaps",
        "emergencykit simulate --event flood --level II --in 500101 --at 2024-07-01T08:00+08:00",
        _cmd_simulate,
    )
    def simulate_arguments(p: argparse.ArgumentParser) -> None:
        import emergencykit.scenario as scenario

        file_arg(p)
        p.add_argument(
            "--event",
            required=True,
            metavar="CODE",
            help="the event type: the id of one of the system's event types, or the key or code "
            "of an entry of the national classification (GB/T 35561), such as flood",
        )
        p.add_argument(
            "--level",
            required=True,
            metavar="LEVEL",
            help="the severity: I, II, III or IV (特别重大, 重大, 较大, 一般)",
        )
        p.add_argument(
            "--in",
            dest="place",
            required=True,
            metavar="DIVISION-CODE",
            help="where: the division code (GB/T 2260) or the id of one of the system's jurisdictions",
        )
        p.add_argument(
            "--at",
            required=True,
            metavar="ISO-DATETIME",
            help="when it starts, with its offset: 2024-07-01T08:00+08:00",
        )
        p.add_argument(
            "--unavailable",
            action="extend",
            nargs="+",
            metavar="ID",
            help="take these agencies, command bodies, persons or teams out (a what-if; repeatable)",
        )
        p.add_argument(
            "--format",
            choices=scenario.FORMATS,
            default="text",
            help="cap writes one CAP 1.2 alert per public-information step: to standard output "
            "one after another, or with -o DIR one file per alert, DIR/IDENTIFIER.xml; "
            "png and svg need -o FILE",
        )
        p.add_argument(
            "--fail-on",
            choices=("error", "warning"),
            default="error",
            help="exit 1 when a gap reaches this severity (default error); questions never fail",
        )
        lang_arg(p)
        out_arg(p)

    @add(
        "convert",
        f"convert a document between {_listed((f.upper() for f in FORMATS), 'and')}",
        "emergencykit convert city.yaml city.toml",
        _cmd_convert,
    )
    def convert_arguments(p: argparse.ArgumentParser) -> None:
        p.add_argument("input", metavar="IN", help="the document to read; - reads standard input")
        p.add_argument(
            "output",
            metavar="OUT",
            help="the document to write (never IN itself); its suffix picks the format; "
            "- writes standard output",
        )
        input_format_arg(p)
        p.add_argument(
            "--output-format",
            choices=FORMATS,
            help="the format of OUT, whatever its suffix (needed for -)",
        )

    @add(
        "schema",
        "print the JSON Schema of the file format",
        "emergencykit schema -o emergencykit.schema.json",
        _cmd_schema,
    )
    def schema_arguments(p: argparse.ArgumentParser) -> None:
        out_arg(p)

    return parser


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> main(["summary", "--lang", "en"], stdout=out)
    0
    >>> "0716" in out.getvalue()
    True
    """
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if getattr(args, "lang", "") is None:
        args.lang = _default_lang()
    try:
        code = _run(args, stdout, stderr)
    except LoadError as exc:
        # One line per problem: a newline in a file name must not split one.
        for p in exc.problems:
            _error(stderr, f"{printable(p.file)}: {printable(p.path)}: {printable(p.message)}")
        listed = len(exc.problems)
        if exc.total != listed:
            # The line LoadError ends with, rebuilt: its file name may hold a newline.
            where = f"{printable(exc.problems[0].file)}: " if exc.problems else ""
            count = None if exc.total is None else exc.total - listed
            more = "more" if count is None else f"{count} more problem{'s' if count > 1 else ''}"
            _error(stderr, f"{where}… and {more}")
        return 2
    except EmergencyKitError as exc:
        _error(stderr, printable(str(exc)) or type(exc).__name__)
        return 2
    except BrokenPipeError:
        # The reader went away (`emergencykit check | head`): nothing to
        # report, and the exit code a shell gives a command killed by SIGPIPE.
        _quiet_stdout()
        return 141
    except OSError as exc:
        where = f"{printable(os.fsdecode(exc.filename))}: " if exc.filename else ""
        _error(stderr, f"{where}{printable(exc.strerror or str(exc))}")
        return 2
    except KeyboardInterrupt:
        _error(stderr, "interrupted")
        return 130
    return code


def _run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO | None) -> int:
    """Run the command; each distinct warning of the library becomes one line on stderr."""
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", MissingFontWarning)
            code: int = args.func(args, stdout)
            return code
    finally:
        shown: set[str] = set()
        for w in caught:
            if not issubclass(w.category, MissingFontWarning):
                # Not ours to word: passed on as Python would have shown it.
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
            elif str(w.message) not in shown:
                shown.add(str(w.message))
                _error(stderr, f"warning: {printable(str(w.message))}")


def _error(stderr: TextIO | None, line: str) -> None:
    # With standard error closed there is nowhere left to say it: the exit
    # code alone tells.
    if stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(f"emergencykit: {line}", file=stderr)


def _quiet_stdout() -> None:
    """Point standard output at the null device so that the exit flush cannot fail."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)

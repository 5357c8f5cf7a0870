"""The ``emergencykit`` command line: a thin argparse front end over the library.

Exit codes: 0 success (and, for ``check``, nothing at or above the failing
severity); 1 ``check`` found something at or above it; 2 unusable input or
usage.  Bad input is reported as one line per problem on stderr, naming the
file and the path inside it; never a traceback.
"""

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from emergencykit import __version__
from emergencykit.errors import EmergencyKitError
from emergencykit.model import EmergencySystem

__all__ = ["main"]

EPILOG = """\
examples:
  emergencykit check                          check the embedded Chongqing 2022 model
  emergencykit check city.yaml --as-of 2024-06-30 --format sarif
  emergencykit summary --lang en              overview of the embedded model in English
  emergencykit graph --format png -o cq.png   draw the command structure
  emergencykit convert city.yaml city.toml    convert between JSON, TOML and YAML
  emergencykit schema > emergencykit.schema.json
  emergencykit rules --lang en                list the rule catalogue
  emergencykit rules EK301                    explain one rule
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


def _load(file: str | None) -> EmergencySystem:
    if file is None:
        from emergencykit.datasets import chongqing_2022

        system: EmergencySystem = chongqing_2022()
        return system
    import emergencykit.io as io

    return io.load(Path(file))


def _write(text: str, out: str | None, stdout: TextIO) -> None:
    if out is None or out == "-":
        stdout.write(text)
    else:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{out}: cannot write ({exc.strerror})") from None


def _as_of(value: str | None, system: EmergencySystem) -> dt.date:
    if value is None:
        if system.described is None:
            raise UsageError(
                "--as-of is required: the system does not say on which date it is described"
            )
        return system.described
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

    text = render(summarize(_load(args.file), lang=args.lang), args.format, lang=args.lang)
    _write(text, args.output, stdout)
    return 0


def _cmd_check(args: argparse.Namespace, stdout: TextIO) -> int:
    import emergencykit.rules as rules

    system = _load(args.file)
    config = rules.ValidationConfig(
        as_of=_as_of(args.as_of, system),
        select=tuple(args.select or ()),
        ignore=tuple(args.ignore or ()),
    )
    report = rules.validate(system, config)
    text = rules.render(report, args.format, lang=args.lang, filename=args.file)
    _write(text, args.output, stdout)
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

    system = _load(args.file)
    if args.format in graph.FILE_ONLY and args.output in (None, "-"):
        raise UsageError(f"--format {args.format} needs an output file: -o FILE")
    text = graph.export(system, args.format, args.output, view=args.view, lang=args.lang)
    if text is not None:
        _write(text, args.output, stdout)
    return 0


def _cmd_convert(args: argparse.Namespace, stdout: TextIO) -> int:
    import emergencykit.io as io

    system = io.load(Path(args.input))
    io.dump(system, Path(args.output))
    return 0


def _cmd_schema(args: argparse.Namespace, stdout: TextIO) -> int:
    import json

    import emergencykit.io as io

    _write(json.dumps(io.json_schema(), ensure_ascii=False, indent=2) + "\n", args.output, stdout)
    return 0


def _listed(words: Iterable[str], conjunction: str) -> str:
    """``a, b or c``."""
    *rest, last = words
    return f"{', '.join(rest)} {conjunction} {last}" if rest else last


def _parser() -> argparse.ArgumentParser:
    # The choices come from the libraries' registries: importing them costs
    # a fraction of a second, once.
    import emergencykit.graph as graph
    import emergencykit.io as io
    import emergencykit.rules as rules
    import emergencykit.summary as summary

    parser = argparse.ArgumentParser(
        prog="emergencykit",
        description="Model, check and analyse emergency-management systems. "
        "With no FILE, commands use the embedded Chongqing 2022 model.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"emergencykit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(
        name: str, help: str, example: str, func: Callable[[argparse.Namespace, TextIO], int]
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help,
            description=help,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(func=func)
        return p

    def file_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "file",
            nargs="?",
            metavar="FILE",
            help=f"a {_listed(io.SUFFIXES, 'or')} system document",
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

    p = add(
        "check",
        "check a system against the rule catalogue",
        "emergencykit check city.yaml --as-of 2024-06-30 --fail-on warning",
        _cmd_check,
    )
    file_arg(p)
    p.add_argument(
        "--as-of",
        metavar="DATE",
        help="the date to check against, YYYY-MM-DD or 'today' "
        "(default: the date the system is described on)",
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
        help="exit 1 when a finding reaches this severity (default error)",
    )
    p.add_argument("--format", choices=rules.REPORT_FORMATS, default="text")
    lang_arg(p)
    out_arg(p)

    p = add(
        "summary",
        "print a readable overview of a system",
        "emergencykit summary --lang en",
        _cmd_summary,
    )
    file_arg(p)
    p.add_argument("--format", choices=summary.FORMATS, default="text")
    lang_arg(p)
    out_arg(p)

    p = add(
        "graph",
        "export the relation graph or draw the command structure",
        "emergencykit graph --view command --format png -o cq.png",
        _cmd_graph,
    )
    file_arg(p)
    p.add_argument("--view", choices=tuple(graph.VIEWS), default="all")
    p.add_argument("--format", choices=graph.FORMATS, default="mermaid")
    lang_arg(p)
    out_arg(p)

    p = add(
        "rules",
        "list the rule catalogue, or explain one rule",
        "emergencykit rules EK301 --lang en",
        _cmd_rules,
    )
    p.add_argument(
        "code",
        nargs="?",
        metavar="CODE",
        help="explain this rule in full (title, severity, pack, source, rationale, an example)",
    )
    p.add_argument("--format", choices=rules.CATALOGUE_FORMATS, default="text")
    lang_arg(p)

    p = add(
        "convert",
        f"convert a document between {_listed((f.upper() for f in io.FORMATS), 'and')}",
        "emergencykit convert city.yaml city.toml",
        _cmd_convert,
    )
    p.add_argument("input", metavar="IN", help="the document to read")
    p.add_argument(
        "output", metavar="OUT", help="the document to write; its suffix picks the format"
    )

    p = add(
        "schema",
        "print the JSON Schema of the file format",
        "emergencykit schema -o emergencykit.schema.json",
        _cmd_schema,
    )
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
        code: int = args.func(args, stdout)
    except EmergencyKitError as exc:
        for line in str(exc).splitlines() or [type(exc).__name__]:
            print(f"emergencykit: {line}", file=stderr)
        return 2
    except KeyboardInterrupt:
        print("emergencykit: interrupted", file=stderr)
        return 130
    return code

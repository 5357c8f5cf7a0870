"""What a system holds, counted and laid out for reading.

:func:`summarize` returns plain data (JSON-ready, deterministic);
:func:`render_text` lays it out for a terminal in Chinese or English and
:func:`render_json` as JSON.  The counting behind it — force totals by tier
and domain, mandate coverage per jurisdiction — is public too
(:func:`force_totals`, :func:`mandate_coverage`), and the validation rules
use the same functions, so a summary and a report never count differently.

This package reads the model only: it sits beside :mod:`emergencykit.io` and
:mod:`emergencykit.graph`, below :mod:`emergencykit.rules`.

>>> from emergencykit.datasets import chongqing_2022
>>> from emergencykit.summary import summarize
>>> summarize(chongqing_2022())["system"]["id"]
'cq-2022'
"""

import typing

from emergencykit import _lazy

if typing.TYPE_CHECKING:  # the names, for type checkers and the reference
    from emergencykit.summary._coverage import (
        CoverageRow,
        Tally,
        descendants,
        force_totals,
        mandate_coverage,
    )
    from emergencykit.summary._overview import (
        FORMATS,
        render,
        render_json,
        render_text,
        summarize,
    )

__all__ = [
    "FORMATS",
    "CoverageRow",
    "Tally",
    "descendants",
    "force_totals",
    "mandate_coverage",
    "render",
    "render_json",
    "render_text",
    "summarize",
]

#: The module of each public name, imported on first use: the rules count
#: with the coverage functions and need not import the overview.
_HOME = {
    "CoverageRow": "_coverage",
    "Tally": "_coverage",
    "descendants": "_coverage",
    "force_totals": "_coverage",
    "mandate_coverage": "_coverage",
    "FORMATS": "_overview",
    "render": "_overview",
    "render_json": "_overview",
    "render_text": "_overview",
    "summarize": "_overview",
}


__getattr__, __dir__ = _lazy.attach(__name__, _HOME, __all__)

"""The Chongqing 2022 system, loaded from the document shipped in this package.

The data file, ``chongqing_2022.toml``, models the system described by the
reply of 重庆市应急管理局 (the Chongqing Emergency Management Bureau) of
11 May 2022 to CPPCC proposal No. 0716.  Each fact names the section of the
reply it comes from (``source = "seed §二.一"``); where the reply is silent —
headcounts, commanders, drill dates, deadlines — the field is left empty and a
note says so, rather than filled with a guess.

The TOML file is the source.  Beside it ships ``chongqing_2022.json``, the
same document as :func:`emergencykit.io.dumps` writes it in JSON, derived
from the TOML and kept identical to it by a test: the model is read from
the JSON, which the standard library parses a dozen times faster than TOML.
The shipped document is valid (tests say so), so it is built by the loader's
hooks without cattrs (:func:`emergencykit.io._plain.structure`: the same
objects); were it not, :func:`emergencykit.io.loads` would say what is wrong.
"""

import functools
import json
import pkgutil

from emergencykit import io
from emergencykit._gc import paused_gc
from emergencykit.errors import LoadError, Problem
from emergencykit.io import _plain
from emergencykit.model import EmergencySystem

__all__ = ["chongqing_2022"]

_FILENAME = "chongqing_2022.toml"
#: The JSON twin of :data:`_FILENAME`, read in its place (see the module's docstring).
_TWIN = "chongqing_2022.json"


@functools.cache
def chongqing_2022() -> EmergencySystem:
    """The emergency-management system of Chongqing as the 2022 reply describes it.

    The system is loaded once and cached: it is immutable, so every call
    returns the same object.

    Returns
    -------
    EmergencySystem
        Jurisdictions (the city and its 38 districts and counties), agencies,
        plans, the "3+8" framework, dispatch modes, forces by tier, the
        public-opinion protocol, social organisations, §三's programmes, and
        proposal No. 0716 with its reply and commitments.

    Raises
    ------
    emergencykit.errors.LoadError
        If the shipped document does not load (a packaging bug).

    Examples
    --------
    >>> from emergencykit.datasets import chongqing_2022
    >>> cq = chongqing_2022()
    >>> proposal = cq["prop-0716"]
    >>> proposal.number, proposal.session.label(), len(proposal.co_handlers)
    ('0716', '五届五次会议', 5)
    >>> cq[proposal.lead_handler].name.zh
    '重庆市应急管理局'
    >>> cq["fg-backbone-local"].teams.value
    988
    >>> chongqing_2022() is cq
    True
    """
    # pkgutil reads it as importlib.resources would, without the imports of the latter.
    text = pkgutil.get_data("emergencykit.datasets", _TWIN)
    if text is None:  # pragma: no cover - a loader that cannot read files
        raise LoadError([Problem(_TWIN, "$", "the embedded model cannot be read")])
    try:
        with paused_gc():
            return _plain.structure(json.loads(text))
    except Exception:  # pragma: no cover - a damaged package: the loader says how
        return io.loads(text, "json", filename=_TWIN)

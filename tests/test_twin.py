"""The embedded model's JSON twin says what its TOML source says.

``chongqing_2022()`` reads ``chongqing_2022.json``, which the standard
library parses far faster than the TOML (the start-up of ``emergencykit
check``).  The TOML is the source; the JSON is derived from it by
``io.dumps`` and must stay byte for byte what that gives.  After changing the
TOML, the model or the JSON writer, regenerate it with
``python tests/test_twin.py --update``.
"""

import sys
from importlib import resources

from emergencykit import io
from emergencykit.datasets import _chongqing, chongqing_2022

DATASETS = resources.files("emergencykit.datasets")


def _source() -> str:
    return DATASETS.joinpath(_chongqing._FILENAME).read_text(encoding="utf-8")


def _derived() -> str:
    return io.dumps(io.loads(_source(), "toml", filename=_chongqing._FILENAME), "json")


def test_the_json_twin_is_derived_from_the_toml_source() -> None:
    twin = DATASETS.joinpath(_chongqing._TWIN).read_text(encoding="utf-8")
    assert twin == _derived(), (
        f"{_chongqing._TWIN} is stale: run `python tests/test_twin.py --update` and commit it"
    )


def test_the_embedded_model_is_the_toml_source() -> None:
    assert chongqing_2022() == io.loads(_source(), "toml")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_twin.py --update")
    path = _chongqing.__file__.rsplit("/", 1)[0] + "/" + _chongqing._TWIN
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(_derived())
    print(f"wrote {path}")

"""Deprecated path: force totals and mandate coverage are in :mod:`emergencykit.summary`."""

from emergencykit._moved import moved_to

__all__: list[str] = []

__getattr__ = moved_to(
    __name__,
    "emergencykit.summary",
    ["CoverageRow", "Tally", "descendants", "force_totals", "mandate_coverage"],
)

"""Deprecated path: the drawing functions are in :mod:`emergencykit.graph`."""

from emergencykit._moved import moved_to

__all__: list[str] = []

__getattr__ = moved_to(
    __name__,
    "emergencykit.graph",
    ["cjk_font", "draw_command_structure", "layout_command_structure"],
)

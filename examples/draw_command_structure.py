"""Draw the command structure of the Chongqing 2022 system as a picture.

    python examples/draw_command_structure.py                  # chongqing_command_structure.png
    python examples/draw_command_structure.py cq.svg --lang en

Agencies are laid out by administrative level and depth of command, forces
at the bottom, coloured by tier (骨干, 精锐, 攻坚, 补充).  Needs the ``plot``
extra: ``pip install 'emergencykit[plot]'``.
"""

import argparse

from emergencykit.datasets import chongqing_2022
from emergencykit.graph import cjk_font, draw_command_structure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw Chongqing's command structure.")
    parser.add_argument(
        "output",
        nargs="?",
        default="chongqing_command_structure.png",
        help="PNG or SVG file to write (default: %(default)s)",
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    args = parser.parse_args(argv)
    if args.lang == "zh" and cjk_font() is None:
        print("no CJK font installed: labelling in English")
    draw_command_structure(chongqing_2022(), args.output, lang=args.lang)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

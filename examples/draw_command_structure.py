"""Draw the Chongqing 2022 system, or one view of it, as a picture.

    python examples/draw_command_structure.py                 # chongqing_command_structure.png
    python examples/draw_command_structure.py cq.svg --lang en --view all

The command view (the default) shows who commands and dispatches whom:
the municipal government and Party committee over their departments, the
public security bureau over its command centre.  ``--view all`` adds every
other relation and object, with the rescue forces coloured by tier rank
(骨干, 精锐, 攻坚, 补充).  Without a Chinese font the picture is labelled in
English, with a warning.  Needs the ``plot`` extra:
``pip install 'emergencykit[plot]'``.
"""

import argparse

from emergencykit.datasets import chongqing_2022
from emergencykit.graph import VIEWS, draw_command_structure, layout_command_structure, to_graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw Chongqing's command structure.")
    parser.add_argument(
        "output",
        nargs="?",
        default="chongqing_command_structure.png",
        help="PNG or SVG file to write (default: %(default)s)",
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="label language")
    parser.add_argument("--view", choices=tuple(VIEWS), default="command", help="what to draw")
    args = parser.parse_args(argv)
    G = to_graph(chongqing_2022())
    draw_command_structure(G, args.output, view=args.view, lang=args.lang)
    boxes, _, edges, _ = layout_command_structure(G, view=args.view)
    arrows = sum(1 for a, b, _, _ in edges if a != b)
    relations = ", ".join(sorted({relation for _, _, relation, _ in edges}))
    print(f"wrote {args.output}: {len(boxes)} boxes, {arrows} arrows ({relations})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

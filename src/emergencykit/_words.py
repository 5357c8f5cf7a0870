"""English count phrases: ``1 error``, ``2 errors``, ``1 person``, ``3 people``.

A private helper of the renderers, so that no English output says
"1 subordinates" or hedges with "error(s)".

>>> plural(1, "error"), plural(6, "error"), plural(0, "rule")
('1 error', '6 errors', '0 rules')
>>> plural(1, "person", "people"), plural(3, "person", "people")
('1 person', '3 people')
"""

__all__ = ["noun", "plural"]


def noun(n: int, singular: str, plural: str | None = None) -> str:
    """``singular`` when ``n`` is 1, else ``plural`` (default: ``singular`` + "s").

    >>> noun(1, "agency", "agencies"), noun(2, "agency", "agencies")
    ('agency', 'agencies')
    """
    if n == 1:
        return singular
    return plural if plural is not None else singular + "s"


def plural(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` followed by the noun in the number English needs."""
    return f"{n} {noun(n, singular, plural)}"

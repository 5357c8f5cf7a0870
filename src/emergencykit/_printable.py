r"""Text safe to show on a terminal: every unprintable character escaped.

A private helper of the renderers and the command line.  Ids, names and
file names come from documents and arguments that anybody may write; shown
raw, an escape sequence could retitle or clear the terminal, a newline
could fake a line of output, and bidirectional overrides could reorder
what the reader sees.

>>> print(printable("队\x1b]0;owned\x07 a\u202eb\nc d"))
队\x1b]0;owned\x07 a\u202eb\nc d
"""

import unicodedata

__all__ = ["printable"]

# Control, format (bidi, zero-width), surrogate, private-use and unassigned
# characters, and the line and paragraph separators.  Spaces (Zs) stay: the
# ideographic space is ordinary in Chinese text.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\\": "\\\\"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` with every unprintable character written as a Python escape.

    Printable text, Chinese and spaces included, comes back unchanged; a
    backslash is doubled only when something else had to be escaped, so
    that ordinary text (Windows paths) reads as typed.
    """
    if text.isprintable():
        return text
    if not any(unicodedata.category(c) in _HIDDEN for c in text):
        return text
    return "".join(
        _escape(c) if c == "\\" or unicodedata.category(c) in _HIDDEN else c for c in text
    )

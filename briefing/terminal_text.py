"""Text from a user's files made safe to print on a terminal.

An outline or article may hold characters a terminal obeys instead of showing: ESC starts escape
sequences (colours, titles, even rewriting what is on screen), BEL rings, NUL and other controls
garble the line, and bidirectional overrides (U+202E) make text read in a different order from
the bytes it is (the "Trojan Source" trick). The command line passes everything it prints
through :func:`terminal_safe`, which writes such characters as visible escapes (``\\x1b``,
``\\u202e``) so the reader sees that they are there and what they are.
"""

from __future__ import annotations

import re

__all__ = ["terminal_safe"]

_ALWAYS = ("\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and newline, DEL, C1 controls
           "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides
           "\u2028\u2029"  # line and paragraph separators
           "\ud800-\udfff")  # lone surrogates (undecodable bytes in a file name)
_UNSAFE = re.compile(f"[\n{_ALWAYS}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[{_ALWAYS}]")


_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every character a terminal would act on written as a visible escape.

    A message is one line, so a line break inside it is escaped too, unless ``keep_newlines``
    (for output such as ``show`` that is made of lines).
    """
    pattern = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE
    return pattern.sub(_escape, text)

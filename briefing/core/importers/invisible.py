"""The characters that never show on a page, which both the text and the HTML importers remove.

A soft hyphen only marks where a word may break, zero-width spaces and word joiners only steer
line breaking, a byte-order mark only tags the encoding, and the direction marks, embeddings and
isolates of mixed-direction text only steer display. Left in, they keep a word from reading as
the reader sees it ("Netan\u00adyahu"), a byline, a heading's number or a date from being
recognised, and they hide a heading's capital letter.

The zero-width joiner and non-joiner are deliberately not among them: they change what is
shown. The joiner binds emoji into one picture (a family, a flag, a skin tone on a job) and
both choose letter forms in Persian, Arabic, Indic and other scripts, so removing them would
change the text the source prints. They stay in the text as they came.
"""

from __future__ import annotations

import re

DIRECTION_MARKS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""The Arabic letter mark, left-to-right and right-to-left marks, embeddings, overrides and
isolates."""
INVISIBLE = "\u00ad\u200b\u2060\ufeff" + DIRECTION_MARKS
"""Soft hyphen, zero-width space, word joiner, zero-width no-break space (byte-order mark) and
the :data:`DIRECTION_MARKS`: removed from imported text."""
INVISIBLE_PATTERN = re.compile(f"[{INVISIBLE}]")
"""Any one of the :data:`INVISIBLE` characters."""

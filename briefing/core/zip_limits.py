"""Checking a zip archive (a .docx) before anything in it is inflated.

A Word file is a zip archive, and a zip archive can say that a few kilobytes inflate to
gigabytes (a "zip bomb"). Before python-docx reads a part, :func:`check_zip` looks at what the
archive's directory says of every part and refuses the archive when one part, or all of them
together, would inflate past :data:`MAX_UNCOMPRESSED_BYTES`, or when a sizeable part is
compressed more than :data:`MAX_RATIO` to 1.

The directory can lie: ``zipfile.read`` inflates a whole part in one call before it cuts the
result to the stated size, so a part that says 1 KB but holds gigabytes would still take them.
Each deflated part is therefore inflated once here, a chunk at a time and throwing the output
away, and refused when it holds more than it says.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from briefing.core.errors import BriefingError
from briefing.core.source_files import size_text

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""What all the parts of one archive may inflate to together."""
MAX_RATIO = 100
"""How many times its compressed size a part may inflate to."""
RATIO_FLOOR_BYTES = 1024 * 1024
"""Parts smaller than this inflated are never refused for their ratio: a short run of repeated
XML compresses very well and costs nothing to inflate."""
MAX_PARTS = 10_000
"""Real Word files hold a few dozen parts; a directory of millions costs memory by itself."""

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_MAGIC = b"PK\x03\x04"
_CHUNK = 256 * 1024
_ENCRYPTED = 0x1


def check_zip(data: bytes, path: object, error: type[BriefingError], *,
              hint: str = "") -> None:
    """Raise ``error`` naming ``path`` when the archive in ``data`` would inflate too far.

    An archive that ``zipfile`` cannot open at all passes: the caller's own reader reports it
    as damaged, in its own words.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return
    label = str(path) if path else None
    hint = hint or "It may be a zip bomb; ask its sender for a plain copy"
    if len(parts) > MAX_PARTS:
        raise error(label, f"holds {len(parts):,} parts, more than the {MAX_PARTS:,} a Word "
                    "file may hold", hint=hint)
    total = 0
    for part in parts:
        inflated = part.file_size
        total += inflated
        if inflated > MAX_UNCOMPRESSED_BYTES or total > MAX_UNCOMPRESSED_BYTES:
            raise error(label, f"inflates to more than {size_text(MAX_UNCOMPRESSED_BYTES)} "
                        f"(part {part.filename!r})", hint=hint)
        if inflated > RATIO_FLOOR_BYTES and inflated > MAX_RATIO * max(part.compress_size, 1):
            ratio = inflated / max(part.compress_size, 1)
            raise error(label, f"part {part.filename!r} is compressed {ratio:,.0f} to 1, more "
                        f"than the {MAX_RATIO} to 1 a real document uses", hint=hint)
        if part.flag_bits & _ENCRYPTED:
            raise error(label, f"part {part.filename!r} is encrypted",
                        hint="Save the document again without a password")
        if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise error(label, f"part {part.filename!r} uses a compression Word does not use",
                        hint="Open it in Word or LibreOffice and save it again as .docx")
        if part.compress_type == zipfile.ZIP_DEFLATED and \
                _true_size(data, part, inflated + 1) > inflated:
            raise error(label, f"part {part.filename!r} holds more than its archive says",
                        hint=hint)


def _true_size(data: bytes, part: zipfile.ZipInfo, cap: int) -> int:
    """How far a deflated part really inflates, counted up to ``cap``; 0 if it cannot be found
    (the reader then reports the archive as damaged)."""
    start = part.header_offset
    try:
        header = _LOCAL_HEADER.unpack_from(data, start)
    except struct.error:
        return 0
    if header[0] != _LOCAL_MAGIC:
        return 0
    begin = start + _LOCAL_HEADER.size + header[10] + header[11]
    compressed = memoryview(data)[begin:begin + part.compress_size]
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total, offset, pending = 0, 0, b""
    try:
        while not inflater.eof and total <= cap:
            if not pending:
                if offset >= len(compressed):
                    # Input used up; what zlib still holds comes out a chunk at a time.
                    rest = inflater.decompress(b"", _CHUNK)
                    if not rest:
                        break
                    total += len(rest)
                    continue
                pending = bytes(compressed[offset:offset + _CHUNK])
                offset += _CHUNK
            total += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        return 0
    return total

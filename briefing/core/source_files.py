"""Reading a user's input file with the checks every reader needs.

Missing files, folders, empty or binary files, files too large to be an article or outline, and
text that is not UTF-8 each get a clear :class:`ArticleImportError` (or the error class the caller
asks for) instead of a traceback. Text that is not UTF-8 is decoded as cp1252 with a warning;
UTF-16 with a byte-order mark (Windows Notepad's "Unicode") is read as the text it is.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from briefing.core.errors import BriefingError, WarningSink, log_warning

MB = 1024 * 1024
MAX_INPUT_BYTES = 50 * MB
"""The largest article or template file read; an outline file has its own, larger limit."""
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _a(noun: str) -> str:
    """``noun`` with its indefinite article: "an outline file", "a file"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def size_over_limit(size: int, limit: int) -> str:
    """``"64 MB, more than the 50 MB limit"``, with as many decimals as it takes for the size
    shown to be over the limit shown (a file one byte too large is not "50 MB")."""
    shown_limit = f"{limit / MB:g} MB"
    for decimals in range(3):
        shown = round(size / MB, decimals)
        if shown > limit / MB:
            return f"{shown:.{decimals}f} MB, more than the {shown_limit} limit"
    return f"{size:,} bytes, more than the limit of {limit:,} bytes"


def read_input_bytes(path: Path, error: type[BriefingError], *, what: str = "file",
                     allow_binary: bool = False, limit: int | None = None) -> bytes:
    """The bytes of ``path`` after the checks common to all inputs; ``limit`` is the largest
    size accepted (:data:`MAX_INPUT_BYTES` when not given)."""
    limit = MAX_INPUT_BYTES if limit is None else limit
    if not path.exists():
        raise error(path, "no such file", hint="Check the name and the folder")
    if path.is_dir():
        raise error(path, "is a folder, not a file", hint=f"Choose {_a(what)} inside it")
    try:
        size = path.stat().st_size
        if size > limit:
            raise error(path, f"is {size_over_limit(size, limit)}",
                        hint=f"Choose a smaller {what} or split it")
        data = path.read_bytes()
    except PermissionError:
        raise error(path, "cannot be read (permission denied)",
                    hint="Check the file's permissions") from None
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    utf16 = data.startswith(_UTF16_BOMS)
    if not (data.decode("utf-16", errors="replace") if utf16 else data).strip():
        raise error(path, "is empty", hint=f"Choose {_a(what)} with some text in it")
    if not allow_binary and not utf16 and b"\x00" in data[:8192]:
        raise error(path, "is a binary file, not text",
                    hint=f"Choose {_a(what)} that holds text")
    return data


def decode_text(data: bytes, path: Path, warn: WarningSink = log_warning) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252 with a warning; never raises."""
    if data.startswith(_UTF16_BOMS):
        return _normalise_line_ends(data.decode("utf-16", errors="replace"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        warn(f"{path}: line {line}: not UTF-8; read as Windows-1252 (cp1252). "
             "Save the file as UTF-8 if characters look wrong")
        text = data.decode("cp1252", errors="replace")
    return _normalise_line_ends(text)


def _normalise_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_input_text(path: Path, error: type[BriefingError], *, what: str = "file",
                    warn: WarningSink = log_warning, limit: int | None = None) -> str:
    """The text of ``path``, checked and decoded, with line ends normalised to ``\\n``."""
    return decode_text(read_input_bytes(path, error, what=what, limit=limit), path, warn)

"""Reading a user's input file with the checks every reader needs.

Missing files, folders, empty or binary files, files too large to be an article or outline, and
text that is not UTF-8 each get a clear :class:`ArticleImportError` (or the error class the caller
asks for) instead of a traceback. Text that is not UTF-8 is decoded as cp1252 with a warning;
UTF-16 with a byte-order mark (Windows Notepad's "Unicode") is read as the text it is.

Only regular files are read. A named pipe, a device or a socket (or a link to one) is refused by
name before it is opened for reading, because reading one can block forever (a FIFO nobody
writes to) or never end (``/dev/zero``). The size limit is checked on the bytes actually read,
never on what ``stat`` claims, so a file that grows while it is read cannot get past it.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from briefing.core.errors import BriefingError, WarningSink, log_warning

MB = 1024 * 1024
MAX_INPUT_BYTES = 50 * MB
"""The largest article or template file read; an outline file has its own, larger limit."""
MAX_OUTLINE_BYTES = 4 * MAX_INPUT_BYTES
"""The largest outline file read, and so the largest saved. An article becomes about twice its
size as outline YAML (each block gets its keys and indentation), so a largest article fits, with
room for more; an outline that would be larger is refused when saving, never written."""
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _a(noun: str) -> str:
    """``noun`` with its indefinite article: "an outline file", "a file"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def size_text(size: int) -> str:
    """A byte count as people say it: ``50 MB``, ``200 KB``, ``10 bytes``."""
    for unit, factor in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.0f} {unit}"
    return f"{size} bytes"


def size_over_limit(size: int, limit: int) -> str:
    """``"64 MB, more than the 50 MB limit"``, with as many decimals as it takes for the size
    shown to be over the limit shown (a file one byte too large is not "50 MB")."""
    shown_limit = f"{limit / MB:g} MB"
    for decimals in range(3):
        shown = round(size / MB, decimals)
        if shown > limit / MB:
            return f"{shown:.{decimals}f} MB, more than the {shown_limit} limit"
    return f"{size:,} bytes, more than the limit of {limit:,} bytes"


def _special_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words a user knows."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def check_regular_file(path: Path, error: type[BriefingError], *, what: str = "file") -> None:
    """Raise ``error`` unless ``path`` (after following links) is a regular file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise error(path, "is a link to a file that does not exist",
                        hint="Choose the file itself") from None
        raise error(path, "no such file", hint="Check the name and the folder") from None
    except PermissionError:
        raise error(path, "cannot be read (permission denied)",
                    hint="Check the file's permissions") from None
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(mode):
        raise error(path, "is a folder, not a file", hint=f"Choose {_a(what)} inside it")
    if not stat.S_ISREG(mode):
        link = " a link to" if os.path.islink(path) else ""
        raise error(path, f"is{link} {_special_kind(mode)}, not a file that can be read",
                    hint=f"Save the content as a file and choose that {what}")


def read_bounded(path: Path, error: type[BriefingError], *, what: str = "file",
                 limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` (default :data:`MAX_INPUT_BYTES`).

    The file is opened without blocking and checked again once open, so a file swapped for a
    pipe between the two checks cannot hang the read either.
    """
    limit = MAX_INPUT_BYTES if limit is None else limit
    check_regular_file(path, error, what=what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
        with os.fdopen(descriptor, "rb") as file:
            mode = os.fstat(file.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise error(path, f"is {_special_kind(mode)}, not a file that can be read",
                            hint=f"Save the content as a file and choose that {what}")
            data = file.read(limit + 1)
            stated_size = os.fstat(file.fileno()).st_size
    except PermissionError:
        raise error(path, "cannot be read (permission denied)",
                    hint="Check the file's permissions") from None
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        # The size is named when ``stat`` agrees with what was read; the check is on the bytes.
        problem = (f"is {size_over_limit(stated_size, limit)}" if stated_size > limit
                   else f"is more than the {size_text(limit)} limit")
        raise error(path, problem, hint=f"Choose a smaller {what} or split it")
    return data


def read_input_bytes(path: Path, error: type[BriefingError], *, what: str = "file",
                     allow_binary: bool = False, limit: int | None = None) -> bytes:
    """The bytes of ``path`` after the checks common to all inputs; ``limit`` is the largest
    size accepted (:data:`MAX_INPUT_BYTES` when not given)."""
    data = read_bounded(path, error, what=what, limit=limit)
    utf16 = data.startswith(_UTF16_BOMS)
    if _blank(data.decode("utf-16", errors="replace") if utf16 else data):
        raise error(path, "is empty", hint=f"Choose {_a(what)} with some text in it")
    if not allow_binary:
        check_text_bytes(data, path, error, what=what)
    return data


def check_text_bytes(data: bytes, path: Path, error: type[BriefingError], *,
                     what: str = "file") -> None:
    """Raise ``error`` when ``data`` is binary: see :func:`is_binary`."""
    if is_binary(data):
        raise error(path, "is a binary file, not text",
                    hint=f"Choose {_a(what)} that holds text")


_BINARY_SAMPLE_BYTES = 8192
_OTHER_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in b"\0\t\n\f\r\x1b")


def is_binary(data: bytes) -> bool:
    """Whether a file's bytes are binary rather than text (UTF-16 with its mark is text): the
    one rule for every input, whatever its name says it is."""
    return not data.startswith(_UTF16_BOMS) and _looks_binary(data[:_BINARY_SAMPLE_BYTES])


def _looks_binary(sample: bytes) -> bool:
    """Whether the start of a file is binary: NUL bytes and a share of other control bytes (an
    image, an archive) or many NULs (UTF-16 without its mark). A text with a few stray NULs
    (a damaged download, a file an editor wrote badly) is still text; the readers drop them."""
    if b"\0" not in sample:
        return False
    controls = sum(sample.count(byte) for byte in _OTHER_CONTROL_BYTES)
    return sample.count(0) * 10 >= len(sample) or controls * 100 >= len(sample)


def _blank(text: bytes | str) -> bool:
    """Empty or only whitespace; ``isspace`` stops at the first other character, where
    ``strip`` would copy a large file whole."""
    return not text or text.isspace()


def decode_text(data: bytes, path: Path, warn: WarningSink = log_warning) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252 with a warning; never raises."""
    if data.startswith(_UTF16_BOMS):
        return normalise_line_ends(data.decode("utf-16", errors="replace"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        warn(f"{path}: line {line}: not UTF-8; read as Windows-1252 (cp1252). "
             "Save the file as UTF-8 if characters look wrong")
        text = data.decode("utf-8-sig", errors=_CP1252_BYTES)
    return normalise_line_ends(text)


def _cp1252_for_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 refuses as Windows-1252, and only those.

    A UTF-8 file with a few Windows-1252 characters pasted in, or one cut off in the middle of
    a character, keeps every other character as written; a file wholly in Windows-1252 (whose
    accented letters and quotes are never valid UTF-8 sequences) reads as Windows-1252.
    """
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.end].decode("cp1252", errors="replace"), error.end


_CP1252_BYTES = "briefing-cp1252-bytes"
codecs.register_error(_CP1252_BYTES, _cp1252_for_bad_bytes)


def normalise_line_ends(text: str) -> str:
    """Every line end as ``\n`` (Windows' ``\r\n`` and old Macs' ``\r`` too)."""
    if "\r" not in text:  # one quick scan instead of two copies of a large file
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_input_text(path: Path, error: type[BriefingError], *, what: str = "file",
                    warn: WarningSink = log_warning, limit: int | None = None) -> str:
    """The text of ``path``, checked and decoded, with line ends normalised to ``\\n``."""
    return decode_text(read_input_bytes(path, error, what=what, limit=limit), path, warn)

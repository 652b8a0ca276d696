"""PDF like the Word note: the exported .docx converted by LibreOffice, when it is installed.

LibreOffice lays the Word file out as Word would (the template's letterhead, fonts, footnotes
at the foot of their page, "Page X of Y" fields), which Qt's rich text cannot. It runs headless
with a private, temporary profile (``-env:UserInstallation``), so it neither disturbs nor waits
for a LibreOffice the user has open, and it is stopped (with everything it started) when it
takes longer than :data:`OFFICE_TIMEOUT_S` or the user cancels the export. Any failure is an
:class:`~briefing.core.errors.ExportError` naming the program and what went wrong; nothing is
written then.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from briefing.core.errors import ExportError

logger = logging.getLogger(__name__)

OFFICE_TIMEOUT_S = 180.0
"""Longest a conversion may take (a first start with a fresh profile takes several seconds; a
long reading pack on a slow machine a minute or more)."""
OFFICE_ENV = "BRIEFING_OFFICE"
"""Environment variable: the path of ``soffice`` to use, or ``off`` for Qt's simpler PDF."""
_POLL_S = 0.1
_PROGRAM_NAMES = ("soffice", "libreoffice")
_INSTALL_PLACES = (
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice/program/soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    / "LibreOffice/program/soffice.exe",
)


def find_office() -> Path | None:
    """LibreOffice's ``soffice`` program: the one :data:`OFFICE_ENV` names, else on the PATH or
    where its installer puts it; None when it is not installed or the variable says ``off``."""
    chosen = os.environ.get(OFFICE_ENV, "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen).expanduser()
    for name in _PROGRAM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((place for place in _INSTALL_PLACES if place.is_file()), None)


def convert_to_pdf(docx: Path, output: Path, office: Path, *,
                   timeout: float = OFFICE_TIMEOUT_S,
                   check_stop: Callable[[], None] | None = None) -> bytes:
    """The PDF LibreOffice makes of ``docx`` (``output`` names the export in messages).

    ``check_stop`` is called a few times a second while LibreOffice works; whatever it raises
    stops LibreOffice and propagates.
    """
    with tempfile.TemporaryDirectory(prefix="briefing-office-") as temp:
        folder = Path(temp)
        profile = folder / "profile"
        converted = folder / "pdf"
        command = [str(office), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--invisible", "--nologo", "--norestore", "--nolockcheck",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(converted),
                   str(docx)]
        started = time.monotonic()
        _run(command, output, office, timeout, check_stop)
        pdf = converted / f"{docx.stem}.pdf"
        if not pdf.is_file():
            raise ExportError(output, f"LibreOffice ({office}) finished without making a PDF",
                              hint="Open the exported .docx in LibreOffice to see whether it "
                                   "can read it, or export to .docx and make the PDF from Word")
        logger.info("LibreOffice converted %s in %.1f s", docx.name, time.monotonic() - started)
        return pdf.read_bytes()


def _run(command: list[str], output: Path, office: Path, timeout: float,
         check_stop: Callable[[], None] | None) -> None:
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=sys.platform != "win32",
            creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0))
    except OSError as exc:
        raise ExportError(output, f"LibreOffice ({office}) could not be started "
                          f"({exc.strerror or exc})",
                          hint="Reinstall LibreOffice, or export to .docx") from None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                _out, err = process.communicate(timeout=_POLL_S)
                break
            except subprocess.TimeoutExpired:
                if check_stop is not None:
                    check_stop()
                if time.monotonic() > deadline:
                    raise ExportError(
                        output, f"LibreOffice ({office}) did not finish the PDF within "
                        f"{timeout:g} seconds and was stopped",
                        hint="Export again, or export to .docx and make the PDF from Word or "
                             "LibreOffice") from None
    except BaseException:
        _stop(process)
        raise
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit status {process.returncode}"
        raise ExportError(output, f"LibreOffice ({office}) could not convert the note to PDF "
                          f"({reason})", hint="Export to .docx and make the PDF from Word or "
                                              "LibreOffice")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and the processes it started (it runs a launcher and a worker)."""
    if sys.platform == "win32":
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(["taskkill", "/T", "/F", "/PID", str(process.pid)],
                           capture_output=True, timeout=10, check=False)
    else:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(subprocess.SubprocessError, OSError):
        process.communicate(timeout=10)

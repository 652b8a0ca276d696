"""PDF through LibreOffice: the real conversion where it is installed, and every way it fails.

The failures run a small stand-in for ``soffice`` (a script of ours), so they need no
LibreOffice; they are POSIX-only because the stand-in is a script with a ``#!`` line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.core.errors import ExportError
from briefing.core.export import pdf_office
from briefing.core.export.api import export_briefing
from tests.core.export.fixtures.outlines import sample_outline

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a #! script")

STAND_IN = """\
import os, sys, time
args = sys.argv[1:]
out = args[args.index("--outdir") + 1]
source = args[-1]
mode = os.environ["STAND_IN_MODE"]
with open(os.environ["STAND_IN_LOG"], "a") as log:
    log.write(" ".join(args) + "\\n")
if mode == "slow":
    import subprocess
    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    with open(os.environ["STAND_IN_LOG"], "a") as log:
        log.write(f"pids {os.getpid()} {helper.pid}\\n")
    time.sleep(120)
elif mode == "fail":
    print("Error: source file could not be loaded", file=sys.stderr)
    sys.exit(1)
elif mode == "ok":
    os.makedirs(out, exist_ok=True)
    name = os.path.splitext(os.path.basename(source))[0] + ".pdf"
    with open(os.path.join(out, name), "wb") as pdf:
        pdf.write(b"%PDF-1.4 stand-in")
"""


def real_office(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(pdf_office.OFFICE_ENV, raising=False)
    office = pdf_office.find_office()
    if office is None:
        pytest.skip("LibreOffice (soffice) is not installed here")
    return office


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake ``soffice``; ``STAND_IN_MODE`` says what it does, ``STAND_IN_LOG`` what it got."""
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text(f"#!{sys.executable}\n{STAND_IN}", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv(pdf_office.OFFICE_ENV, str(script))
    monkeypatch.setenv("STAND_IN_LOG", str(tmp_path / "calls.log"))
    return script


@pytest.fixture
def hanging_office(stand_in: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The stand-in, starting a helper and then never finishing."""
    monkeypatch.setenv("STAND_IN_MODE", "slow")
    return stand_in


def quiet(_message: str) -> None:
    return None


def pdf_text(path: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return path.read_bytes().decode("latin-1")
    return subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


def pdf_info(path: Path) -> dict[str, str] | None:
    """The PDF's document information as ``pdfinfo`` reads it (None where it is missing)."""
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        return None
    lines = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True,
                           timeout=60).stdout.splitlines()
    return {key.strip(): value.strip() for key, _, value in
            (line.partition(":") for line in lines)}


def test_the_pdf_is_the_word_note_converted_by_libreoffice(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    real_office(monkeypatch)
    out = tmp_path / "out"
    out.mkdir()
    output = out / "note.pdf"
    result = export_briefing(sample_outline(), output, warn=quiet)  # no Qt writer needed
    assert result.pdf_made_by == "LibreOffice"
    data = output.read_bytes()
    assert data.startswith(b"%PDF-")
    text = pdf_text(output)
    outline = sample_outline()
    assert outline.briefing.title in text
    info = pdf_info(output)
    if info is not None:
        assert info["Producer"].startswith("LibreOffice")
        assert info["Title"] == outline.briefing.title
        assert info["Author"] == outline.briefing.from_
    # the Word footer's fields, filled in by LibreOffice (its words joined by no-break spaces)
    assert "Page 1 of" in text.replace("\u00a0", " ")
    assert [path.name for path in out.iterdir()] == ["note.pdf"]


def test_find_office_honours_the_environment(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    monkeypatch.setenv(pdf_office.OFFICE_ENV, "off")
    assert pdf_office.find_office() is None
    monkeypatch.setenv(pdf_office.OFFICE_ENV, str(tmp_path / "my-soffice"))
    assert pdf_office.find_office() == tmp_path / "my-soffice"


@posix_only
def test_libreoffice_runs_headless_with_a_private_profile(stand_in: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAND_IN_MODE", "ok")
    output = tmp_path / "note.pdf"
    result = export_briefing(sample_outline(), output, warn=quiet)
    assert result.pdf_made_by == "LibreOffice"
    assert output.read_bytes() == b"%PDF-1.4 stand-in"
    call = (tmp_path / "calls.log").read_text(encoding="utf-8").split()
    assert "--headless" in call and call[call.index("--convert-to") + 1].startswith("pdf")
    [profile] = [arg for arg in call if arg.startswith("-env:UserInstallation=file://")]
    profile_folder = Path(profile.split("file://", 1)[1])
    assert not profile_folder.exists()  # private and temporary: gone after the export
    assert call[-1].endswith(".docx") and not Path(call[-1]).exists()


@posix_only
def test_a_libreoffice_that_hangs_is_stopped_with_everything_it_started(
        hanging_office: Path, tmp_path: Path) -> None:
    docx = tmp_path / "note.docx"
    docx.write_bytes(b"not really a Word file")
    with pytest.raises(ExportError) as caught:
        pdf_office.convert_to_pdf(docx, tmp_path / "note.pdf", hanging_office, timeout=3.0)
    message = caught.value.message()
    assert str(hanging_office) in message
    assert "did not finish the PDF within 3 seconds and was stopped" in message
    [pids] = [line.split()[1:] for line in (tmp_path / "calls.log").read_text().splitlines()
              if line.startswith("pids ")]
    assert len(pids) == 2  # the program and the helper it started
    assert not any(_running(int(pid)) for pid in pids)
    assert not (tmp_path / "note.pdf").exists()


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be collected by its new parent."""
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        try:
            return "\nState:\tZ" not in status.read_text(encoding="utf-8")
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@posix_only
def test_cancel_stops_libreoffice_and_leaves_the_older_note(hanging_office: Path,
                                                           tmp_path: Path) -> None:
    output = tmp_path / "note.pdf"
    output.write_bytes(b"last week's note")

    class CancelledError(Exception):
        pass

    def cancel() -> None:
        if (tmp_path / "calls.log").exists():  # LibreOffice has started: the user cancels
            raise CancelledError

    with pytest.raises(CancelledError):
        export_briefing(sample_outline(), output, warn=quiet, before_replace=cancel)
    assert output.read_bytes() == b"last week's note"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bin", "calls.log", "note.pdf"]


@posix_only
def test_a_failed_conversion_names_libreoffice_and_its_reason(
        stand_in: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAND_IN_MODE", "fail")
    output = tmp_path / "note.pdf"
    with pytest.raises(ExportError) as caught:
        export_briefing(sample_outline(), output, warn=quiet)
    message = caught.value.message()
    assert message.startswith(f"{output}: LibreOffice ({stand_in}) could not convert")
    assert "source file could not be loaded" in message
    assert not output.exists()


@posix_only
def test_a_conversion_without_a_pdf_is_an_error(stand_in: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAND_IN_MODE", "nothing")
    output = tmp_path / "note.pdf"
    with pytest.raises(ExportError, match="finished without making a PDF"):
        export_briefing(sample_outline(), output, warn=quiet)
    assert not output.exists()


def test_a_libreoffice_that_cannot_start_is_named(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "gone" / "soffice"
    monkeypatch.setenv(pdf_office.OFFICE_ENV, str(missing))
    output = tmp_path / "note.pdf"
    with pytest.raises(ExportError) as caught:
        export_briefing(sample_outline(), output, warn=quiet)
    assert f"LibreOffice ({missing}) could not be started" in caught.value.message()
    assert not output.exists()

"""PDF export, read back: file header, page count, text, page marks and metadata."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.core.export.document import build_document
from briefing.gui.pdf_export import write_pdf
from tests.core.export.test_document import make_outline, make_spec

# A QApplication made first, as the app does: a bare QGuiApplication made by the PDF writer
# would stay for the rest of the session and break later widget tests.
pytestmark = pytest.mark.usefixtures("qapp")

PDFTOTEXT = shutil.which("pdftotext") or ("/usr/bin/pdftotext"
                                          if Path("/usr/bin/pdftotext").exists() else None)


def page_objects(data: bytes) -> int:
    """Pages counted in the file itself: ``/Type /Page`` objects, not the ``/Pages`` tree."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def pdf_text(path: Path) -> str | None:
    if PDFTOTEXT is None:
        return None
    result = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True,
                            text=True, check=True, timeout=60)
    return result.stdout


def long_outline_doc(copies: int = 12):  # type: ignore[no-untyped-def]
    outline = make_outline()
    for _, section in outline.walk():
        section.blocks = section.blocks * copies
    return build_document(outline, make_spec())


def test_short_note_is_one_page_pdf_with_its_text(tmp_path: Path) -> None:
    target = tmp_path / "note.pdf"
    spec = make_spec(("title", "details", "bottom_line", "key_points", "sources"))
    pages = write_pdf(build_document(make_outline(), spec), target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert pages == 1 == page_objects(data)
    assert b"Alliance at a turning point" in data  # the document title in the info dictionary
    text = pdf_text(target)
    if text is None:
        pytest.skip("pdftotext is not installed; text not checked")
    assert "Cooperation beats rivalry." in text
    assert "Not picked, never shown." not in text
    assert "Page 1 of 1" in text
    assert text.count("OFFICIAL") == 2


def test_the_date_in_a_pdf_is_written_in_the_template_date_form(tmp_path: Path) -> None:
    target = tmp_path / "note.pdf"
    spec = dataclasses.replace(make_spec(("title", "details")), date_format="EEEE d MMMM yyyy")
    write_pdf(build_document(make_outline(), spec), target)
    text = pdf_text(target)
    if text is None:
        pytest.skip("pdftotext is not installed; text not checked")
    assert "Tuesday 15 October 2024" in text
    assert "2024-10-15" not in text


def test_long_note_gets_several_pages_each_marked(tmp_path: Path) -> None:
    target = tmp_path / "long.pdf"
    pages = write_pdf(long_outline_doc(), target)
    data = target.read_bytes()
    assert pages >= 3
    assert page_objects(data) == pages
    text = pdf_text(target)
    if text is None:
        pytest.skip("pdftotext is not installed; text not checked")
    for number in range(1, pages + 1):
        assert f"Page {number} of {pages}" in text
    assert text.count("OFFICIAL") == 2 * pages
    assert text.count("Nuclear sharing text.") == 12


def test_export_writes_a_pdf_through_the_core_entry_point(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.core.errors import ExportError
    from briefing.core.export.api import export_briefing
    from tests.core.export.fixtures.outlines import sample_outline

    output = tmp_path / "note.pdf"
    export_briefing(sample_outline(), output, warn=lambda _message: None, pdf_writer=write_pdf)
    assert output.read_bytes().startswith(b"%PDF")

    def locked(source: object, target: object) -> None:
        raise PermissionError(13, "The process cannot access the file", str(target))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="permission denied"):
        export_briefing(sample_outline(), output, warn=lambda _message: None,
                        pdf_writer=write_pdf)
    assert output.read_bytes().startswith(b"%PDF")
    assert [path.name for path in tmp_path.iterdir()] == ["note.pdf"]


def test_writing_replaces_atomically_and_reports_os_errors(tmp_path: Path) -> None:
    target = tmp_path / "note.pdf"
    target.write_bytes(b"old")
    write_pdf(build_document(make_outline(), make_spec()), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["note.pdf"]
    with pytest.raises(OSError):
        write_pdf(build_document(make_outline(), make_spec()), tmp_path / "missing" / "x.pdf")


def test_works_without_a_display_or_an_application(tmp_path: Path) -> None:
    """From the command line: no application and no display; the writer makes do offscreen.

    The application it makes is gone afterwards, so widgets still work in the same process.
    """
    target = tmp_path / "cli.pdf"
    script = ("import sys; from pathlib import Path\n"
              "from briefing.gui.pdf_export import write_pdf\n"
              "from tests.core.export.test_document import make_outline, make_spec\n"
              "from briefing.core.export.document import build_document\n"
              "doc = build_document(make_outline(), make_spec())\n"
              "pages = write_pdf(doc, Path(sys.argv[1]))\n"
              "write_pdf(doc, Path(sys.argv[1]))\n"
              "from PySide6.QtWidgets import QApplication, QLabel\n"
              "app = QApplication([])\n"
              "label = QLabel('widgets still work')\n"
              "assert write_pdf(doc, Path(sys.argv[1])) == pages\n"
              "print(pages)\n")
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True,
                            text=True, env=env, cwd=Path(__file__).parents[2], timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 1
    assert target.read_bytes().startswith(b"%PDF")


def _quiet(message: str) -> None:
    return None


def test_a_pdf_note_gets_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path: Path) -> None:
    from briefing.core.export.api import export_briefing
    from tests.core.export.fixtures.outlines import sample_outline

    note = tmp_path / "note.pdf"
    old = os.umask(0o007)
    try:
        export_briefing(sample_outline(), note, warn=_quiet, pdf_writer=write_pdf)
        assert stat.S_IMODE(note.stat().st_mode) == 0o660
        note.chmod(0o644)
        export_briefing(sample_outline(), note, template="reading-pack", warn=_quiet,
                        pdf_writer=write_pdf)
    finally:
        os.umask(old)
    assert stat.S_IMODE(note.stat().st_mode) == 0o644
    assert note.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == [note.name]


def test_stopping_a_pdf_export_just_before_the_replace_leaves_the_older_note(
        tmp_path: Path) -> None:
    from briefing.core.export.api import export_briefing
    from tests.core.export.fixtures.outlines import sample_outline

    note = tmp_path / "note.pdf"
    note.write_bytes(b"last week's note")

    class CancelledError(Exception):
        pass

    def cancel() -> None:
        raise CancelledError

    with pytest.raises(CancelledError):
        export_briefing(sample_outline(), note, warn=_quiet, before_replace=cancel,
                        pdf_writer=write_pdf)
    assert note.read_bytes() == b"last week's note"
    assert [p.name for p in tmp_path.iterdir()] == [note.name]


def test_core_alone_refuses_a_pdf_with_a_way_out(tmp_path: Path) -> None:
    from briefing.core.errors import ExportError
    from briefing.core.export.api import export_briefing
    from tests.core.export.fixtures.outlines import sample_outline

    with pytest.raises(ExportError, match=r"Export to \.docx"):
        export_briefing(sample_outline(), tmp_path / "note.pdf", warn=_quiet)
    assert not list(tmp_path.iterdir())


def test_the_pdf_shows_the_note_fields_and_the_caveats_on_every_page(tmp_path: Path) -> None:
    outline = make_outline()
    outline.briefing.second_title = "Un titre en second"
    outline.briefing.drafted_by_name = "R. Drafter"
    outline.briefing.approved_by = "A. Approver"
    outline.briefing.caveats = "UK EYES ONLY"
    for _, section in outline.walk():
        section.blocks = section.blocks * 12
    target = tmp_path / "note.pdf"
    pages = write_pdf(build_document(outline, make_spec()), target)
    text = pdf_text(target)
    if text is None:
        pytest.skip("pdftotext is not installed; text not checked")
    assert pages > 1
    assert text.count("OFFICIAL \u2013 UK EYES ONLY") == 2 * pages
    for expected in ("Un titre en second", "Drafted by", "R. Drafter", "Approved by",
                     "A. Approver"):
        assert expected in text


def test_without_libreoffice_the_qt_pdf_carries_title_author_and_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.core.export.api import export_briefing
    from briefing.core.templates import find_template
    from tests.core.export.fixtures.outlines import sample_outline

    monkeypatch.setenv("BRIEFING_OFFICE", "off")
    note = tmp_path / "note.pdf"
    outline = sample_outline()
    result = export_briefing(outline, note, warn=_quiet, pdf_writer=write_pdf)
    assert result.pdf_made_by == "Qt"
    data = note.read_bytes()
    language = find_template(result.template, _quiet).language.replace("_", "-")
    assert f"<dc:language><rdf:Bag><rdf:li>{language}</rdf:li>".encode() in data
    assert f"<rdf:li>{outline.briefing.from_}</rdf:li>".encode() in data
    assert f'<rdf:li xml:lang="x-default">{outline.briefing.title}</rdf:li>'.encode() in data
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is not None:
        info = subprocess.run([pdfinfo, str(note)], capture_output=True, text=True,
                              check=True, timeout=60).stdout
        assert f"Title:           {outline.briefing.title}" in info
        assert f"Author:          {outline.briefing.from_}" in info
        assert "Producer:        Qt" in info


def test_the_pdf_metadata_escapes_what_the_user_typed() -> None:
    from briefing.core.export.document import DocMetadata
    from briefing.gui.pdf_export import xmp_metadata

    packet = xmp_metadata(DocMetadata(title="Gas & <oil>", author="R&D", language="fr_CA"))
    assert "Gas &amp; &lt;oil&gt;" in packet and "R&amp;D" in packet
    assert "<rdf:li>fr-CA</rdf:li>" in packet

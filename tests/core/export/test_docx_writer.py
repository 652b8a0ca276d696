"""The Word writer, checked by reading its output back (python-docx and the XML parts)."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from briefing.core import paths
from briefing.core.errors import TemplateError
from briefing.core.export.document import build_document
from briefing.core.export.docx_writer import write_docx
from briefing.core.model import Outline
from briefing.core.templates import TemplateSpec, find_template, load_template_spec
from tests.core.export.fixtures.outlines import (
    PICKED_TEXTS_IN_ORDER,
    UNPICKED_MARK,
    sample_outline,
)
from tests.core.export.fixtures.readback import (
    NS,
    Package,
    paragraphs,
    style_names,
    style_of,
    text_of,
    w,
)

FIXTURES = Path(__file__).parent / "fixtures"
TEMPLATES = ("briefing-note", "one-page-brief", "reading-pack")
DOCUMENT = "word/document.xml"


def _export(tmp_path: Path, spec: TemplateSpec, outline: Outline | None = None,
            ) -> tuple[Path, list[str]]:
    warnings: list[str] = []
    output = tmp_path / f"{spec.name}.docx"
    write_docx(build_document(outline or sample_outline(), spec), spec, output, warnings.append)
    return output, warnings


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Package]:
    folder = tmp_path_factory.mktemp("exported")
    result = {}
    for name in TEMPLATES:
        path, warnings = _export(folder, find_template(name))
        assert warnings == []
        result[name] = Package(path)
    return result


def _body_texts(package: Package) -> list[str]:
    return [text_of(p) for p in paragraphs(package.xml(DOCUMENT))]


@pytest.mark.parametrize("name", ["briefing-note", "reading-pack"])
def test_every_picked_text_appears_once_in_briefing_order(exported: dict[str, Package],
                                                          name: str) -> None:
    texts = _body_texts(exported[name])
    positions = []
    for picked in PICKED_TEXTS_IN_ORDER:
        assert texts.count(picked) == 1, picked
        positions.append(texts.index(picked))
    assert positions == sorted(positions)


def test_one_page_brief_has_one_key_point_per_picked_section_in_order(
        exported: dict[str, Package]) -> None:
    package = exported["one-page-brief"]
    bullets = [text_of(p) for p in paragraphs(package.xml(DOCUMENT))
               if style_of(p) == "ListBullet"]
    assert [text.split(":")[0] for text in bullets] == [
        "1. Outcomes", "2. Burden sharing", "3. Enlargement", "4. Follow-up"]
    assert "Members agreed" not in package.all_text()


@pytest.mark.parametrize("name", TEMPLATES)
def test_unpicked_sections_and_pull_quotes_never_appear(exported: dict[str, Package],
                                                        name: str) -> None:
    everything = exported[name].all_text()
    assert UNPICKED_MARK not in everything
    assert "Ten years is a long time." not in everything


@pytest.mark.parametrize("name", TEMPLATES)
def test_footnotes_are_real_and_cite_the_right_sources(exported: dict[str, Package],
                                                       name: str) -> None:
    package = exported[name]
    assert package.part_by_kind("footnotes") == ["word/footnotes.xml"]
    notes = {int(note.get(w("id"))): note for note in
             package.xml("word/footnotes.xml").iter(w("footnote"))}
    assert {notes[-1].get(w("type")), notes[0].get(w("type"))} == {
        "separator", "continuationSeparator"}
    references = package.xml(DOCUMENT).xpath("//w:footnoteReference", namespaces=NS)
    ids = [int(ref.get(w("id"))) for ref in references]
    assert ids == [1, 2, 3, 4]
    cited = [text_of(notes[number]) for number in ids]
    assert "Lee Park" in cited[0] and "The summit season" in cited[0]
    assert "Ana Ribeiro" in cited[1] and "Policy Review" in cited[1] and "14 March 2025" in cited[1]
    # The second Ribeiro excerpt follows the first: "Ibid."; Park again later: the short form.
    assert cited[2].strip() == "Ibid." and "Lee Park" in cited[3]
    styles = style_names(package)
    for ref in references:
        run_style = ref.getparent().find(f"{w('rPr')}/{w('rStyle')}").get(w("val"))
        assert styles[run_style][0].lower() == "footnote reference"
    links = package.rels("word/footnotes.xml")
    assert {rel.target for rel in links.values() if rel.kind == "hyperlink"} == {
        "https://example.org/deterrence", "https://example.com/summit?id=7&lang=en"}


@pytest.mark.parametrize("name", TEMPLATES)
def test_header_and_footer_carry_marking_title_and_page_fields(exported: dict[str, Package],
                                                               name: str) -> None:
    package = exported[name]
    header = package.xml(package.part_by_kind("header")[0])
    footer = package.xml(package.part_by_kind("footer")[0])
    assert text_of(header) == "OFFICIAL-SENSITIVE"
    assert "OFFICIAL-SENSITIVE" in text_of(footer)
    assert "Alliance posture update" in text_of(footer)
    instructions = [node.text.strip() for node in footer.iter(w("instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "{{" not in package.all_text().replace("{{ title }}", "")


def test_hyperlinks_have_relationships_and_unsafe_links_are_plain_text(
        exported: dict[str, Package]) -> None:
    package = exported["briefing-note"]
    root = package.xml(DOCUMENT)
    rels = package.rels(DOCUMENT)
    targets = {}
    for link in root.iter(w("hyperlink")):
        rel = rels[link.get(f"{{{NS['r']}}}id")]
        assert rel.kind == "hyperlink" and rel.external
        targets[text_of(link)] = rel.target
    assert targets["the alliance site"] == "https://www.nato.int/"
    assert targets["https://example.org/deterrence"] == "https://example.org/deterrence"
    assert not any("javascript" in target for target in targets.values())
    assert "this trap" in text_of(root) and "this trap" not in targets
    styles = style_names(package)
    for link in root.iter(w("hyperlink")):
        style = link.find(f"{w('r')}/{w('rPr')}/{w('rStyle')}").get(w("val"))
        assert styles[style][0] == "Hyperlink"


def _numbering(package: Package) -> tuple[dict[str, object], dict[str, object]]:
    numbering = package.xml("word/numbering.xml")
    nums = {num.get(w("numId")): num for num in numbering.iter(w("num"))}
    abstracts = {a.get(w("abstractNumId")): a for a in numbering.iter(w("abstractNum"))}
    return nums, abstracts


def _list_item(package: Package, text: str) -> tuple[str, int, str]:
    for p in paragraphs(package.xml(DOCUMENT)):
        if text_of(p) == text:
            num_pr = p.find(f"{w('pPr')}/{w('numPr')}")
            assert num_pr is not None, f"{text!r} is not a list item"
            return (num_pr.find(w("numId")).get(w("val")),
                    int(num_pr.find(w("ilvl")).get(w("val"))), style_of(p))
    raise AssertionError(text)


def test_lists_use_word_numbering_with_nesting_and_restarts(
        exported: dict[str, Package]) -> None:
    package = exported["briefing-note"]
    nums, abstracts = _numbering(package)

    def formats(num_id: str) -> list[str]:
        abstract = abstracts[nums[num_id].find(w("abstractNumId")).get(w("val"))]
        return [fmt.get(w("val")) for fmt in abstract.iter(w("numFmt"))]

    first, first_level, first_style = _list_item(package, "first point")
    nested, nested_level, nested_style = _list_item(package, "nested point")
    deeper, deeper_level, _ = _list_item(package, "deeper point")
    assert first == nested == deeper
    assert (first_level, nested_level, deeper_level) == (0, 1, 2)
    assert (first_style, nested_style) == ("ListBullet", "ListBullet2")
    assert formats(first)[0] == "bullet"

    numbered = [_list_item(package, text)[0] for text in (
        "Sea lanes became easier to watch.", "open the file", "fresh list counts from one")]
    assert len(set(numbered)) == 3, "each numbered list restarts with its own numbering"
    for num_id in numbered:
        assert formats(num_id)[0] == "decimal"
        override = nums[num_id].find(f"{w('lvlOverride')}/{w('startOverride')}")
        assert override.get(w("val")) == "1"
    assert _list_item(package, "read the annex")[0] == numbered[1]


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_style_reference_resolves_to_a_named_style(exported: dict[str, Package],
                                                         name: str) -> None:
    package = exported[name]
    styles = style_names(package)
    for part in ("word/document.xml", "word/footnotes.xml", "word/comments.xml"):
        if not package.has(part):
            continue
        root = package.xml(part)
        for tag, kind in (("pStyle", "paragraph"), ("rStyle", "character"),
                          ("tblStyle", "table")):
            for node in root.iter(w(tag)):
                style_id = node.get(w("val"))
                assert style_id in styles, f"{part}: {tag} {style_id}"
                assert styles[style_id][1] == kind
    for p in paragraphs(package.xml(DOCUMENT)):
        assert style_of(p), f"unstyled paragraph {text_of(p)!r}"


@pytest.mark.parametrize("name", TEMPLATES)
def test_core_properties_are_set(tmp_path: Path, name: str) -> None:
    path, _ = _export(tmp_path, find_template(name))
    props = docx.Document(str(path)).core_properties
    assert props.title == "Alliance posture update"
    assert props.author == "Strategic Analysis Unit"
    assert props.subject == "Alliance reading"
    assert props.keywords == "spending, allies"
    assert props.category == "OFFICIAL-SENSITIVE"


def test_note_formatting_raw_html_and_control_characters(exported: dict[str, Package]) -> None:
    package = exported["briefing-note"]
    texts = _body_texts(package)
    assert "Raw <b>HTML</b> stays as text, and a bell goes away." in texts
    root = package.xml(DOCUMENT)
    styles = style_names(package)
    formatted = {}
    for run in root.iter(w("r")):
        style = run.find(f"{w('rPr')}/{w('rStyle')}")
        if style is not None:
            formatted.setdefault(styles[style.get(w("val"))][0], []).append(text_of(run))
    assert "spending target" in formatted["Strong"]
    assert "more" in formatted["Emphasis"]
    assert "headline" in formatted["HTML Code"]
    quote = [p for p in paragraphs(root) if text_of(p).startswith("Allies were told")]
    assert [styles[style_of(p)][0] for p in quote] == ["Quote"]
    heading = [p for p in paragraphs(root) if text_of(p) == "Why it matters"]
    assert [styles[style_of(p)][0] for p in heading] == ["heading 3"]


def test_reading_pack_notes_are_comments_anchored_on_their_section(
        exported: dict[str, Package]) -> None:
    package = exported["reading-pack"]
    assert package.part_by_kind("comments") == ["word/comments.xml"]
    comments = {c.get(w("id")): c for c in package.xml("word/comments.xml").iter(w("comment"))}
    assert len(comments) == 2
    body = package.xml(DOCUMENT)
    by_text = {}
    for comment_id, comment in comments.items():
        by_text[comment_id] = text_of(comment)
        assert comment.get(w("author")) == "Strategic Analysis Unit"
        start = body.xpath(f"//w:commentRangeStart[@w:id='{comment_id}']", namespaces=NS)
        end = body.xpath(f"//w:commentRangeEnd[@w:id='{comment_id}']", namespaces=NS)
        reference = body.xpath(f"//w:commentReference[@w:id='{comment_id}']", namespaces=NS)
        assert len(start) == len(end) == len(reference) == 1
        first, last = text_of(start[0].getparent()), text_of(end[0].getparent())
        if "spending target" in by_text[comment_id]:
            assert first.startswith("2. Burden sharing")
            assert last == "Air defence gaps remain in the east."
        else:
            assert first.startswith("3. Enlargement")
            assert last == "Stronger together, one minister said."
    footnote_ids = {note.get(w("id")) for note in
                    package.xml("word/footnotes.xml").iter(w("footnote"))}
    assert not footnote_ids & set(comments), "LibreOffice mixes up equal comment/footnote ids"
    note_text = "".join(by_text.values())
    assert "spending target" in note_text and "Why it matters" in note_text
    assert "spending target" not in text_of(body)
    links = package.rels("word/comments.xml")
    assert "https://www.nato.int/" in {rel.target for rel in links.values()}


def test_reading_pack_with_box_placement_puts_notes_in_boxes(tmp_path: Path) -> None:
    spec = dataclasses.replace(find_template("reading-pack"), note_placement="box")
    path, _ = _export(tmp_path, spec)
    package = Package(path)
    assert not package.part_by_kind("comments")
    body = package.xml(DOCUMENT)
    styles = style_names(package)
    boxes = [table for table in body.iter(w("tbl"))
             if styles[table.find(f"{w('tblPr')}/{w('tblStyle')}").get(w("val"))][0]
             == "Note Box"]
    assert len(boxes) == 2
    assert text_of(boxes[0]).startswith("Analyst\u2019s note")
    assert "spending target" in text_of(boxes[0])
    box_items = [p for p in boxes[0].iter(w("p")) if p.find(f"{w('pPr')}/{w('numPr')}")
                 is not None]
    assert len(box_items) == 6


def _user_template_from(source: Path, name: str, yaml_text: str) -> TemplateSpec:
    folder = paths.user_templates_dir()
    shutil.copy(source, folder / f"{name}.docx")
    (folder / f"{name}.yaml").write_text(yaml_text, encoding="utf-8")
    return load_template_spec(folder / f"{name}.yaml")


def test_a_content_placeholder_sharing_its_paragraph_is_warned_about(tmp_path: Path) -> None:
    source = tmp_path / "shared-content.docx"
    document = docx.Document(str(paths.BUILTIN_TEMPLATES / "briefing-note.docx"))
    (marker,) = [p for p in document.paragraphs if p.text == "{{ content }}"]
    marker.text = "The note: {{ content }}"
    document.save(str(source))
    spec = _user_template_from(source, "shared", "parts: [title, background]\n")
    path, warnings = _export(tmp_path, spec)
    assert any("template shared: its {{ content }} shares a paragraph" in message
               and "briefing templates --check shared" in message for message in warnings)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "The note: {{ content }}" in texts
    assert texts.index("The note: {{ content }}") < texts.index("Alliance posture update")


def test_missing_style_is_warned_and_copied_from_builtin(tmp_path: Path) -> None:
    source = tmp_path / "no-source-line.docx"
    document = docx.Document(str(paths.BUILTIN_TEMPLATES / "reading-pack.docx"))
    style = document.styles["Source Line"].element
    style.getparent().remove(style)
    document.save(str(source))
    spec = _user_template_from(source, "plain", "parts: [title, reading]\n")
    path, warnings = _export(tmp_path, spec)
    assert len(warnings) == 1
    assert "'Source Line'" in warnings[0] and "plain" in warnings[0]
    package = Package(path)
    styles = style_names(package)
    source_lines = [p for p in paragraphs(package.xml(DOCUMENT))
                    if text_of(p).startswith("Lee Park")]
    assert source_lines and all(styles[style_of(p)][0] == "Source Line" for p in source_lines)


def test_template_made_elsewhere_without_footnotes_or_styles_still_exports(
        tmp_path: Path) -> None:
    source = tmp_path / "bare.docx"
    docx.Document().save(str(source))
    spec = _user_template_from(source, "bare", "parts: [title, details, background, sources]\n")
    path, warnings = _export(tmp_path, spec)
    assert any("classification" in message for message in warnings)
    assert any("'Source Entry'" in message for message in warnings)
    package = Package(path)
    assert package.part_by_kind("footnotes") == ["word/footnotes.xml"]
    assert len(package.xml(DOCUMENT).xpath("//w:footnoteReference", namespaces=NS)) == 4
    texts = _body_texts(package)
    assert texts.index("Leaders signed a short communiqu\u00e9 at dawn.") < texts.index(
        "Members agreed to raise defence budgets over ten years.")
    reopened = docx.Document(str(path))
    assert reopened.core_properties.title == "Alliance posture update"


def test_libreoffice_resaved_template_gets_placeholders_filled(tmp_path: Path) -> None:
    spec = _user_template_from(FIXTURES / "lo-resaved.docx", "lo",
                               "parts: [title, background]\n")
    path, warnings = _export(tmp_path, spec)
    assert not any("classification" in message for message in warnings)
    package = Package(path)
    body = _body_texts(package)
    assert body[0] == "Ministry of Examples \u2014 Alliance posture update"
    assert body[1] == "For: Deputy Minister; from: Strategic Analysis Unit"
    assert "{{ content }}" not in body
    assert body[-1] == "End of note."
    assert body.index("A review is due within a year.") < body.index("End of note.")
    header = package.xml(package.part_by_kind("header")[0])
    footer = package.xml(package.part_by_kind("footer")[0])
    assert text_of(header) == "Marking: OFFICIAL-SENSITIVE"
    assert text_of(footer) == "BN-2025-014 / 1 July 2025"


def test_copy_of_builtin_edited_and_saved_by_libreoffice_exports_like_the_original(
        tmp_path: Path) -> None:
    """The path docs/templates.md gives: copy a built-in, retype its letterhead, save in LO."""
    spec = _user_template_from(FIXTURES / "lo-resaved-briefing-note.docx", "ministry",
                               (paths.BUILTIN_TEMPLATES / "briefing-note.yaml").read_text())
    path, warnings = _export(tmp_path, spec)
    assert warnings == []  # every style and the marking placeholders survived the re-save
    package = Package(path)
    body = _body_texts(package)
    assert body[0] == "Ministry of Examples \u2014 BN-2025-014"
    assert [text for text in body if text in PICKED_TEXTS_IN_ORDER] == list(PICKED_TEXTS_IN_ORDER)
    header = package.xml(package.part_by_kind("header")[0])
    footer = package.xml(package.part_by_kind("footer")[0])
    assert text_of(header) == "OFFICIAL-SENSITIVE"
    assert "OFFICIAL-SENSITIVE" in text_of(footer) and "Alliance posture update" in text_of(footer)
    instructions = [node.text.strip() for node in footer.iter(w("instrText"))
                    if node.text and node.text.strip()]
    assert instructions == ["PAGE", "NUMPAGES"]
    styles = style_names(package)
    headings = {styles[style_of(p)][0].lower() for p in paragraphs(package.xml(DOCUMENT))
                if text_of(p) in ("Background", "Sources")}
    assert headings == {"heading 1"}
    assert len(package.xml(DOCUMENT).xpath("//w:footnoteReference", namespaces=NS)) == 4


def _innermost(root: etree._Element) -> list[etree._Element]:
    """Paragraphs that hold no other paragraph (a frame's paragraph sits inside its anchor's)."""
    return [p for p in paragraphs(root) if not p.xpath(".//w:p", namespaces=NS)]


def test_writer_letterhead_in_text_frames_without_any_list_yet_exports(tmp_path: Path) -> None:
    """A template made in Writer: frames in header and body, no numbering part at all."""
    assert not Package(FIXTURES / "lo-frames.docx").has("word/numbering.xml")
    spec = _user_template_from(FIXTURES / "lo-frames.docx", "frames",
                               "parts: [title, background, considerations, sources]\n")
    path, warnings = _export(tmp_path, spec)
    assert not any("classification" in message for message in warnings)
    package = Package(path)
    assert "{{" not in package.all_text().replace("{{ title }}", "")
    header = package.xml(package.part_by_kind("header")[0])
    # The frame's text is stored twice (for Word and for older readers); both are filled.
    assert [text_of(p) for p in _innermost(header) if "SENSITIVE" in text_of(p)] == [
        "OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE"]
    body = package.xml(DOCUMENT)
    assert [text_of(p) for p in _innermost(body) if text_of(p).startswith("Ref ")] == [
        "Ref BN-2025-014", "Ref BN-2025-014"]
    numbering = package.part_by_kind("numbering")
    assert numbering == ["word/numbering.xml"]
    defined = {num.get(w("numId")) for num in package.xml(numbering[0]).iter(w("num"))}
    used = {node.get(w("val")) for node in body.iter(w("numId"))}
    assert used and used <= defined
    reopened = docx.Document(str(path))
    assert any(p.text == "second point" for p in reopened.paragraphs)


def test_note_text_that_looks_like_a_placeholder_is_kept(tmp_path: Path) -> None:
    outline = sample_outline()
    outline.articles[0].sections[0].note = "Write {{ title }} here."
    path, _ = _export(tmp_path, find_template("briefing-note"), outline)
    assert "Write {{ title }} here." in _body_texts(Package(path))


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken"])
def test_corrupt_template_file_raises_template_error(tmp_path: Path, content: bytes) -> None:
    folder = paths.user_templates_dir()
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.yaml", folder / "bad.yaml")
    (folder / "bad.docx").write_bytes(content)
    spec = load_template_spec(folder / "bad.yaml")
    output = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as caught:
        write_docx(build_document(sample_outline(), spec), spec, output)
    assert "bad.docx" in str(caught.value) and "save it again" in str(caught.value)
    assert not output.exists()


def _word_file_with_type(target: Path, main_type: bytes) -> None:
    """The built-in template's Word file with another main content type (as Word saves it)."""
    with zipfile.ZipFile(paths.BUILTIN_TEMPLATES / "briefing-note.docx") as source, \
            zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml."
                    b"document.main+xml", main_type)
            copy.writestr(item, data)


_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.mark.parametrize("word_name", ["memo.dotx", "memo.docx"])
def test_a_word_template_dotx_is_converted_on_load(tmp_path: Path, word_name: str) -> None:
    """Saved from Word as a .dotx, or a .dotx renamed to .docx: both export, the file unchanged."""
    folder = paths.user_templates_dir()
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.yaml", folder / "memo.yaml")
    _word_file_with_type(folder / word_name, _TEMPLATE_TYPE)
    before = (folder / word_name).read_bytes()
    spec = find_template("memo")
    assert spec.docx_path.name == word_name
    output = tmp_path / "out.docx"
    write_docx(build_document(sample_outline(), spec), spec, output)
    assert any(p.text == "Alliance posture update" for p in docx.Document(str(output)).paragraphs)
    assert (folder / word_name).read_bytes() == before


@pytest.mark.parametrize("word_name", ["memo.docm", "memo.docx"])
def test_a_macro_enabled_word_file_is_refused_because_of_its_macros(tmp_path: Path,
                                                                     word_name: str) -> None:
    folder = paths.user_templates_dir()
    shutil.copy(paths.BUILTIN_TEMPLATES / "briefing-note.yaml", folder / "memo.yaml")
    _word_file_with_type(folder / word_name, _MACRO_TYPE)
    with pytest.raises(TemplateError) as caught:
        spec = find_template("memo")
        write_docx(build_document(sample_outline(), spec), spec, tmp_path / "out.docx")
    assert word_name in str(caught.value) and "macro" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_style_found_under_the_name_word_shows(tmp_path: Path) -> None:
    source = tmp_path / "renamed.docx"
    document = docx.Document(str(paths.BUILTIN_TEMPLATES / "reading-pack.docx"))
    document.styles["annotation text"].name = "Comment Text"
    document.save(str(source))
    spec = _user_template_from(source, "renamed", "parts: [title, reading]\n"
                                                  "note_placement: comment\n")
    path, warnings = _export(tmp_path, spec)
    assert warnings == []
    package = Package(path)
    styles = style_names(package)
    comment_styles = {styles[style_of(p)][0] for p in paragraphs(package.xml("word/comments.xml"))}
    assert comment_styles == {"Comment Text"}


def test_list_styles_without_numbering_get_a_list_definition_added(tmp_path: Path) -> None:
    source = tmp_path / "no-numbering.docx"
    document = docx.Document(str(paths.BUILTIN_TEMPLATES / "briefing-note.docx"))
    for name in ("List Bullet", "List Number"):
        num_pr = document.styles[name].element.find(f"{w('pPr')}/{w('numPr')}")
        num_pr.getparent().remove(num_pr)
    document.save(str(source))
    spec = _user_template_from(source, "nonum", "parts: [background, considerations]\n")
    path, warnings = _export(tmp_path, spec)
    assert warnings == []
    package = Package(path)
    nums, abstracts = _numbering(package)
    assert len(abstracts) == 4  # the template's two, unused now, and two added
    bullet, _, _ = _list_item(package, "first point")
    numbered, _, _ = _list_item(package, "open the file")
    bullet_abstract = nums[bullet].find(w("abstractNumId")).get(w("val"))
    number_abstract = nums[numbered].find(w("abstractNumId")).get(w("val"))
    assert {bullet_abstract, number_abstract} == {"2", "3"}
    assert abstracts[bullet_abstract].find(f"{w('lvl')}/{w('numFmt')}").get(w("val")) == "bullet"
    assert abstracts[number_abstract].find(f"{w('lvl')}/{w('numFmt')}").get(w("val")) == "decimal"
    numbering = package.xml("word/numbering.xml")
    tags = [child.tag for child in numbering]
    assert tags.index(w("num")) > max(i for i, t in enumerate(tags) if t == w("abstractNum"))


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="needs LibreOffice (soffice) and pdftotext (poppler-utils)")
def test_libreoffice_shows_each_footnote_with_its_own_source(tmp_path: Path) -> None:
    outline = sample_outline()
    outline.articles[1].sections[1].note = "Signed *late*."  # every excerpt has a comment
    outline.articles[1].sections[1].sections[0].note = "Due **soon**."
    path, _ = _export(tmp_path, find_template("reading-pack"), outline)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(path.with_suffix(".pdf")), "-"],
                          check=True, capture_output=True, text=True).stdout
    notes = re.findall(r"^\s*([1-4])\s+(Lee Park|Ana Ribeiro|Ibid\.)", text, re.MULTILINE)
    assert notes == [("1", "Lee Park"), ("2", "Ana Ribeiro"), ("3", "Ibid."),
                     ("4", "Lee Park")]


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="needs LibreOffice (soffice) and pdftotext (poppler-utils)")
def test_long_boxed_note_splits_across_pages_instead_of_leaving_a_gap(tmp_path: Path) -> None:
    outline = sample_outline()
    first = outline.articles[0].sections[0]
    first.blocks = first.blocks * 9  # the first excerpt fills most of page 1
    outline.articles[1].sections[1].note = "\n".join(f"- Reason {n} to act." for n in range(40))
    spec = dataclasses.replace(find_template("reading-pack"), note_placement="box")
    path, _ = _export(tmp_path, spec, outline)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", "-layout", str(path.with_suffix(".pdf")), "-"],
                          check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    holding = [index for index, page in enumerate(pages) if "Reason " in page]
    assert len(holding) >= 2, "the box moved whole to a new page"
    assert "Reason 0 to act." in pages[holding[0]] and "Reason 39 to act." in pages[holding[-1]]


def test_content_marker_in_a_table_cell_keeps_the_cell_valid(tmp_path: Path) -> None:
    source = tmp_path / "in-cell.docx"
    document = docx.Document()
    document.add_paragraph("Letterhead {{ title }}")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "{{ content }}"
    document.save(str(source))
    spec = _user_template_from(source, "cell", "parts: [details]\n")
    path, _ = _export(tmp_path, spec)
    body = Package(path).xml(DOCUMENT)
    cell_xml = body.find(f".//{w('tc')}")
    inner = cell_xml.find(w("tbl"))
    assert inner is not None and "Deputy Minister" in text_of(inner)
    assert cell_xml[-1].tag == w("p") and text_of(cell_xml[-1]) == ""
    assert "{{" not in text_of(body)

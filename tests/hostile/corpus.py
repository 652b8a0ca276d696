"""Makes hostile and extreme input files at test time: no binary blobs in the repository.

Each maker writes into a folder it is given and returns the path. The texts are made up here.
The zip makers build archives by hand so that they can state sizes that are not true, and make
gigabytes of deflated zeros from one repeated kilobyte-sized block (a full flush makes every
block after the first identical), so building a bomb costs nothing.
"""

from __future__ import annotations

import io
import json
import os
import socket
import struct
import zipfile
import zlib
from pathlib import Path

import docx

MB = 1024 * 1024

ARTICLE_TEXT = ("Harbour fees rise\n\nThe port authority raised its fees by 4% this spring.\n\n"
                "Shipping lines say the rise will reach consumers within a year.\n")


def deflated_zeros(megabytes: int) -> bytes:
    """A raw deflate stream that inflates to ``megabytes`` MB of zero bytes."""
    block = bytes(MB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    repeat = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    return first + repeat * (megabytes - 1) + packer.flush()


def _zip_entry(name: str, raw: bytes, *, size: int, crc: int, method: int,
               offset: int, flags: int = 0) -> tuple[bytes, bytes]:
    """(local header + data, central directory record) of one archive member."""
    encoded = name.encode()
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, flags, method, 0, 0, crc, len(raw),
                        size, len(encoded), 0) + encoded + raw
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, method, 0, 0, crc,
                          len(raw), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded
    return local, central


def _docx_parts() -> dict[str, bytes]:
    """The parts of a small real Word document made with python-docx."""
    document = docx.Document()
    document.add_heading("Harbour fees", level=1)
    document.add_paragraph("The port authority raised its fees by 4% this spring.")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, parts: dict[str, bytes],
              bombs: dict[str, tuple[bytes, int, int]] | None = None) -> Path:
    """A zip of ``parts`` (deflated honestly) plus ``bombs``: name -> (raw deflate data,
    stated size, stated crc), written as given, true or not."""
    body, directory = b"", b""
    entries = [(name, zlib.compress(data, 6)[2:-4], len(data), zlib.crc32(data))
               for name, data in parts.items()]
    entries += [(name, raw, size, crc) for name, (raw, size, crc) in (bombs or {}).items()]
    for name, raw, size, crc in entries:
        local, central = _zip_entry(name, raw, size=size, crc=crc, method=zipfile.ZIP_DEFLATED,
                                    offset=len(body))
        body += local
        directory += central
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries),
                      len(directory), len(body), 0)
    path.write_bytes(body + directory + end)
    return path


def docx_ratio_bomb(folder: Path) -> Path:
    """A Word file with an extra part that inflates 64 MB from about 64 KB (1000 to 1)."""
    raw = deflated_zeros(64)
    return write_zip(folder / "ratio-bomb.docx", _docx_parts(),
                     {"word/media/padding.bin": (raw, 64 * MB, zlib.crc32(bytes(64 * MB)))})


def docx_size_bomb(folder: Path) -> Path:
    """A Word file whose document part honestly inflates to 4 GB of zeros."""
    raw = deflated_zeros(4096)
    return write_zip(folder / "size-bomb.docx", {
        name: data for name, data in _docx_parts().items() if name != "word/document.xml"},
        {"word/document.xml": (raw, 0xFFFFFFFF, 0)})


def docx_lying_bomb(folder: Path) -> Path:
    """A Word file whose document part says 1 KB but inflates to 2 GB."""
    raw = deflated_zeros(2048)
    return write_zip(folder / "lying-bomb.docx", {
        name: data for name, data in _docx_parts().items() if name != "word/document.xml"},
        {"word/document.xml": (raw, 1024, zlib.crc32(bytes(1024)))})


def docx_with_document_xml(folder: Path, name: str, document_xml: str) -> Path:
    """A Word file whose main part is ``document_xml`` (to carry a DOCTYPE and entities)."""
    parts = _docx_parts()
    parts["word/document.xml"] = document_xml.encode()
    return write_zip(folder / name, parts)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document(doctype: str, body_text: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}\n'
            f'<w:document xmlns:w="{_W}"><w:body>'
            '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Harbour fees</w:t></w:r>'
            f'</w:p><w:p><w:r><w:t>{body_text}</w:t></w:r></w:p></w:body></w:document>')


def docx_entity_bomb(folder: Path) -> Path:
    """A Word file with a "billion laughs" entity in its text."""
    levels = ['<!ENTITY lol0 "laugh">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    doctype = "<!DOCTYPE w:document [" + "".join(levels) + "]>"
    return docx_with_document_xml(folder, "entity-bomb.docx", _document(
        doctype, "Fees rose &lol9; by four percent in spring."))


def docx_internal_entity(folder: Path) -> Path:
    """A Word file whose text uses an entity its own DOCTYPE declares (Word never writes one)."""
    doctype = '<!DOCTYPE w:document [<!ENTITY port "the port authority">]>'
    return docx_with_document_xml(folder, "internal-entity.docx", _document(
        doctype, "Fees set by &port; rose by four percent in spring."))


def docx_entity_in_properties(folder: Path) -> Path:
    """A Word file whose title and author properties use an entity their DOCTYPE declares."""
    parts = _docx_parts()
    parts["docProps/core.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<!DOCTYPE cp:coreProperties [<!ENTITY port "Port">]>\n'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        b'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<dc:title>The &port; fees review</dc:title>"
        b"<dc:creator>&port; desk staff</dc:creator></cp:coreProperties>")
    return write_zip(folder / "entity-properties.docx", parts)


def docx_external_entity(folder: Path, secret: Path) -> Path:
    """A Word file whose text names a local file as an external entity."""
    doctype = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'
    return docx_with_document_xml(folder, "external-entity.docx", _document(
        doctype, "Before &secret; after the reference."))


def fifo(folder: Path, name: str) -> Path:
    """A named pipe nobody writes to: reading it would block forever."""
    path = folder / name
    os.mkfifo(path)
    return path


def device_link(folder: Path, name: str, device: str = "/dev/zero") -> Path:
    """A link with an ordinary name to an endless device."""
    path = folder / name
    path.symlink_to(device)
    return path


def unix_socket(folder: Path, name: str) -> tuple[Path, socket.socket]:
    """A listening Unix socket file (close the socket when done)."""
    path = folder / name
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    return path, server


def outline_yaml(notes: dict[str, str] | None = None, *, heading: str = "Harbour fees",
                 blocks: list[str] | None = None, picked: bool = True) -> str:
    """A valid outline with one article and one section (id s1), written as JSON-style YAML
    (PyYAML's own writer takes minutes over a 45 MB note)."""
    note = (notes or {}).get("s1", "")
    section = {"id": "s1", "heading": heading, "number": 1, "picked": picked,
               "blocks": [{"kind": "paragraph", "text": text} for text in (blocks or [
                   "The port authority raised its fees by 4% this spring."])]}
    if note:
        section["note"] = note
    data = {"format": "briefing-outline/1", "title": "Hostile test outline",
            "articles": [{"title": "Harbour fees rise", "sections": [section]}],
            "briefing": {"title": "Harbour fees", "order": ["s1"] if picked else []}}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def huge_note_outline(folder: Path, megabytes: int = 45) -> Path:
    """An outline whose one note is ``megabytes`` MB of Markdown paragraphs."""
    paragraph = "Fees at the harbour rose again this quarter, by **four** percent.\n\n"
    note = paragraph * (megabytes * MB // len(paragraph))
    path = folder / "huge-note.yaml"
    path.write_text(outline_yaml({"s1": note}), encoding="utf-8")
    return path


def long_line_outline(folder: Path, megabytes: int = 20) -> Path:
    """An outline whose one paragraph is a single line of ``megabytes`` MB."""
    path = folder / "long-line.yaml"
    path.write_text(outline_yaml(blocks=["fees " * (megabytes * MB // 5)]), encoding="utf-8")
    return path


def many_paragraphs_outline(folder: Path, count: int = 100_000) -> Path:
    """An outline whose one section has ``count`` paragraphs."""
    path = folder / "many-paragraphs.yaml"
    path.write_text(outline_yaml(blocks=[f"Paragraph {n} on harbour fees." for n in range(count)]),
                    encoding="utf-8")
    return path


def image_note_outline(folder: Path, target: Path) -> Path:
    """A valid outline whose note names ``target`` (a device, a FIFO) as an image."""
    path = folder / "image-note.yaml"
    path.write_text(outline_yaml({"s1": f"See ![the chart]({target}) and <b>raw</b> html."}),
                    encoding="utf-8")
    return path


def control_characters_outline(folder: Path) -> Path:
    """An outline whose heading holds a terminal escape sequence and other control characters."""
    path = folder / "control.yaml"
    path.write_text(outline_yaml(heading="Fees\x1b[2J\x1b[31m red\x07 bell\x08"),
                    encoding="utf-8")
    return path


def duplicate_keys_outline(folder: Path) -> Path:
    """An outline in which one mapping names ``title`` twice."""
    text = outline_yaml().replace('"title": "Hostile test outline",',
                                  '"title": "Hostile test outline", "title": "Second",', 1)
    path = folder / "duplicate-keys.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def deep_nesting_outline(folder: Path, depth: int = 100_000) -> Path:
    """An outline with a flow list nested ``depth`` levels deep."""
    path = folder / "deep.yaml"
    path.write_text(outline_yaml().replace('"briefing":', '"extra": ' + "[" * depth
                                           + "]" * depth + ',\n "briefing":', 1),
                    encoding="utf-8")
    return path


def alias_bomb_outline(folder: Path) -> Path:
    """YAML's entity bomb: aliases of aliases, a billion notes' worth from a few lines."""
    lines = ['"a0": &a0 "laugh",']
    lines += [f'"a{n}": &a{n} [{", ".join(f"*a{n - 1}" for _ in range(10))}],'
              for n in range(1, 10)]
    path = folder / "alias-bomb.yaml"
    path.write_text(outline_yaml().replace('"briefing":', "\n".join(lines)
                                           + '\n "briefing":', 1), encoding="utf-8")
    return path

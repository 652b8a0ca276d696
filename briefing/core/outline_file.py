"""Reading and writing outline files: YAML, versioned, validated, saved atomically.

The file is the public contract described in ``docs/outline-format.md``: it must stay readable by
people, give small diffs, and read back exactly as written. The writer always writes the same bytes
for the same outline (keys in a fixed order, keys with empty or default values left out, long or
multi-line text as literal blocks), so loading and saving an unchanged file changes nothing.

Format version history (``format:`` key) and the first Briefing that reads each:

- ``briefing-outline/1`` -- Briefing 0.1.0. Articles with lead blocks, numbered sections and
  subsections, blocks, discarded lines; picks, Markdown notes and tags; the briefing details and
  the order of picked sections.

A newer version is refused with a message naming the Briefing that reads it. Old versions stay
readable: ``tests/core/fixtures/outlines`` keeps one file per version that must still load.
"""

from __future__ import annotations

import datetime
import logging
import re
from pathlib import Path
from typing import Any

from yaml.events import Event

from briefing import __version__
from briefing.core import yaml_io
from briefing.core.atomic import write_atomic
from briefing.core.errors import OutlineFormatError, WarningSink, log_warning
from briefing.core.model import (
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Discarded,
    Outline,
    Section,
)
from briefing.core.source_files import read_input_text
from briefing.core.yaml_io import (
    FLOW_SEQUENCE_START,
    MAPPING_END,
    MAPPING_START,
    SEQUENCE_END,
    SEQUENCE_START,
    YamlPath,
    bool_event,
    flow_text_event,
    format_path,
    int_event,
    key_event,
    text_event,
)

logger = logging.getLogger(__name__)

FORMAT_NAME = "briefing-outline"
FORMAT_VERSION = 1
FORMAT = f"{FORMAT_NAME}/{FORMAT_VERSION}"
FORMAT_VERSIONS: dict[int, str] = {1: "0.1.0"}
"""Each format version and the first Briefing version that reads it."""

_FORMAT_PATTERN = re.compile(rf"{FORMAT_NAME}/(\d+)")
_MISSING: Any = object()
_KINDS = {kind.value: kind for kind in BlockKind}
_KIND_NAMES = ", ".join(kind.value for kind in BlockKind)
_TOP_KEYS = frozenset({"format", "title", "articles", "briefing"})
_ARTICLE_KEYS = frozenset({"title", "standfirst", "author", "publisher", "date", "url",
                           "source_file", "blocks", "sections", "discarded"})
_SECTION_KEYS = frozenset({"id", "number", "heading", "blocks", "sections", "picked", "note",
                           "tags"})
_BLOCK_KEYS = frozenset({"kind", "text"})
_DISCARDED_KEYS = frozenset({"text", "reason", "line"})
_BRIEFING_TEXT_KEYS = ("title", "to", "from", "date", "classification", "file_number", "purpose",
                       "summary", "recommendation", "template")
_BRIEFING_KEYS = frozenset({*_BRIEFING_TEXT_KEYS, "order"})
_QUOTE_HINT = "Put the value in quotes to make it text"
# Short lists of short items (tags, a small order) are written on one line: ``[a, b]``.
_FLOW_LIST_WIDTH = 60


class _ProblemError(Exception):
    """A problem found while converting, before its line is known."""

    def __init__(self, path: YamlPath, problem: str, hint: str = "",
                 also: YamlPath | None = None) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem
        self.hint = hint
        self.also = also


# --- writing ---------------------------------------------------------------------------------

def dumps_outline(outline: Outline) -> str:
    """The outline as the text of an outline file.

    Raises :class:`yaml_io.UnsavableTextError` for a string holding an unpaired surrogate.
    """
    events: list[Event] = []
    _outline_events(outline, events)
    return yaml_io.emit(events)


# The events are appended to one list by plain functions: generators nested four deep cost more
# than the emitter itself. Events without a value are shared.
_K = {name: key_event(name) for name in (
    *_TOP_KEYS, *_ARTICLE_KEYS, *_SECTION_KEYS, *_BLOCK_KEYS, *_DISCARDED_KEYS, *_BRIEFING_KEYS)}
# Keyed by the enum and by its text, in case a caller built a Block from a plain string.
_KIND_EVENTS: dict[object, Event] = {
    **{kind: text_event(kind.value) for kind in BlockKind},
    **{kind.value: text_event(kind.value) for kind in BlockKind}}
_TRUE = bool_event(True)


def _outline_events(outline: Outline, out: list[Event]) -> None:
    out += (MAPPING_START, _K["format"], text_event(FORMAT))
    if outline.title:
        out += (_K["title"], text_event(outline.title))
    out += (_K["articles"], SEQUENCE_START)
    for article in outline.articles:
        _article_events(article, out)
    out.append(SEQUENCE_END)
    _briefing_events(outline.briefing, out)
    out.append(MAPPING_END)


def _article_events(article: Article, out: list[Event]) -> None:
    out += (MAPPING_START, _K["title"], text_event(article.title))
    for key, value in (("standfirst", article.standfirst), ("author", article.author),
                       ("publisher", article.publisher), ("date", article.date),
                       ("url", article.url), ("source_file", article.source_file)):
        if value:
            out += (_K[key], text_event(value))
    if article.blocks:
        _blocks_events(article.blocks, out)
    if article.sections:
        out += (_K["sections"], SEQUENCE_START)
        for section in article.sections:
            _section_events(section, out)
        out.append(SEQUENCE_END)
    if article.discarded:
        out += (_K["discarded"], SEQUENCE_START)
        for item in article.discarded:
            out += (MAPPING_START, _K["text"], text_event(item.text), _K["reason"],
                    text_event(item.reason))
            if item.line is not None:
                out += (_K["line"], int_event(item.line))
            out.append(MAPPING_END)
        out.append(SEQUENCE_END)
    out.append(MAPPING_END)


def _blocks_events(blocks: list[Block], out: list[Event]) -> None:
    key_kind, key_text, kinds = _K["kind"], _K["text"], _KIND_EVENTS
    out += (_K["blocks"], SEQUENCE_START)
    for block in blocks:
        out += (MAPPING_START, key_kind, kinds[block.kind], key_text, text_event(block.text),
                MAPPING_END)
    out.append(SEQUENCE_END)


def _section_events(section: Section, out: list[Event]) -> None:
    out += (MAPPING_START, _K["id"], text_event(section.id))
    if section.number is not None:
        out += (_K["number"], int_event(section.number))
    out += (_K["heading"], text_event(section.heading))
    if section.blocks:
        _blocks_events(section.blocks, out)
    if section.sections:
        out += (_K["sections"], SEQUENCE_START)
        for sub in section.sections:
            _section_events(sub, out)
        out.append(SEQUENCE_END)
    if section.picked:
        out += (_K["picked"], _TRUE)
    if section.note:
        out += (_K["note"], text_event(section.note, block=True))
    if section.tags:
        out.append(_K["tags"])
        _list_events(section.tags, out)
    out.append(MAPPING_END)


def _list_events(items: list[str], out: list[Event]) -> None:
    """A list of short strings on one line when it fits, else one item a line."""
    if sum(len(item) + 2 for item in items) <= _FLOW_LIST_WIDTH and all(
            item and "\n" not in item for item in items):
        out.append(FLOW_SEQUENCE_START)
        out.extend(flow_text_event(item) for item in items)
    else:
        out.append(SEQUENCE_START)
        out.extend(text_event(item) for item in items)
    out.append(SEQUENCE_END)


def _briefing_events(briefing: BriefingDetails, out: list[Event]) -> None:
    values = [(key, getattr(briefing, "from_" if key == "from" else key))
              for key in _BRIEFING_TEXT_KEYS]
    if not briefing.order and not any(value for _, value in values):
        return
    out += (_K["briefing"], MAPPING_START)
    for key, value in values:
        if value:
            out += (_K[key], text_event(value))
    if briefing.order:
        out.append(_K["order"])
        _list_events(briefing.order, out)
    out.append(MAPPING_END)


def save_outline(outline: Outline, path: Path) -> None:
    """Write the outline to ``path`` atomically, keeping the previous file as ``NAME.bak``.

    Refuses (with :class:`OutlineFormatError`, leaving any existing file untouched) an outline the
    reader would refuse: empty or repeated section ids, or text that UTF-8 cannot hold.
    """
    seen: dict[str, Section] = {}
    for _, section in outline.walk():
        if not section.id:
            raise OutlineFormatError(path, f"cannot be saved: section {section.label!r} has no id",
                                     hint="Give every section an id before saving")
        if section.id in seen:
            raise OutlineFormatError(
                path, f"cannot be saved: sections {seen[section.id].label!r} and "
                f"{section.label!r} share the id {section.id!r}",
                hint="Give each section its own id before saving")
        seen[section.id] = section
    try:
        data = dumps_outline(outline).encode("utf-8")
    except yaml_io.UnsavableTextError as exc:
        raise OutlineFormatError(
            path, f"cannot be saved: the text {exc.text[:40]!r} holds a broken character "
            f"(unpaired surrogate U+{ord(exc.character):04X})",
            hint="Delete and retype that text") from None
    if path.is_dir():
        raise OutlineFormatError(path, "is a folder, not a file",
                                 hint="Choose a file name inside it")
    try:
        write_atomic(path, data, backup=True)
    except OSError as exc:
        raise _save_error(path, exc) from None
    logger.info("saved %s (%d bytes)", path, len(data))


def _save_error(path: Path, exc: OSError) -> OutlineFormatError:
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError) and not path.parent.is_dir():
        return OutlineFormatError(path, "cannot be saved: its folder does not exist",
                                  hint="Choose an existing folder")
    if isinstance(exc, PermissionError):
        return OutlineFormatError(path, f"cannot be saved ({reason})",
                                  hint="Choose a folder you can write to, or check the "
                                  "file's permissions")
    if isinstance(exc, IsADirectoryError):
        return OutlineFormatError(path, "is a folder, not a file",
                                  hint="Choose a file name inside it")
    return OutlineFormatError(path, f"cannot be saved ({reason})",
                              hint="Check the disk has space and the folder is writable, "
                              "then save again")


# --- reading ---------------------------------------------------------------------------------

def load_outline(path: Path, warn: WarningSink = log_warning) -> Outline:
    """The outline in ``path``; :class:`OutlineFormatError` says what is wrong and where."""
    text = read_input_text(path, OutlineFormatError, what="outline file", warn=warn)
    return loads_outline(text, str(path), warn)


def validate_outline_file(path: Path) -> list[str]:
    """Every problem with the outline file at ``path`` (errors and warnings); empty when fine."""
    problems: list[str] = []
    try:
        load_outline(path, warn=problems.append)
    except OutlineFormatError as exc:
        problems.append(str(exc))
    return problems


def loads_outline(text: str, source: str = "<string>",
                  warn: WarningSink = log_warning) -> Outline:
    """The outline in ``text``; ``source`` names it in messages, warnings go to ``warn``."""
    data = yaml_io.parse(text, source)
    reader = _Reader()
    try:
        with yaml_io.no_gc():
            outline = reader.outline(data)
    except _ProblemError as problem:
        _send_warnings(reader, text, source, warn)  # those found before it, for the full picture
        raise _located_error(problem, text, source) from None
    except RecursionError:
        raise OutlineFormatError(source, "has sections nested too deeply to read",
                                 hint="Flatten the outline's sections") from None
    _send_warnings(reader, text, source, warn)
    return outline


def _send_warnings(reader: _Reader, text: str, source: str, warn: WarningSink) -> None:
    if reader.warnings:
        lines = yaml_io.locate(text, [at for at, _, _ in reader.warnings])
        for (_, path, message), line in zip(reader.warnings, lines, strict=True):
            warn(f"{source}: {_place(path, line)}: {message}")


def _place(path: YamlPath, line: int | None) -> str:
    parts = [f"line {line}" if line is not None else "", format_path(path)]
    return ": ".join(part for part in parts if part)


def _located_error(problem: _ProblemError, text: str, source: str) -> OutlineFormatError:
    paths = [problem.path] if problem.also is None else [problem.path, problem.also]
    lines = yaml_io.locate(text, paths)
    message = problem.problem
    if problem.also is not None:
        message = f"{message}; it is already used at {_place(problem.also, lines[1])}"
    return OutlineFormatError(source, message, place=_place(problem.path, lines[0]),
                              hint=problem.hint)


def _describe(value: object) -> str:
    """What a YAML value is, in the user's words."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a true/false value ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime.date):
        return f"a date ({value})"
    return type(value).__name__


_TYPE_HINTS = {
    "text": "Write it as plain text, or as a '|' block for several lines",
    "a list": "Write it as a list: one '- ' line per item, indented under the key",
    "a whole number": "Write a whole number such as 3, or remove the line",
    "a line number": "Write a whole number such as 12, or remove the line",
    "true or false": "Write true or false",
}
"""What to do when a value has the wrong type, by the type expected."""


def _wrong_type(path: YamlPath, expected: str, value: object) -> _ProblemError:
    scalar = not isinstance(value, dict | list) and value is not None
    hint = _QUOTE_HINT if scalar and expected == "text" else _TYPE_HINTS[expected]
    return _ProblemError(path, f"expected {expected}, found {_describe(value)}", hint)


def _missing(path: YamlPath, key: str, what: str) -> _ProblemError:
    return _ProblemError(path, f"{what} has no '{key}' (a required key)",
                         f"Add {_an(key)} '{key}:' line to it")


def _an(word: str) -> str:
    """The indefinite article for a key name as read aloud: "an 'id:'", "a 'title:'"."""
    return "an" if word[:1].lower() in "aeio" else "a"


def _text(data: dict[Any, Any], key: str, path: YamlPath, what: str = "",
          is_date: bool = False) -> str:
    """A text value; ``what`` makes the key required and names the thing in the message."""
    value = data.get(key, _MISSING)
    if value.__class__ is str:
        return str(value)
    if value is _MISSING:
        if what:
            raise _missing(path, key, what)
        return ""
    if value is None:
        return ""
    if is_date and isinstance(value, datetime.date):
        return str(value)
    raise _wrong_type((*path, key), "text", value)


def _list(data: dict[Any, Any], key: str, path: YamlPath) -> list[Any]:
    value = data.get(key)
    if value.__class__ is list:
        return list(value)
    if value is None:
        return []
    raise _wrong_type((*path, key), "a list", value)


def _mapping(value: object, path: YamlPath, what: str, example: str) -> dict[Any, Any]:
    """``value`` as a mapping; ``example`` is a first key line to suggest (``title: ...``)."""
    if value.__class__ is dict:
        return value
    raise _ProblemError(path, f"expected {what} (a mapping of keys and values), "
                              f"found {_describe(value)}",
                        f"Write it as 'key: value' lines such as '{example}'")


def _strings(data: dict[Any, Any], key: str, path: YamlPath) -> list[str]:
    items = _list(data, key, path)
    for index, item in enumerate(items):
        if item.__class__ is not str:
            raise _wrong_type((*path, key, index), "text", item)
    return items


class _Reader:
    """Turns parsed YAML into the model, collecting warnings and checking section ids."""

    def __init__(self) -> None:
        self.warnings: list[tuple[YamlPath, YamlPath, str]] = []
        """(where to find the line, the path to show, the message)"""
        self.ids: dict[str, YamlPath] = {}

    def unknown_keys(self, data: dict[Any, Any], known: frozenset[str], path: YamlPath) -> None:
        for key in data:
            if key not in known:
                self.warnings.append(((*path, key), path,
                                      f"unknown key {str(key)!r} is ignored "
                                      f"(known keys: {', '.join(sorted(known))})"))

    def outline(self, data: object) -> Outline:
        if data.__class__ is not dict:
            raise _ProblemError((), f"is not an outline file: expected keys such as 'format' and "
                               f"'articles', found {_describe(data)}",
                           f"An outline file starts with 'format: {FORMAT}'")
        assert isinstance(data, dict)
        _check_format(data)
        if not data.keys() <= _TOP_KEYS:
            self.unknown_keys(data, _TOP_KEYS, ())
        articles = [self.article(item, ("articles", index))
                    for index, item in enumerate(_list(data, "articles", ()))]
        briefing = self.briefing(data.get("briefing"))
        return Outline(title=_text(data, "title", ()), articles=articles, briefing=briefing)

    def article(self, value: object, path: YamlPath) -> Article:
        data = _mapping(value, path, "an article", "title: ...")
        if not data.keys() <= _ARTICLE_KEYS:
            self.unknown_keys(data, _ARTICLE_KEYS, path)
        sections = [self.section(item, (*path, "sections", index))
                    for index, item in enumerate(_list(data, "sections", path))]
        return Article(
            title=_text(data, "title", path, "an article"),
            standfirst=_text(data, "standfirst", path), author=_text(data, "author", path),
            publisher=_text(data, "publisher", path),
            date=_text(data, "date", path, is_date=True), url=_text(data, "url", path),
            source_file=_text(data, "source_file", path),
            blocks=self.blocks(data, path), sections=sections,
            discarded=[self.discarded(item, (*path, "discarded", index))
                       for index, item in enumerate(_list(data, "discarded", path))])

    def section(self, value: object, path: YamlPath) -> Section:
        data = _mapping(value, path, "a section", "id: s1")
        if not data.keys() <= _SECTION_KEYS:
            self.unknown_keys(data, _SECTION_KEYS, path)
        section_id = _text(data, "id", path, "a section")
        if not section_id:
            raise _ProblemError((*path, "id"), "the section id is empty",
                           "Give the section a unique id such as 's12'")
        first = self.ids.get(section_id)
        if first is not None:
            raise _ProblemError((*path, "id"), f"section id {section_id!r} is used twice",
                           "Give each section its own id", also=first)
        self.ids[section_id] = (*path, "id")
        number = data.get("number")
        if number is not None and number.__class__ is not int:
            raise _wrong_type((*path, "number"), "a whole number", number)
        picked = data.get("picked", False)
        if picked is None:
            picked = False
        elif picked.__class__ is not bool:
            raise _wrong_type((*path, "picked"), "true or false", picked)
        return Section(
            id=section_id, heading=_text(data, "heading", path, "a section"), number=number,
            blocks=self.blocks(data, path),
            sections=[self.section(item, (*path, "sections", index))
                      for index, item in enumerate(_list(data, "sections", path))],
            picked=picked, note=_text(data, "note", path), tags=_strings(data, "tags", path))

    def blocks(self, data: dict[Any, Any], path: YamlPath) -> list[Block]:
        items = data.get("blocks")
        if items.__class__ is not list:
            return [self.block(item, (*path, "blocks", index))
                    for index, item in enumerate(_list(data, "blocks", path))]
        result: list[Block] = []
        for index, item in enumerate(items):
            if item.__class__ is dict and len(item) == 2:
                kind = item.get("kind")
                text = item.get("text")
                if kind.__class__ is str and text.__class__ is str and kind in _KINDS:
                    result.append(Block(_KINDS[kind], text))
                    continue
            result.append(self.block(item, (*path, "blocks", index)))
        return result

    def block(self, value: object, path: YamlPath) -> Block:
        """A block, checked key by key (the path for anything unusual)."""
        data = _mapping(value, path, "a block", "kind: paragraph")
        if not data.keys() <= _BLOCK_KEYS:
            self.unknown_keys(data, _BLOCK_KEYS, path)
        kind = data.get("kind", _MISSING)
        if kind is _MISSING:
            raise _ProblemError(path, "a block has no 'kind' (a required key)",
                           f"Add a 'kind:' line: one of {_KIND_NAMES}")
        if kind.__class__ is not str or kind not in _KINDS:
            problem = (f"unknown block kind {kind!r}" if isinstance(kind, str)
                       else f"expected a block kind, found {_describe(kind)}")
            raise _ProblemError((*path, "kind"), problem, f"Use one of {_KIND_NAMES}")
        return Block(_KINDS[kind], _text(data, "text", path, "a block"))

    def discarded(self, value: object, path: YamlPath) -> Discarded:
        data = _mapping(value, path, "a discarded item", "text: ...")
        if not data.keys() <= _DISCARDED_KEYS:
            self.unknown_keys(data, _DISCARDED_KEYS, path)
        line = data.get("line")
        if line is not None and line.__class__ is not int:
            raise _wrong_type((*path, "line"), "a line number", line)
        return Discarded(text=_text(data, "text", path, "a discarded item"),
                         reason=_text(data, "reason", path, "a discarded item"), line=line)

    def briefing(self, value: object) -> BriefingDetails:
        path: YamlPath = ("briefing",)
        if value is None:
            return BriefingDetails()
        data = _mapping(value, path, "the briefing details", "title: ...")
        if not data.keys() <= _BRIEFING_KEYS:
            self.unknown_keys(data, _BRIEFING_KEYS, path)
        texts = {key: _text(data, key, path, is_date=key == "date")
                 for key in _BRIEFING_TEXT_KEYS}
        texts["from_"] = texts.pop("from")
        order = _strings(data, "order", path)
        for index, section_id in enumerate(order):
            if section_id not in self.ids:
                at = (*path, "order", index)
                self.warnings.append((at, at, f"no section has the id {section_id!r}; "
                                              "it is left out of the briefing"))
        return BriefingDetails(order=order, **texts)


def _check_format(data: dict[Any, Any]) -> None:
    """Refuse a file without a format, of another kind, or of a newer version."""
    value = data.get("format", _MISSING)
    if value is _MISSING:
        raise _ProblemError((), "is not a Briefing outline: the required key 'format' is missing",
                       f"An outline file starts with 'format: {FORMAT}'")
    hint = f"Briefing {__version__} reads 'format: {FORMAT}'"
    if not isinstance(value, str):
        raise _ProblemError(("format",), f"expected a format name such as {FORMAT!r}, "
                                         f"found {_describe(value)}", hint)
    match = _FORMAT_PATTERN.fullmatch(value)
    if match is None or int(match.group(1)) == 0:
        raise _ProblemError(("format",), f"unknown format {value!r}: not a Briefing outline",
                            hint)
    version = int(match.group(1))
    if version > FORMAT_VERSION:
        first = FORMAT_VERSIONS.get(version)
        needs = (f"needs Briefing {first} or later" if first
                 else f"needs a Briefing newer than {__version__}")
        raise _ProblemError(("format",),
                       f"was written by a newer version of Briefing (format {value}); it {needs}; "
                       f"this is {__version__}, which reads {FORMAT}",
                       "Update Briefing to open it")

"""Turning parsed outline YAML into the model: the format's keys and versions, and checks on
every value with messages that say what to do.

Format version history (``format:`` key) and the first Briefing that reads each:

- ``briefing-outline/1`` -- Briefing 0.1.0. Articles with lead blocks, numbered sections and
  subsections, blocks, discarded lines; picks, Markdown notes and tags; the briefing details and
  the order of picked sections. Later within version 1: the optional article key ``fetched``
  (older readers warn about it as unknown and still load the file).
- ``briefing-outline/2`` -- Briefing 0.1.0 (development). Excerpts: passages of an article
  picked on their own, each under the article's ``excerpts`` key with its anchor (section,
  block, offset, the quote and its context), note and tags; ``briefing.order`` names excerpts
  as well as sections. The briefing details gain ``action_required`` (``decision``,
  ``information`` or ``signature``), ``drafted_by_name``, ``drafted_by_unit``,
  ``drafted_by_contact``, ``approved_by``, ``second_title`` and ``caveats``. A version 1 file
  is read as before (these keys are unknown there); saving writes version 2. Later within
  version 2: the optional top-level ``last_excerpt`` (the highest excerpt number given out, so
  a removed excerpt's id is never given again); older version 2 readers warn about it as
  unknown and still load the file.
- ``briefing-outline/3`` -- Briefing 0.1.0 (development). An excerpt may stand in the
  article's lead (its text before the first heading): its ``section`` key is then left out,
  and ``block`` and ``offset`` count in the article's ``blocks``. In versions 1 and 2 every
  excerpt names its section (``section`` is required there); such files read as before, and
  saving writes version 3.

A newer version is refused with a message naming the Briefing that reads it. Old versions stay
readable: ``tests/core/fixtures/outlines`` keeps one file per version that must still load.
:mod:`briefing.core.outline_file` reads and writes the files and puts line numbers on problems.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any, TypeVar

from briefing import __version__
from briefing.core.model import (
    ACTIONS,
    LEAD,
    NOTE_FIELDS,
    Anchor,
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Discarded,
    Excerpt,
    Outline,
    Section,
)
from briefing.core.yaml_io import YamlPath

FORMAT_NAME = "briefing-outline"
FORMAT_VERSION = 3
FORMAT = f"{FORMAT_NAME}/{FORMAT_VERSION}"
FORMAT_VERSIONS: dict[int, str] = {1: "0.1.0", 2: "0.1.0", 3: "0.1.0"}
"""Each format version and the first Briefing version that reads it."""

_FORMAT_PATTERN = re.compile(rf"{FORMAT_NAME}/(\d+)")
_MISSING: Any = object()
_KINDS = {kind.value: kind for kind in BlockKind}
_KIND_NAMES = ", ".join(kind.value for kind in BlockKind)
TOP_KEYS_V1 = frozenset({"format", "title", "articles", "briefing"})
TOP_KEYS = TOP_KEYS_V1 | {"last_excerpt"}
ARTICLE_KEYS_V1 = frozenset({"title", "standfirst", "author", "publisher", "date", "url",
                             "fetched", "source_file", "blocks", "sections", "discarded"})
ARTICLE_KEYS = ARTICLE_KEYS_V1 | {"excerpts"}
EXCERPT_KEYS = frozenset({"id", "section", "block", "offset", "quote", "before", "after",
                          "note", "tags"})
SECTION_KEYS = frozenset({"id", "number", "heading", "blocks", "sections", "picked", "note",
                          "tags"})
BLOCK_KEYS = frozenset({"kind", "text"})
DISCARDED_KEYS = frozenset({"text", "reason", "line"})
BRIEFING_TEXT_KEYS_V1 = ("title", "to", "from", "date", "classification", "file_number",
                         "purpose", "summary", "recommendation", "template")
BRIEFING_TEXT_KEYS_V2 = NOTE_FIELDS
"""The note's fields added in format version 2."""
BRIEFING_TEXT_KEYS = (*BRIEFING_TEXT_KEYS_V1[:-1], *BRIEFING_TEXT_KEYS_V2, "template")
"""Every text key of the briefing details, in the order a file is written."""
BRIEFING_KEYS_V1 = frozenset({*BRIEFING_TEXT_KEYS_V1, "order"})
BRIEFING_KEYS = frozenset({*BRIEFING_TEXT_KEYS, "order"})
_QUOTE_HINT = "Put the value in quotes to make it text"
_T = TypeVar("_T")


class ValueProblemError(Exception):
    """A problem found while converting, before its line is known."""

    def __init__(self, path: YamlPath, problem: str, hint: str = "",
                 also: YamlPath | None = None) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem
        self.hint = hint
        self.also = also


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
    "a position": "Write a whole number from 0 up, such as 3",
    "true or false": "Write true or false",
}
"""What to do when a value has the wrong type, by the type expected."""


def _wrong_type(path: YamlPath, expected: str, value: object) -> ValueProblemError:
    scalar = not isinstance(value, dict | list) and value is not None
    hint = _QUOTE_HINT if scalar and expected == "text" else _TYPE_HINTS[expected]
    return ValueProblemError(path, f"expected {expected}, found {_describe(value)}", hint)


def _missing(path: YamlPath, key: str, what: str) -> ValueProblemError:
    return ValueProblemError(path, f"{what} has no '{key}' (a required key)",
                             f"Add {_an(key)} '{key}:' line to it")


def _null(path: YamlPath, key: str, what: str) -> ValueProblemError:
    """A required key left empty (``title:``, ``~`` or ``null``): the contract needs text."""
    empty = " (write '' for none)" if key == "title" else ""
    return ValueProblemError((*path, key), f"'{key}' is empty (null), but {what} needs it",
                             f"Write its text after '{key}:'{empty}")


def _whole_number_from_1(data: dict[Any, Any], key: str, path: YamlPath,
                         expected: str, counted: str) -> int | None:
    """An optional whole number that counts from 1 (a line, a section number)."""
    value = data.get(key)
    if value is None:
        return None
    if value.__class__ is not int:
        raise _wrong_type((*path, key), expected, value)
    if value < 1:
        raise ValueProblemError((*path, key), f"{counted} count from 1, found {value}",
                                "Write a whole number from 1 up, or remove the line")
    return int(value)


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
        if what:
            raise _null(path, key, what)
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
    raise ValueProblemError(path, f"expected {what} (a mapping of keys and values), "
                            f"found {_describe(value)}",
                            f"Write it as 'key: value' lines such as '{example}'")


def _strings(data: dict[Any, Any], key: str, path: YamlPath) -> list[str]:
    items = _list(data, key, path)
    for index, item in enumerate(items):
        if item.__class__ is not str:
            raise _wrong_type((*path, key, index), "text", item)
    return items


class OutlineReader:
    """Turns parsed YAML into the model, collecting warnings and checking section ids.

    With ``collect``, a list item with a problem is recorded in ``errors`` and left out, and
    reading goes on; otherwise the first problem is raised.
    """

    def __init__(self, collect: bool = False) -> None:
        self.warnings: list[tuple[YamlPath, YamlPath, str]] = []
        """(where to find the line, the path to show, the message)"""
        self.ids: dict[str, YamlPath] = {}
        self.collect = collect
        self.errors: list[ValueProblemError] = []
        self.version = FORMAT_VERSION
        """The format version of the file being read (set by :meth:`outline`)."""

    def record(self, problem: ValueProblemError) -> None:
        """Keep ``problem`` when collecting; otherwise raise it."""
        if not self.collect:
            raise problem
        self.errors.append(problem)

    def each(self, data: dict[Any, Any], key: str, path: YamlPath,
             convert: Callable[[object, YamlPath], _T]) -> list[_T]:
        """The list at ``key`` with each item converted; when collecting, an item with a problem
        is recorded and left out, so the items after it are still checked."""
        if not self.collect:
            return [convert(item, (*path, key, index))
                    for index, item in enumerate(_list(data, key, path))]
        result: list[_T] = []
        try:
            items = _list(data, key, path)
        except ValueProblemError as problem:
            self.record(problem)
            return result
        for index, item in enumerate(items):
            try:
                result.append(convert(item, (*path, key, index)))
            except ValueProblemError as problem:
                self.record(problem)
        return result

    def unknown_keys(self, data: dict[Any, Any], known: frozenset[str], path: YamlPath) -> None:
        for key in data:
            if key not in known:
                self.warnings.append(((*path, key), path,
                                      f"unknown key {str(key)!r} is ignored "
                                      f"(known keys: {', '.join(sorted(known))})"))

    def outline(self, data: object, read: dict[int, Article] | None = None) -> Outline:
        """The outline in ``data``; ``read``: articles already read (by :meth:`article`, in
        order, with this reader), by their place in the list, which holds None for them."""
        if data.__class__ is not dict:
            raise ValueProblemError(
                (), "is not an outline file: expected keys such as 'format' and 'articles', "
                f"found {_describe(data)}", f"An outline file starts with 'format: {FORMAT}'")
        assert isinstance(data, dict)
        self.version = _check_format(data)
        known = TOP_KEYS if self.version >= 2 else TOP_KEYS_V1
        if not data.keys() <= known:
            before = len(self.warnings)
            self.unknown_keys(data, known, ())
            if read:  # as if found before the articles, where the ordinary reading finds them
                self.warnings[:] = self.warnings[before:] + self.warnings[:before]
        if read:
            articles = self.each(data, "articles", (), lambda item, path: (
                read[path[-1]] if item is None and path[-1] in read
                else self.article(item, path)))
        else:
            articles = self.each(data, "articles", (), self.article)
        title = ""
        briefing = BriefingDetails()
        last_excerpt = 0
        try:
            title = _text(data, "title", ())
            briefing = self.briefing(data.get("briefing"))
            if "last_excerpt" in known:
                last_excerpt = _last_excerpt(data)
        except ValueProblemError as problem:
            self.record(problem)
        return Outline(title=title, articles=articles, briefing=briefing,
                       excerpt_ids_given=last_excerpt)

    def article(self, value: object, path: YamlPath) -> Article:
        data = _mapping(value, path, "an article", "title: ...")
        known = ARTICLE_KEYS if self.version >= 2 else ARTICLE_KEYS_V1
        if not data.keys() <= known:
            self.unknown_keys(data, known, path)
        sections = self.each(data, "sections", path, self.section)
        excerpts = (self.each(data, "excerpts", path, self.excerpt) if "excerpts" in known
                    else [])
        return Article(
            title=_text(data, "title", path, "an article"),
            standfirst=_text(data, "standfirst", path), author=_text(data, "author", path),
            publisher=_text(data, "publisher", path),
            date=_text(data, "date", path, is_date=True), url=_text(data, "url", path),
            fetched=_text(data, "fetched", path, is_date=True),
            source_file=_text(data, "source_file", path),
            blocks=self.blocks(data, path), sections=sections,
            discarded=self.each(data, "discarded", path, self.discarded), excerpts=excerpts)

    def excerpt(self, value: object, path: YamlPath) -> Excerpt:
        """An excerpt; as with sections, a usual one is taken without the checks one by one."""
        if value.__class__ is dict and value.keys() <= EXCERPT_KEYS:
            data: dict[Any, Any] = value
            excerpt_id = data.get("id")
            quote = data.get("quote")
            section_id = data.get("section", LEAD if self.version >= 3 else None)
            block = data.get("block")
            offset = data.get("offset")
            before = data.get("before", "")
            after = data.get("after", "")
            note = data.get("note", "")
            if (excerpt_id.__class__ is str and excerpt_id and excerpt_id not in self.ids
                    and quote.__class__ is str and not quote.isspace() and quote
                    and section_id.__class__ is str and block.__class__ is int and block >= 0
                    and offset.__class__ is int and offset >= 0 and before.__class__ is str
                    and after.__class__ is str and note.__class__ is str
                    and "tags" not in data):
                self.ids[excerpt_id] = (*path, "id")
                return Excerpt(id=excerpt_id, note=note, anchor=Anchor(
                    section_id=section_id, block=block, offset=offset, quote=quote,
                    before=before, after=after))
        return self._checked_excerpt(value, path)

    def _checked_excerpt(self, value: object, path: YamlPath) -> Excerpt:
        """An excerpt, each value checked in turn (the first problem is the one reported)."""
        data = _mapping(value, path, "an excerpt", "id: e1")
        if not data.keys() <= EXCERPT_KEYS:
            self.unknown_keys(data, EXCERPT_KEYS, path)
        excerpt_id = self.new_id(_text(data, "id", path, "an excerpt"), path, "an excerpt",
                                 "e12")
        quote = _text(data, "quote", path, "an excerpt")
        if not quote.strip():
            raise ValueProblemError((*path, "quote"), "the excerpt's quote is empty",
                                    "Write the quoted text, or remove the excerpt")
        anchor = Anchor(
            section_id=(_text(data, "section", path) if self.version >= 3
                        else _text(data, "section", path, "an excerpt")),
            block=_position(data, "block", path), offset=_position(data, "offset", path),
            quote=quote, before=_text(data, "before", path), after=_text(data, "after", path))
        return Excerpt(id=excerpt_id, anchor=anchor, note=_text(data, "note", path),
                       tags=_strings(data, "tags", path))

    def new_id(self, item_id: str, path: YamlPath, what: str, example: str) -> str:
        """``item_id`` checked to be neither empty nor used before by a section or excerpt."""
        if not item_id:
            raise ValueProblemError((*path, "id"), f"the {what.split()[-1]} id is empty",
                                    f"Give it a unique id such as '{example}'")
        kind = what.split()[-1]
        first = self.ids.get(item_id)
        if first is not None:
            raise ValueProblemError((*path, "id"), f"{kind} id {item_id!r} is used twice",
                                    f"Give each {kind} its own id", also=first)
        self.ids[item_id] = (*path, "id")
        return item_id

    def section(self, value: object, path: YamlPath) -> Section:
        """A section; one whose own values are all as usual is taken without the checks one by
        one (a large outline is thousands of such sections), anything else is checked below."""
        if value.__class__ is dict and value.keys() <= SECTION_KEYS:
            data: dict[Any, Any] = value
            section_id = data.get("id")
            heading = data.get("heading")
            number = data.get("number")
            picked = data.get("picked", False)
            note = data.get("note", "")
            if (section_id.__class__ is str and section_id and section_id not in self.ids
                    and heading.__class__ is str and picked.__class__ is bool
                    and note.__class__ is str and "tags" not in data
                    and (number is None or (number.__class__ is int and number >= 1))):
                self.ids[section_id] = (*path, "id")
                return Section(id=section_id, heading=heading, number=number,
                               blocks=self.blocks(data, path),
                               sections=self.each(data, "sections", path, self.section),
                               picked=picked, note=note)
        return self._checked_section(value, path)

    def _checked_section(self, value: object, path: YamlPath) -> Section:
        """A section, each value checked in turn (the first problem is the one reported)."""
        data = _mapping(value, path, "a section", "id: s1")
        if not data.keys() <= SECTION_KEYS:
            self.unknown_keys(data, SECTION_KEYS, path)
        section_id = self.new_id(_text(data, "id", path, "a section"), path, "a section",
                                 "s12")
        number = _whole_number_from_1(data, "number", path, "a whole number", "section numbers")
        picked = data.get("picked", False)
        if picked is None:
            picked = False
        elif picked.__class__ is not bool:
            raise _wrong_type((*path, "picked"), "true or false", picked)
        return Section(
            id=section_id, heading=_text(data, "heading", path, "a section"), number=number,
            blocks=self.blocks(data, path),
            sections=self.each(data, "sections", path, self.section), picked=picked,
            note=_text(data, "note", path), tags=_strings(data, "tags", path))

    def blocks(self, data: dict[Any, Any], path: YamlPath) -> list[Block]:
        items = data.get("blocks")
        if items.__class__ is not list:
            return self.each(data, "blocks", path, self.block)
        result: list[Block] = []
        for index, item in enumerate(items):
            if item.__class__ is dict and len(item) == 2:
                kind = item.get("kind")
                text = item.get("text")
                if kind.__class__ is str and text.__class__ is str and kind in _KINDS:
                    result.append(Block(_KINDS[kind], text))
                    continue
            try:
                result.append(self.block(item, (*path, "blocks", index)))
            except ValueProblemError as problem:
                self.record(problem)
        return result

    def block(self, value: object, path: YamlPath) -> Block:
        """A block, checked key by key (the path for anything unusual)."""
        data = _mapping(value, path, "a block", "kind: paragraph")
        if not data.keys() <= BLOCK_KEYS:
            self.unknown_keys(data, BLOCK_KEYS, path)
        kind = data.get("kind", _MISSING)
        if kind is _MISSING:
            raise ValueProblemError(path, "a block has no 'kind' (a required key)",
                                    f"Add a 'kind:' line: one of {_KIND_NAMES}")
        if kind.__class__ is not str or kind not in _KINDS:
            problem = (f"unknown block kind {kind!r}" if isinstance(kind, str)
                       else f"expected a block kind, found {_describe(kind)}")
            raise ValueProblemError((*path, "kind"), problem, f"Use one of {_KIND_NAMES}")
        return Block(_KINDS[kind], _text(data, "text", path, "a block"))

    def discarded(self, value: object, path: YamlPath) -> Discarded:
        data = _mapping(value, path, "a discarded item", "text: ...")
        if not data.keys() <= DISCARDED_KEYS:
            self.unknown_keys(data, DISCARDED_KEYS, path)
        line = _whole_number_from_1(data, "line", path, "a line number", "line numbers")
        return Discarded(text=_text(data, "text", path, "a discarded item"),
                         reason=_text(data, "reason", path, "a discarded item"), line=line)

    def briefing(self, value: object) -> BriefingDetails:
        path: YamlPath = ("briefing",)
        if value is None:
            return BriefingDetails()
        data = _mapping(value, path, "the briefing details", "title: ...")
        known, text_keys = ((BRIEFING_KEYS, BRIEFING_TEXT_KEYS) if self.version >= 2
                            else (BRIEFING_KEYS_V1, BRIEFING_TEXT_KEYS_V1))
        if not data.keys() <= known:
            self.unknown_keys(data, known, path)
        texts = {key: _text(data, key, path, is_date=key == "date") for key in text_keys}
        texts["from_"] = texts.pop("from")
        action = texts.get("action_required", "")
        if action and action not in ACTIONS:
            self.record(ValueProblemError(
                (*path, "action_required"), f"unknown action {action!r}",
                f"Use one of {', '.join(ACTIONS)}, or leave it out"))
            texts["action_required"] = ""
        order = _strings(data, "order", path)
        first_index: dict[str, int] = {}
        for index, section_id in enumerate(order):
            earlier = first_index.setdefault(section_id, index)
            if earlier != index:
                self.record(ValueProblemError(
                    (*path, "order", index), f"{self.id_kind(section_id)} id {section_id!r} is "
                    "listed twice", "List each section and excerpt once, where the note should "
                    "present it",
                    also=(*path, "order", earlier)))
            elif section_id not in self.ids:
                at = (*path, "order", index)
                self.warnings.append((at, at, f"no section has the id {section_id!r}; "
                                              "it is left out of the briefing"))
        return BriefingDetails(order=order, **texts)

    def id_kind(self, item_id: str) -> str:
        """``excerpt`` for the id of an excerpt read so far, else ``section``."""
        return "excerpt" if "excerpts" in self.ids.get(item_id, ()) else "section"


def _position(data: dict[Any, Any], key: str, path: YamlPath) -> int:
    """A required whole number counted from 0 (a block of a section, a character of a block)."""
    value = data.get(key, _MISSING)
    if value is _MISSING or value is None:
        raise _missing(path, key, "an excerpt")
    if value.__class__ is not int:
        raise _wrong_type((*path, key), "a position", value)
    if value < 0:
        raise ValueProblemError((*path, key), f"positions count from 0, found {value}",
                                "Write a whole number from 0 up")
    return int(value)


def _last_excerpt(data: dict[Any, Any]) -> int:
    """The optional ``last_excerpt``: the highest excerpt number given out (0 when absent)."""
    value = data.get("last_excerpt")
    if value is None:
        return 0
    if value.__class__ is not int or value < 0:
        raise ValueProblemError(("last_excerpt",), "expected a whole number from 0 up (the "
                                f"highest excerpt number given out), found {_describe(value)}",
                                "Write a whole number such as 7, or remove the line")
    return int(value)


def _check_format(data: dict[Any, Any]) -> int:
    """The file's format version; refuse a file without a format, of another kind, or newer."""
    value = data.get("format", _MISSING)
    if value is _MISSING:
        raise ValueProblemError(
            (), "is not a Briefing outline: the required key 'format' is missing",
            f"An outline file starts with 'format: {FORMAT}'")
    hint = f"Briefing {__version__} reads 'format: {FORMAT}'"
    if not isinstance(value, str):
        raise ValueProblemError(("format",), f"expected a format name such as {FORMAT!r}, "
                                f"found {_describe(value)}", hint)
    match = _FORMAT_PATTERN.fullmatch(value)
    if match is None or int(match.group(1)) == 0:
        raise ValueProblemError(("format",), f"unknown format {value!r}: not a Briefing outline",
                                hint)
    version = int(match.group(1))
    if version > FORMAT_VERSION:
        first = FORMAT_VERSIONS.get(version)
        needs = (f"needs Briefing {first} or later" if first
                 else f"needs a Briefing newer than {__version__}")
        raise ValueProblemError(
            ("format",), f"was written by a newer version of Briefing (format {value}); it "
            f"{needs}; this is {__version__}, which reads {FORMAT}", "Update Briefing to open it")
    return version

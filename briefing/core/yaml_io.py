"""The YAML layer under the outline file: fast safe parsing, byte-stable emitting, error places.

PyYAML's ``yaml.load`` and ``yaml.dump`` spend most of their time in per-node Python code (the
composer, constructor, representer and serializer), not in libyaml. For a large outline that is
several seconds, so this module talks to the parser and emitter in events instead:

- :func:`parse` pulls events from the safe loader's parser and builds plain dicts, lists and
  scalars in one loop. Anything unusual (anchors, aliases, explicit tags, merge keys, complex keys)
  sends the document down the careful path instead: compose the node graph, refuse it if aliases
  would expand it beyond a limit ("billion laughs"), then let the safe constructor build it.
- :func:`emit` feeds events to the safe dumper's emitter, choosing each string's style itself:
  double-quoted with escapes for anything YAML cannot hold raw or that libyaml and PyYAML would
  write differently, a literal block for multi-line or long text, otherwise whatever the emitter
  finds safe (plain, or quoted when plain would read back as a number, boolean, date or null).

Both use libyaml (``CSafeLoader``/``CSafeDumper``) when PyYAML has it and the pure-Python safe
classes otherwise; the two write identical bytes.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from briefing.core.collector import paused_collection
from briefing.core.errors import OutlineFormatError

logger = logging.getLogger(__name__)

SAFE_LOADER: type[Any] = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
"""The loader class used; libyaml's when available. Tests and the benchmark may swap it."""
SAFE_DUMPER: type[Any] = getattr(yaml, "CSafeDumper", None) or yaml.SafeDumper
"""The dumper class used; libyaml's when available."""

MAX_ALIAS_EXPANSION = 100_000
"""How many nodes aliases may add to a document before it is refused as an alias bomb."""

MAX_DEPTH = 400
"""How deeply lists and mappings may nest. libyaml's composer recurses in C and would crash the
interpreter on a document nested tens of thousands deep; an outline needs a few dozen levels."""

LONG_TEXT = 72
"""Text longer than this is written as a literal block, on lines of its own."""

PathPart = str | int
YamlPath = tuple[PathPart, ...]

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# Characters both libyaml and PyYAML write raw; anything else is written escaped in double quotes.
# (libyaml escapes characters beyond U+FFFF; PyYAML mangles U+0085 outside double quotes; the
# emitters treat the line breaks U+0085, U+2028 and U+2029 differently in blocks.)
_NEEDS_ESCAPES = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_RESOLVER: Any = Resolver()
_MAY_RESOLVE = frozenset(key for key in Resolver.yaml_implicit_resolvers if key)
_ANCHOR_START = frozenset(" \t\r\n[]{},:")
_EMIT_OPTIONS: dict[str, Any] = {"allow_unicode": True, "width": 1_000_000, "indent": 2}


class UnsavableTextError(ValueError):
    """A string holds an unpaired surrogate, which no UTF-8 file (and so no YAML) can hold."""

    def __init__(self, text: str) -> None:
        self.text = text
        bad = _SURROGATE.search(text)
        self.character = bad.group() if bad else ""
        super().__init__(f"unpaired surrogate U+{ord(self.character):04X} in {text[:40]!r}"
                         if self.character else "unpaired surrogate")


class _TooDeepError(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("too deep")
        self.mark = mark


class _NeedsCarefulParseError(Exception):
    """The fast parse met something only the full composer and constructor handle."""


def uses_libyaml() -> bool:
    """Whether the C loader is in use (for the benchmark and diagnostics)."""
    return SAFE_LOADER is not yaml.SafeLoader


# --- reading ---------------------------------------------------------------------------------

ArticleSink = Callable[[int, object], None]
"""Takes each item of the document's top-level ``articles`` list as soon as it is read."""


def parse(text: str, source: str, on_article: ArticleSink | None = None) -> object:
    """The document in ``text`` as plain Python data (safe types only).

    With ``on_article``, each mapping in the top-level ``articles`` list is handed to it as soon
    as it is read, and left out of the result (its place in the list holds None), so a reader
    can work on the first articles while the rest is parsed. A document that needs the full
    constructor (anchors, tags) is returned whole instead, every article in its place, after
    any it has handed over: tell the two apart by the list.

    Raises :class:`OutlineFormatError` for bad YAML (with line and column), more than one
    document, or aliases that expand too far.
    """
    try:
        with paused_collection():
            if not may_have_anchors(text):
                try:
                    return _parse_fast(text, on_article)
                except _NeedsCarefulParseError:
                    logger.debug("%s: YAML needs the full constructor", source)
            return _parse_careful(text, source)
    except _TooDeepError as exc:
        raise OutlineFormatError(
            source, f"is nested more than {MAX_DEPTH} levels deep",
            place=f"line {exc.mark.line + 1}, column {exc.mark.column + 1}",
            hint="Flatten the outline's sections") from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, source) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, source) from None
    except yaml.YAMLError as exc:
        raise OutlineFormatError(source, f"cannot be read as YAML ({exc})") from None
    except RecursionError:
        raise OutlineFormatError(source, "is nested too deeply to read",
                                 hint="Flatten the outline's sections") from None


def may_have_anchors(text: str) -> bool:
    """Whether ``text`` may hold a YAML anchor (``&name``), the only way into aliases.

    False means there are surely none; True may be an ampersand in prose (``Q &A``).
    """
    position = text.find("&")
    while position >= 0:
        before = text[position - 1] if position else "\n"
        after = text[position + 1:position + 2]
        if before in _ANCHOR_START and after and after not in _ANCHOR_START:
            return True
        position = text.find("&", position + 1)
    return False


def _resolved_plain(loader: Any, value: str) -> object:
    """A plain scalar as the safe loader reads it: text, or a number, boolean, date or null."""
    tag = loader.resolve(ScalarNode, value, (True, False))
    if tag == _STR_TAG:
        return value
    if tag == _MERGE_TAG or tag not in loader.yaml_constructors:
        raise _NeedsCarefulParseError
    return loader.yaml_constructors[tag](loader, ScalarNode(tag, value))


def _parse_fast(text: str, on_article: ArticleSink | None = None) -> object:
    """Build the document straight from parser events (no anchors, aliases or tags)."""
    loader = SAFE_LOADER(text)
    try:
        get_event = loader.get_event
        if not isinstance(get_event(), StreamStartEvent):  # pragma: no cover - parser contract
            raise _NeedsCarefulParseError
        if isinstance(get_event(), StreamEndEvent):
            return None
        root: object = None
        containers: list[Any] = []
        keys: list[object] = []
        no_key = keys  # a sentinel no document can produce
        key: object = no_key
        container: Any = None
        plain: dict[Any, Any] = {}
        articles: list[Any] | None = None  # the top-level list, once found, when streaming
        while True:
            event = get_event()
            kind = event.__class__
            if kind is ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _NeedsCarefulParseError
                value: object = event.value
                if event.implicit[0] and value and value[0] in _MAY_RESOLVE:  # type: ignore[index]
                    # Keys and short values repeat; resolve each distinct one once.
                    resolved = plain.get(value, plain)
                    if resolved is plain:
                        resolved = plain[value] = _resolved_plain(loader, event.value)
                    value = resolved
                elif event.implicit[0] and not value:
                    value = None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    raise _NeedsCarefulParseError
                if len(containers) >= MAX_DEPTH:
                    raise _TooDeepError(event.start_mark)
                value = {} if kind is MappingStartEvent else []
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = containers.pop()
                key = keys.pop()
                container = containers[-1] if containers else None
                if articles is not None and container is articles \
                        and value.__class__ is dict:
                    on_article(len(articles) - 1, value)  # type: ignore[misc]
                    articles[-1] = None
                continue
            elif kind is DocumentEndEvent:
                break
            else:  # an alias
                raise _NeedsCarefulParseError
            if container is None:
                root = value
            elif container.__class__ is list:
                container.append(value)
            elif key is no_key:
                if value.__class__ is dict or value.__class__ is list or value in container:
                    raise _NeedsCarefulParseError  # a complex or repeated key
                key = value
                continue
            else:
                container[key] = value
                if (on_article is not None and value.__class__ is list and key == "articles"
                        and container is root):
                    articles = value
                key = no_key
            if kind is not ScalarEvent:
                containers.append(value)
                keys.append(key)
                key = no_key
                container = value
        event = get_event()
        if not isinstance(event, StreamEndEvent):
            mark = event.start_mark
            raise yaml.composer.ComposerError(
                None, None, "the file holds more than one YAML document (a second starts here)",
                mark)
        return root
    finally:
        loader.dispose()


def _parse_careful(text: str, source: str) -> object:
    """Check nesting and tags, compose, check what aliases add and every mapping's keys, then
    construct with the safe constructor."""
    _check_events(text, source)
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            added, worst = _alias_expansion(node)
        except _AliasLoopError as loop:
            raise OutlineFormatError(
                source, "its YAML aliases (*name) refer back to the node that holds them",
                place=f"line {loop.mark.line + 1}",
                hint="Write the repeated parts out instead of using anchors and aliases") from None
        if added > MAX_ALIAS_EXPANSION:
            mark = (worst or node).start_mark
            raise OutlineFormatError(
                source, f"its YAML aliases (*name) would expand it by {added:,} nodes, "
                f"more than the limit of {MAX_ALIAS_EXPANSION:,}; the anchor (&name) here is the "
                "one repeated most", place=f"line {mark.line + 1}",
                hint="Write the repeated parts out instead of using anchors and aliases")
        _check_keys(node, loader, source)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_events(text: str, source: str) -> None:
    """Refuse, before anything composes it, a document nested deeper than :data:`MAX_DEPTH` or
    holding a YAML tag (``!!str``, ``!name``): the format has no use for tags, and a tag would
    make a value mean something its text does not say."""
    loader = SAFE_LOADER(text)
    try:
        get_event = loader.get_event
        depth = 0
        while True:
            event = get_event()
            kind = event.__class__
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                depth += 1
                if depth > MAX_DEPTH:
                    raise _TooDeepError(event.start_mark)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
            elif kind is StreamEndEvent:
                return
            tag = getattr(event, "tag", None)
            if tag is not None:
                mark = event.start_mark
                raise OutlineFormatError(
                    source, f"holds the YAML tag {_tag_as_written(tag)}, which Briefing does "
                    "not read", place=f"line {mark.line + 1}, column {mark.column + 1}",
                    hint="Remove the tag: write plain text, lists and mappings (quote a value "
                         "that must stay text)")
    finally:
        loader.dispose()


def _tag_as_written(tag: str) -> str:
    """``tag:yaml.org,2002:str`` as the ``!!str`` a person wrote."""
    prefix = "tag:yaml.org,2002:"
    return f"'!!{tag[len(prefix):]}'" if tag.startswith(prefix) else f"'{tag}'"


def _check_keys(root: Node, loader: Any, source: str) -> None:
    """Refuse merge keys (``<<: *base``) and a key written twice in one mapping.

    YAML would merge silently, or keep the last of two keys and drop the first without a
    word; an analyst's edit could vanish that way. Each node is checked once, however many
    aliases reach it.
    """
    seen: set[int] = set()
    pending: list[tuple[Node, YamlPath]] = [(root, ())]
    while pending:
        node, path = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            pending.extend((item, (*path, index)) for index, item in enumerate(node.value))
            continue
        if not isinstance(node, MappingNode):
            continue
        first_keys: dict[object, Node] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if key.tag == _MERGE_TAG:
                raise OutlineFormatError(
                    source, "uses a YAML merge key ('<<'), which Briefing does not read",
                    place=_place(line, (*path, "<<")),
                    hint="Write the keys out in full where they are needed")
            if not isinstance(key, ScalarNode):
                continue  # a list or mapping as a key: the constructor refuses it
            name = key.value if key.tag == _STR_TAG else loader.construct_object(key)
            try:
                first = first_keys.setdefault(name, key)
            except TypeError:  # unhashable: the constructor refuses it
                continue
            if first is not key:
                earlier = first.start_mark.line + 1
                lines = (f"on line {earlier} and on line {line}" if earlier != line
                         else f"both on line {line}")
                raise OutlineFormatError(
                    source, f"the key {key.value!r} is written twice in one mapping, {lines}",
                    place=_place(line, (*path, key.value)),
                    hint="Keep one of the two (YAML would silently drop the first)")
            pending.append((value, (*path, key.value)))


def _place(line: int, path: YamlPath) -> str:
    return f"line {line}: {format_path(path)}"


class _AliasLoopError(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("alias loop")
        self.mark = mark


def _alias_expansion(root: Node) -> tuple[int, Node | None]:
    """How many nodes the document would have with every alias written out, minus the nodes it
    really has, and the anchored node whose repetitions add the most (None without aliases).
    Counted over the node graph with memoisation, so an alias bomb costs nothing.
    Raises :class:`_AliasLoopError` for a node that contains itself."""
    expanded: dict[int, int] = {}
    repeated: dict[int, tuple[Node, int]] = {}
    """Per node reached again through an alias: the node, and the nodes its repetitions add."""
    open_nodes: set[int] = set()
    distinct = 0

    def size(node: Node) -> int:
        nonlocal distinct
        known = expanded.get(id(node))
        if known is not None:
            previous = repeated.get(id(node))
            repeated[id(node)] = (node, known + (previous[1] if previous else 0))
            return known
        if id(node) in open_nodes:
            raise _AliasLoopError(node.start_mark)
        open_nodes.add(id(node))
        distinct += 1
        total = 1
        if isinstance(node, SequenceNode):
            for item in node.value:
                total += size(item)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                total += size(key) + size(value)
        expanded[id(node)] = total
        open_nodes.discard(id(node))
        return total

    full = size(root)
    worst = max(repeated.values(), key=lambda item: item[1], default=None)
    return full - distinct, worst[0] if worst else None


def _syntax_error(exc: yaml.MarkedYAMLError, source: str) -> OutlineFormatError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        context_mark = exc.context_mark
        started = (f" that starts on line {context_mark.line + 1}"
                   if context_mark is not None and mark is not None
                   and context_mark.line != mark.line else "")
        problem = f"{problem} ({exc.context}{started})"
    place = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    if isinstance(exc, yaml.constructor.ConstructorError):
        return OutlineFormatError(source, f"holds YAML that Briefing does not read: {problem}",
                                  place=place, hint="Write plain text, lists and mappings there, "
                                  "without tags (!name) or lists as keys")
    return OutlineFormatError(source, f"not valid YAML: {problem}", place=place,
                              hint="Check the indentation, colons and quotes there")


def _reader_error(exc: yaml.reader.ReaderError, text: str, source: str) -> OutlineFormatError:
    # libyaml counts the position in UTF-8 bytes, PyYAML in characters.
    if uses_libyaml():
        prefix = text.encode("utf-8", errors="surrogatepass")[:exc.position]
        line = prefix.count(b"\n") + 1
        column = len(prefix) - (prefix.rfind(b"\n") + 1) + 1
    else:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
    character = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return OutlineFormatError(
        source, f"holds the character U+{character:04X}, which YAML does not allow raw",
        place=f"line {line}, column {column}",
        hint="Remove it, or write it as an escape inside double quotes")


# --- locating --------------------------------------------------------------------------------

def locate(text: str, paths: Sequence[YamlPath]) -> list[int | None]:
    """The 1-based line of the node at each path, for error messages (None where not found).

    Composes the document again with marks; only called when there is something to report.
    """
    try:
        with paused_collection():
            loader = SAFE_LOADER(text)
            try:
                root = loader.get_single_node()
            finally:
                loader.dispose()
    except (yaml.YAMLError, RecursionError):
        return [None] * len(paths)
    return [_line_of(root, path) for path in paths]


def _line_of(node: Node | None, path: YamlPath) -> int | None:
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, MappingNode) and isinstance(part, str):
            found = [(key, value) for key, value in node.value
                     if isinstance(key, ScalarNode) and key.value == part]
            if not found:
                return line
            key_node, node = found[-1]
            # A value on the key's line, or a block below it: report the key's line.
            line = key_node.start_mark.line + 1
            if isinstance(node, ScalarNode):
                line = node.start_mark.line + 1
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def format_path(path: YamlPath) -> str:
    """``('articles', 1, 'title')`` as ``articles[1].title``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


# --- writing ---------------------------------------------------------------------------------

def _plain_reads_as_text(value: str) -> bool:
    """Whether ``value`` written plain would be read back as this same text."""
    if value and value[0] not in _MAY_RESOLVE:
        return True
    return bool(_RESOLVER.resolve(ScalarNode, value, (True, False)) == _STR_TAG)


def text_event(value: str, block: bool = False) -> ScalarEvent:
    """A string value: escaped, literal block, or left to the emitter (see module docstring).

    ``block`` asks for a literal block even for short text (Markdown reads better unquoted).
    """
    if not (value.isascii() and value.isprintable()) and _NEEDS_ESCAPES.search(value):
        if _SURROGATE.search(value) is not None:
            raise UnsavableTextError(value)
        return ScalarEvent(None, None, (False, True), value, style='"')
    if value == "\n" or value.endswith("\n\n"):
        # A keep-chomped block (``|+``) makes libyaml end the document with "...", PyYAML not.
        return ScalarEvent(None, None, (False, True), value, style='"')
    if block or "\n" in value or len(value) > LONG_TEXT:
        return ScalarEvent(None, None, (False, True), value, style="|")
    return ScalarEvent(None, None, (_plain_reads_as_text(value), True), value)


def flow_text_event(value: str) -> ScalarEvent:
    """A string inside a flow list (``[a, b]``), where block scalars cannot go."""
    style = None
    if _NEEDS_ESCAPES.search(value) is not None:
        if _SURROGATE.search(value) is not None:
            raise UnsavableTextError(value)
        style = '"'
    return ScalarEvent(None, None, (_plain_reads_as_text(value), True), value, style=style)


def key_event(key: str) -> ScalarEvent:
    """A mapping key the format defines (always plain)."""
    return ScalarEvent(None, None, (True, True), key)


def int_event(value: int) -> ScalarEvent:
    return ScalarEvent(None, None, (True, False), str(value))


def bool_event(value: bool) -> ScalarEvent:
    return ScalarEvent(None, None, (True, False), "true" if value else "false")


MAPPING_START = MappingStartEvent(None, None, True)
MAPPING_END = MappingEndEvent()
SEQUENCE_START = SequenceStartEvent(None, None, True)
FLOW_SEQUENCE_START = SequenceStartEvent(None, None, True, flow_style=True)
SEQUENCE_END = SequenceEndEvent()


def emit(body: Iterable[Event]) -> str:
    """The YAML text of one document made of the node events in ``body``."""
    stream = io.StringIO()
    dumper = SAFE_DUMPER(stream, **_EMIT_OPTIONS)
    try:
        with paused_collection():
            dumper.emit(StreamStartEvent())
            dumper.emit(DocumentStartEvent(explicit=False))
            emit_event = dumper.emit
            for event in body:
                emit_event(event)
            dumper.emit(DocumentEndEvent(explicit=False))
            dumper.emit(StreamEndEvent())
    finally:
        dumper.dispose()
    return stream.getvalue()

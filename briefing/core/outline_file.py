"""Reading and writing outline files: YAML, versioned, validated, saved atomically.

The file is the public contract described in ``docs/outline-format.md``: it must stay readable by
people, give small diffs, and read back exactly as written. The writer always writes the same bytes
for the same outline (keys in a fixed order, keys with empty or default values left out, long or
multi-line text as literal blocks), so loading and saving an unchanged file changes nothing.
The format's versions, their history and the checks on each value are in
:mod:`briefing.core.outline_reader`.
"""

from __future__ import annotations

import errno
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from yaml.events import Event

from briefing.core import yaml_io
from briefing.core.anchoring import reanchor_all
from briefing.core.atomic import ReadOnlyFileError, is_temporary_file, write_atomic
from briefing.core.collector import paused_collection
from briefing.core.early_parse import EarlyParse
from briefing.core.errors import OutlineFormatError, WarningSink, log_warning
from briefing.core.file_state import (
    FileReadOnlyError,
    FileStamp,
    check_unchanged,
    stamp_file,
)
from briefing.core.model import (
    Article,
    Block,
    BlockKind,
    BriefingDetails,
    Excerpt,
    Outline,
    Section,
)
from briefing.core.outline_reader import (
    ARTICLE_KEYS,
    BLOCK_KEYS,
    BRIEFING_KEYS,
    BRIEFING_TEXT_KEYS,
    DISCARDED_KEYS,
    EXCERPT_KEYS,
    FORMAT,
    SECTION_KEYS,
    TOP_KEYS,
    OutlineReader,
    ValueProblemError,
)
from briefing.core.outline_reader import FORMAT_NAME as FORMAT_NAME
from briefing.core.outline_reader import FORMAT_VERSION as FORMAT_VERSION
from briefing.core.outline_reader import FORMAT_VERSIONS as FORMAT_VERSIONS
from briefing.core.source_files import MAX_OUTLINE_BYTES as MAX_OUTLINE_BYTES
from briefing.core.source_files import read_input_text, size_over_limit
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

# Short lists of short items (tags, a small order) are written on one line: ``[a, b]``.
_FLOW_LIST_WIDTH = 60

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
    *TOP_KEYS, *ARTICLE_KEYS, *SECTION_KEYS, *BLOCK_KEYS, *DISCARDED_KEYS, *BRIEFING_KEYS,
    *EXCERPT_KEYS)}
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
    if outline.excerpt_ids_given > outline.highest_excerpt_number():
        out += (_K["last_excerpt"], int_event(outline.excerpt_ids_given))
    out.append(MAPPING_END)


def _article_events(article: Article, out: list[Event]) -> None:
    out += (MAPPING_START, _K["title"], text_event(article.title))
    for key, value in (("standfirst", article.standfirst), ("author", article.author),
                       ("publisher", article.publisher), ("date", article.date),
                       ("url", article.url), ("fetched", article.fetched),
                       ("source_file", article.source_file)):
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
    if article.excerpts:
        out += (_K["excerpts"], SEQUENCE_START)
        for excerpt in article.excerpts:
            _excerpt_events(excerpt, out)
        out.append(SEQUENCE_END)
    out.append(MAPPING_END)


def _excerpt_events(excerpt: Excerpt, out: list[Event]) -> None:
    anchor = excerpt.anchor
    out += (MAPPING_START, _K["id"], text_event(excerpt.id),
            _K["section"], text_event(anchor.section_id),
            _K["block"], int_event(anchor.block), _K["offset"], int_event(anchor.offset),
            _K["quote"], text_event(anchor.quote))
    if anchor.before:
        out += (_K["before"], text_event(anchor.before))
    if anchor.after:
        out += (_K["after"], text_event(anchor.after))
    if excerpt.note:
        out += (_K["note"], text_event(excerpt.note, block=True))
    if excerpt.tags:
        out.append(_K["tags"])
        _list_events(excerpt.tags, out)
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
              for key in BRIEFING_TEXT_KEYS]
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


def save_outline(outline: Outline, path: Path, *, force: bool = False,
                 expected: FileStamp | None = None) -> FileStamp | None:
    """Write the outline to ``path`` atomically, keeping the previous file as ``NAME.bak``.

    Refuses (with :class:`OutlineFormatError`, leaving any existing file untouched) an outline the
    reader would refuse: empty or repeated section ids, or text that UTF-8 cannot hold. A
    read-only file raises :class:`FileReadOnlyError` unless ``force``; with ``expected`` (the
    stamp taken when the file was opened or last saved), a file someone else changed, deleted
    or renamed meanwhile raises :class:`~briefing.core.file_state.FileChangedError`. Returns the
    stamp of the file written, for the next save's check.
    """
    seen: dict[str, str] = {}
    """Ids in use, each with the label of its section (or the id of its excerpt)."""
    for _, section in outline.walk():
        if not section.id:
            raise OutlineFormatError(path, f"cannot be saved: section {section.label!r} has no id",
                                     hint="Give every section an id before saving")
        if section.id in seen:
            raise OutlineFormatError(
                path, f"cannot be saved: sections {seen[section.id]!r} and "
                f"{section.label!r} share the id {section.id!r}",
                hint="Give each section its own id before saving")
        seen[section.id] = section.label
    for _, excerpt in outline.excerpts():
        if not excerpt.id or excerpt.id in seen:
            raise OutlineFormatError(
                path, f"cannot be saved: the excerpt id {excerpt.id!r} is empty or used twice",
                hint="Give each excerpt its own id before saving")
        seen[excerpt.id] = excerpt.id
    try:
        data = dumps_outline(outline).encode("utf-8")
    except yaml_io.UnsavableTextError as exc:
        raise OutlineFormatError(
            path, f"cannot be saved: the text {exc.text[:40]!r} holds a broken character "
            f"(unpaired surrogate U+{ord(exc.character):04X})",
            hint="Delete and retype that text") from None
    if len(data) > MAX_OUTLINE_BYTES:
        raise OutlineFormatError(
            path, f"cannot be saved: it would be {size_over_limit(len(data), MAX_OUTLINE_BYTES)} "
            "for an outline file, so it could not be opened again",
            hint="Split the articles over several outlines, or import shorter ones")
    if path.is_dir():
        raise OutlineFormatError(path, "is a folder, not a file",
                                 hint="Choose a file name inside it")
    if expected is not None:
        check_unchanged(path, expected)
    try:
        write_atomic(path, data, backup=True, force=force)
    except ReadOnlyFileError:
        raise FileReadOnlyError(path) from None
    except OSError as exc:
        raise _save_error(path, exc) from None
    logger.info("saved %s (%d bytes)", path, len(data))
    return stamp_file(path, data)


def _save_error(path: Path, exc: OSError) -> OutlineFormatError:
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError) and not path.parent.is_dir():
        return OutlineFormatError(path, "cannot be saved: its folder does not exist",
                                  hint="Choose an existing folder")
    if isinstance(exc, PermissionError):
        return OutlineFormatError(path, f"cannot be saved ({reason})",
                                  hint="Choose a folder you can write to, or check the "
                                  "file's permissions")
    if exc.errno == errno.ENOSPC:
        return OutlineFormatError(path, "cannot be saved: the disk is full",
                                  hint="Free some space, then save again (the file on disk "
                                  "is as it was)")
    if isinstance(exc, IsADirectoryError):
        return OutlineFormatError(path, "is a folder, not a file",
                                  hint="Choose a file name inside it")
    return OutlineFormatError(path, f"cannot be saved ({reason})",
                              hint="Check the disk has space and the folder is writable, "
                              "then save again")


# --- reading ---------------------------------------------------------------------------------

def load_outline(path: Path, warn: WarningSink = log_warning,
                 early: EarlyParse | None = None, *,
                 meanwhile: Callable[[Article], None] | None = None) -> Outline:
    """The outline in ``path``; :class:`OutlineFormatError` says what is wrong and where.

    ``early``: the same file already being parsed in another process (see
    :func:`~briefing.core.early_parse.start_early_parse`); its data is used when it is of the
    text read here. ``meanwhile``: called with articles already read, one at a time, while
    a streamed parse keeps the reader waiting for the next (work done ahead in time that is
    otherwise idle; the articles may still be read again, and anchoring may change excerpts).
    """
    _refuse_temporary(path)
    text = read_input_text(path, OutlineFormatError, what="outline file", warn=warn,
                           limit=MAX_OUTLINE_BYTES)
    return loads_outline(text, str(path), warn, early, meanwhile=meanwhile)


def _refuse_temporary(path: Path) -> None:
    """A save's temporary file is never taken for an outline, even a whole one."""
    if is_temporary_file(path):
        match = path.name[1:].split(".briefing-")[0] if ".briefing-" in path.name else ""
        hint = f"Open {match} instead" if match else "Open the outline it was saved for instead"
        raise OutlineFormatError(path, "is a temporary file left by an interrupted save, "
                                 "not an outline", hint=hint)


@dataclass
class OutlineCheck:
    """What checking an outline file found: every error and warning, each one line."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outline: Outline | None = None
    """The outline when there are no errors."""


def check_outline_file(path: Path) -> OutlineCheck:
    """Check the outline file at ``path`` through to the end instead of stopping at the first error.

    An article, section, block or discarded line with a problem is reported and skipped, so the
    rest of the file is still checked: ``briefing validate`` lists everything to fix at once.
    """
    check = OutlineCheck()
    try:
        _refuse_temporary(path)
        text = read_input_text(path, OutlineFormatError, what="outline file",
                               warn=check.warnings.append, limit=MAX_OUTLINE_BYTES)
        data = yaml_io.parse(text, str(path))
        reader = OutlineReader(collect=True)
        with paused_collection():
            outline = reader.outline(data)
    except ValueProblemError as problem:  # the format itself: nothing further is worth checking
        check.errors.append(str(_located_errors([problem], text, str(path))[0]))
        return check
    except OutlineFormatError as exc:
        check.errors.append(str(exc))
        return check
    except RecursionError:
        check.errors.append(str(_too_deep(str(path))))
        return check
    _send_warnings(reader, text, str(path), check.warnings.append)
    _anchor_excerpts(outline, str(path), check.warnings.append)
    check.errors = [str(error) for error in _located_errors(reader.errors, text, str(path))]
    if not check.errors:
        check.outline = outline
    return check


def validate_outline_file(path: Path) -> list[str]:
    """Every problem with the outline file at ``path`` (warnings, then errors); empty when fine."""
    check = check_outline_file(path)
    return check.warnings + check.errors


def loads_outline(text: str, source: str = "<string>", warn: WarningSink = log_warning,
                  early: EarlyParse | None = None, *,
                  meanwhile: Callable[[Article], None] | None = None) -> Outline:
    """The outline in ``text``; ``source`` names it in messages, warnings go to ``warn``
    (``early`` and ``meanwhile`` as for :func:`load_outline`)."""
    found, data, reader = False, None, OutlineReader()
    read: dict[int, Article] = {}
    if early is not None:
        with paused_collection():
            found, data, reader, read = _take_early(early, text, meanwhile)
    if not found:
        data = yaml_io.parse(text, source)
    try:
        with paused_collection():
            outline = reader.outline(data, read)
    except ValueProblemError as problem:
        _send_warnings(reader, text, source, warn)  # those found before it, for the full picture
        raise _located_errors([problem], text, source)[0] from None
    except RecursionError:
        raise _too_deep(source) from None
    _send_warnings(reader, text, source, warn)
    _anchor_excerpts(outline, source, warn)
    return outline


def _take_early(early: EarlyParse, text: str,
                meanwhile: Callable[[Article], None] | None = None
                ) -> tuple[bool, object, OutlineReader, dict[int, Article]]:
    """What the early parse of ``text`` gave: ``(found, data, reader, articles read)``.

    A streamed parse hands over each article as soon as it is parsed, and it is read then,
    while the child parses the rest (when the text starts as this version writes it; the whole
    document's format is checked again at the end). Anything unusual (a problem in an
    article, another format, a document that came whole after all) leaves the articles to
    be read with the rest by a fresh reader, as if nothing had been streamed.
    """
    if not early.stream or not text.startswith(f"format: {FORMAT}\n"):
        found, data = early.take(text)
        return found, data, OutlineReader(), {}
    reader = OutlineReader()
    reader.version = FORMAT_VERSION
    read: dict[int, Article] = {}
    raw: dict[int, object] = {}
    failed: list[bool] = []
    waiting: deque[Article] = deque()
    """Articles read and not yet handed to ``meanwhile``."""

    def on_article(index: int, article: object) -> None:
        raw[index] = article
        if not failed:
            try:
                read[index] = reader.article(article, ("articles", index))
            except (ValueProblemError, RecursionError):
                failed.append(True)  # read again below, where the problem is reported
            else:
                if meanwhile is not None:
                    waiting.append(read[index])

    def idle() -> bool:
        if not waiting or meanwhile is None:  # (nothing to do: wait)
            return False
        meanwhile(waiting.popleft())
        return True

    found, data, streamed = (early.take_streamed(text, on_article, raw.clear)
                             if meanwhile is None else
                             early.take_streamed(text, on_article, raw.clear, on_idle=idle))
    if not found:
        return False, None, OutlineReader(), {}
    if streamed and not failed and isinstance(data, dict) \
            and data.get("format") == FORMAT:
        return True, data, reader, read
    if streamed and isinstance(data, dict) and isinstance(data.get("articles"), list):
        for index, article in raw.items():
            data["articles"][index] = article
    return True, data, OutlineReader(), {}


def _anchor_excerpts(outline: Outline, source: str, warn: WarningSink) -> None:
    """Find every excerpt in its article; say which ones lost their text (kept as orphaned)."""
    reanchor_all(outline.articles)
    for article, excerpt in outline.excerpts():
        if excerpt.orphaned:
            warn(f"{source}: excerpt {excerpt.id} of {article.title!r}: its text is no longer "
                 "in the article; it is kept and shown as orphaned")


def _too_deep(source: str) -> OutlineFormatError:
    return OutlineFormatError(source, "has sections nested too deeply to read",
                              hint="Flatten the outline's sections")


def _send_warnings(reader: OutlineReader, text: str, source: str, warn: WarningSink) -> None:
    if reader.warnings:
        lines = yaml_io.locate(text, [at for at, _, _ in reader.warnings])
        for (_, path, message), line in zip(reader.warnings, lines, strict=True):
            warn(f"{source}: {_place(path, line)}: {message}")


def _place(path: YamlPath, line: int | None) -> str:
    parts = [f"line {line}" if line is not None else "", format_path(path)]
    return ": ".join(part for part in parts if part)


def _located_errors(problems: list[ValueProblemError], text: str,
                    source: str) -> list[OutlineFormatError]:
    """The problems as errors naming their lines (one pass over the document for them all)."""
    if not problems:
        return []
    paths = [problem.path for problem in problems]
    paths += [problem.also for problem in problems if problem.also is not None]
    lines = iter(yaml_io.locate(text, paths))
    places = [_place(problem.path, next(lines)) for problem in problems]
    errors = []
    for problem, place in zip(problems, places, strict=True):
        message = problem.problem
        if problem.also is not None:
            message = f"{message}; it is already used at {_place(problem.also, next(lines))}"
        errors.append(OutlineFormatError(source, message, place=place, hint=problem.hint))
    return errors

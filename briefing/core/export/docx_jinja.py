"""Jinja in a Word template: fields, conditions, loops and a ``date`` filter, through docxtpl.

A template that uses only the simple ``{{ name }}`` placeholders is filled as before
(:mod:`.placeholders`). One with any other tag (``{{ briefing.to }}``, ``{% if %}``, a filter)
is rendered by docxtpl first, which joins tags Word split across runs and repeats a whole
paragraph (``{%p ... %}``) or table row (``{%tr ... %}``); the writer then pours the note into
the ``{{ content }}`` paragraph as usual.

Templates are files from others, so the Jinja environment is sandboxed. Before rendering, each
story (body, header, footer) is read as one line per paragraph and compiled, so a syntax error
or an unknown name is reported with the paragraph it is in, by ``templates --check`` and at
export alike.
"""

from __future__ import annotations

import datetime
import difflib
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date
from docx.document import Document
from docxtpl import DocxTemplate  # type: ignore[import-untyped]
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateRuntimeError, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from briefing.core.errors import TemplateError, WarningSink
from briefing.core.export.docx_links import SourceLink, SourceLinks
from briefing.core.export.docx_xml import W_P, w
from briefing.core.export.intermediate import BriefingDocument, is_safe_url
from briefing.core.export.placeholders import (
    CONTENT,
    PLACEHOLDER,
    PLACEHOLDER_NAMES,
    own_text,
    paragraph_place,
    story_roots,
)
from briefing.core.export.template_context import DRAFTED_BY_FIELDS, ITEM_FIELDS, TemplateItem
from briefing.core.templates import (
    DATE_PATTERN_HINT,
    TemplateSpec,
    check_command,
    date_pattern_problem,
)

W_TC = w("tc")
BRIEFING_FIELDS = (*PLACEHOLDER_NAMES, "from_", "drafted_by", "items")
"""What ``briefing.NAME`` may name."""
TOP_NAMES = (*PLACEHOLDER_NAMES, CONTENT, "briefing", "items")
"""The names a template may use on their own."""

_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}")
_DOCXTPL_PREFIX = re.compile(r"^(\{[{%]-?)(?:p|r)(?=\s)")
"""docxtpl's paragraph and run forms: ``{%p if x %}`` is ``{% if x %}`` in Jinja."""
_TABLE_PREFIX = re.compile(r"^(\{[{%]-?)(?:p|tr|tc|r)(?=\s)")
"""In a table cell, also the row and cell forms (``{%tr for ... %}``)."""
_SMART_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class DateFilterError(TemplateRuntimeError):
    """A ``date`` filter given a form that is not a date pattern."""


class DocumentDate(str):
    """A date as the document writes it, remembering the stored date for the ``date`` filter."""

    iso: str

    def __new__(cls, shown: str, iso: str) -> DocumentDate:
        value = super().__new__(cls, shown)
        value.iso = iso
        return value


@dataclass(frozen=True)
class JinjaProblem:
    """Something in a template's Jinja that would fail or print nothing, and where it is."""

    where: str
    """``body``, ``header`` or ``footer``."""
    number: int
    """The paragraph's number in its part, from 1."""
    text: str
    problem: str
    hint: str

    @property
    def place(self) -> str:
        return paragraph_place(self.where, self.number, self.text)


def jinja_line(text: str, in_cell: bool) -> str:
    """A paragraph's text as Jinja reads it: docxtpl's forms and Word's curly quotes undone.

    Outside a table a row or cell tag stays as typed, so Jinja reports it as unknown.
    """
    prefix = _TABLE_PREFIX if in_cell else _DOCXTPL_PREFIX
    return _TAG.sub(lambda m: prefix.sub(r"\1", m.group(0)).translate(_SMART_QUOTES), text)


def _stories(document: Document) -> Iterator[tuple[str, list[str], list[str]]]:
    """(where, each paragraph's text as typed, as Jinja reads it): one line per paragraph."""
    for where, root in story_roots(document):
        paragraphs = list(root.iter(W_P))
        typed = [own_text(p).replace("\n", " ") for p in paragraphs]
        yield where, typed, [jinja_line(text, p.getparent().tag == W_TC)
                             for text, p in zip(typed, paragraphs, strict=True)]


def uses_jinja(document: Document) -> bool:
    """Whether the template has any tag beyond the simple ``{{ name }}`` placeholders."""
    for _, _, texts in _stories(document):
        for text in texts:
            rest = PLACEHOLDER.sub("", text)
            if "{%" in rest or "{#" in rest or re.search(r"\{\{.*?\}\}", rest):
                return True
    return False


def environment(spec: TemplateSpec) -> SandboxedEnvironment:
    """The sandboxed environment with the ``date`` filter in the template's language."""
    env = SandboxedEnvironment(autoescape=True)

    def date(value: object, pattern: object = None) -> str:
        """``{{ briefing.date | date("d MMMM yyyy") }}``: typed text that is no date as is."""
        if pattern is not None:
            problem = date_pattern_problem(str(pattern)) if isinstance(pattern, str) else \
                f"{pattern!r} is not a date pattern (text in quotes)"
            if problem:
                raise DateFilterError(f"the date filter's form {problem}")
        if isinstance(value, datetime.date):
            day = value
        else:
            stored = getattr(value, "iso", value)
            text = str(stored).strip()
            if not _ISO_DAY.fullmatch(text):
                return str(value)
            try:
                day = datetime.date.fromisoformat(text)
            except ValueError:
                return str(value)
        return format_date(day, str(pattern or spec.date_format), locale=spec.language)

    env.filters["date"] = date
    return env


def find_problems(document: Document, spec: TemplateSpec) -> list[JinjaProblem]:
    """Syntax errors, unknown filters and unknown names, each with its paragraph."""
    env = environment(spec)
    problems: list[JinjaProblem] = []
    for where, typed, texts in _stories(document):
        source = "\n".join(texts)
        if "{" not in source:
            continue

        def at(line: int | None, problem: str, hint: str, where: str = where,
               typed: list[str] = typed) -> JinjaProblem:
            number = min(max(line or 1, 1), len(typed))
            return JinjaProblem(where, number, typed[number - 1], problem, hint)

        try:
            tree = env.parse(source)
            env.compile(tree)
        except TemplateSyntaxError as exc:
            problems.append(at(exc.lineno, f"Jinja syntax error: {exc.message}",
                               _syntax_hint(exc.message or "")))
            continue
        unknown = sorted(_unknown_names(tree, set(env.globals)), key=lambda found: found[0])
        problems.extend(at(line, problem, hint) for line, problem, hint in unknown)
    return problems


def _syntax_hint(message: str) -> str:
    if "unknown tag 'tr'" in message or "unknown tag 'tc'" in message:
        return ("{%tr ... %} and {%tc ... %} work only in a table row or cell; use {%p ... %} "
                "for paragraphs")
    if "end of template" in message or "endif" in message or "endfor" in message:
        return ("Close each {% if %} with {% endif %} and each {% for %} with {% endfor %} "
                "(see docs/templates.md)")
    if "No filter named" in message:
        return "The filters Briefing adds are: date; Jinja's own (upper, join...) work too"
    return "Write tags as {{ name }} or {% if ... %} ... {% endif %} (see docs/templates.md)"


def _names_in(target: nodes.Node) -> set[str]:
    return {node.name for node in target.find_all(nodes.Name)} | (
        {target.name} if isinstance(target, nodes.Name) else set())


def _is_items(node: nodes.Node) -> bool:
    while isinstance(node, nodes.Filter | nodes.Test) and node.node is not None:
        node = node.node
    if isinstance(node, nodes.Name):
        return node.name == "items"
    return isinstance(node, nodes.Getattr) and node.attr == "items" and \
        isinstance(node.node, nodes.Name) and node.node.name == "briefing"


def _unknown_names(tree: nodes.Template, known_globals: set[str],
                   ) -> Iterator[tuple[int, str, str]]:
    """(line, problem, hint) for each name, field or item field the template misspells."""
    local: set[str] = {"loop", "caller", "varargs", "kwargs"}
    item_names: set[str] = set()
    for loop in tree.find_all(nodes.For):
        targets = _names_in(loop.target)
        local |= targets
        if _is_items(loop.iter):
            item_names |= targets
    for assign in tree.find_all(nodes.Assign):
        local |= _names_in(assign.target)
    for block in tree.find_all(nodes.AssignBlock):
        local |= _names_in(block.target)
    for macro in tree.find_all(nodes.Macro):
        local |= {arg.name for arg in macro.args} | {macro.name}
    known_top = set(TOP_NAMES) | local | known_globals
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in known_top:
            yield name.lineno, f"unknown name {{{{ {name.name} }}}}, which would print " \
                "nothing", _suggest(name.name, TOP_NAMES, "")
    for used in tree.find_all(nodes.Filter):
        if used.name == "date" and used.args and isinstance(used.args[0], nodes.Const):
            form = used.args[0].value
            problem = date_pattern_problem(form) if isinstance(form, str) else \
                f"{form!r} is not a date pattern (text in quotes)"
            if problem:
                yield used.lineno, f"the date filter's form {problem}", DATE_PATTERN_HINT
    for attr in tree.find_all(nodes.Getattr):
        base = attr.node
        fields: tuple[str, ...] = ()
        prefix = ""
        if isinstance(base, nodes.Name) and base.name == "briefing":
            fields, prefix = BRIEFING_FIELDS, "briefing."
        elif isinstance(base, nodes.Getattr) and base.attr == "drafted_by" and \
                isinstance(base.node, nodes.Name) and base.node.name == "briefing":
            fields, prefix = DRAFTED_BY_FIELDS, "briefing.drafted_by."
        elif isinstance(base, nodes.Name) and base.name in item_names:
            fields, prefix = ITEM_FIELDS, f"{base.name}."
        if fields and attr.attr not in fields:
            yield attr.lineno, f"unknown field {prefix}{attr.attr}, which would print " \
                "nothing", _suggest(attr.attr, fields, prefix)


def _suggest(name: str, known: tuple[str, ...], prefix: str) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f"Did you mean {prefix}{close[0]}?"
    return "Known: " + ", ".join(f"{prefix}{option}" for option in known)


def context(doc: BriefingDocument, content: str,
            link: Callable[[TemplateItem], SourceLink] | None = None) -> dict[str, Any]:
    """The names a template sees; ``content`` is what ``{{ content }}`` leaves for the writer.

    ``link`` makes an item's ``source_link`` a hyperlink (the Word export); without it, or
    for an address that is not a web or mail one, it is plain text.
    """
    meta = doc.metadata
    values: dict[str, Any] = dict(meta.placeholders())
    values["date"] = DocumentDate(meta.date, meta.date_value)
    items = []
    for item in doc.template_items():
        fields = item.as_context()
        if link is not None and item.url and is_safe_url(item.url):
            fields["source_link"] = link(item)
        items.append(fields)
    briefing = {**values, "from_": meta.from_, "items": items,
                "drafted_by": {field: values[f"drafted_by_{field}"]
                               for field in DRAFTED_BY_FIELDS}}
    return {**values, "briefing": briefing, "items": items, CONTENT: content}


def render(word: Document, doc: BriefingDocument, spec: TemplateSpec,
           warn: WarningSink, link_style: str | None = None) -> str:
    """Render the template's Jinja into ``word`` in place; returns the content marker's name.

    ``link_style`` is the id of the character style the source links take (``Hyperlink``).

    A syntax error raises :class:`TemplateError` naming the paragraph; an unknown name is warned
    about and prints nothing.
    """
    problems = find_problems(word, spec)
    for problem in problems:
        message = f"{problem.place}: {problem.problem}"
        if problem.problem.startswith("Jinja syntax error"):
            raise TemplateError(spec.docx_path, problem.problem, place=problem.place,
                                hint=f"{problem.hint}; check the template with: "
                                     f"{check_command(spec)}")
        warn(f"template {spec.name}: {message}. {problem.hint}")
    marker = f"{CONTENT}_{secrets.token_hex(8)}"
    template = DocxTemplate(spec.docx_path)
    template.docx = word
    links = SourceLinks(template, link_style)
    try:
        template.render(context(doc, f"{{{{ {marker} }}}}", links.link),
                        jinja_env=environment(spec), autoescape=True)
    except DateFilterError as exc:
        raise TemplateError(spec.docx_path, str(exc), hint=DATE_PATTERN_HINT) from None
    except Exception as exc:  # the template is someone else's code: any failure is its own
        reason = exc if isinstance(exc, JinjaError) else f"{type(exc).__name__}: {exc}"
        raise TemplateError(spec.docx_path, f"its Jinja could not be rendered: {reason}",
                            hint=f"Check the template with: {check_command(spec)}"
                            ) from None
    links.place(root for _, root in story_roots(word))
    return marker


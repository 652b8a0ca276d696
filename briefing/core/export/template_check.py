"""Checking a template before it is used: everything that would go wrong at export, at once.

``briefing templates --check NAME|PATH`` reports each problem on its own line, naming the
template's file and the place (a paragraph of the body, header or footer, by number and the
text it starts with). *Errors* make the export fail or leave wrong text in the note: a file that
is not a Word document, a macro-enabled one, a YAML key misspelt and so ignored, a placeholder
Briefing does not know (left as typed), a ``{{`` that is never closed, a ``{{ content }}``
that shares its paragraph (left as text, the note going to the end instead), and in a template
that uses Jinja its syntax errors, unknown names and docxtpl's Word-markup forms
(``{{r x }}``). *Warnings* are
things the export works around: styles taken from the built-in template, no marking in the
header or footer.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from lxml import etree

from briefing.core.errors import TemplateError
from briefing.core.export.docx_jinja import find_problems, uses_jinja
from briefing.core.export.docx_styles import missing_in, shown_style_name
from briefing.core.export.docx_writer import open_template
from briefing.core.export.docx_xml import W_P, W_TBL
from briefing.core.export.placeholders import (
    CONTENT,
    PLACEHOLDER,
    PLACEHOLDER_NAMES,
    mentions,
    own_text,
    paragraph_place,
    story_roots,
)
from briefing.core.templates import TemplateSpec, find_template

KNOWN_NAMES = (*PLACEHOLDER_NAMES, CONTENT)
_STRAY_BRACES = re.compile(r"\{\{|\}\}|\{%|%\}")


@dataclass
class TemplateCheck:
    """What checking one template found: the template (when it could be read) and problems."""

    spec: TemplateSpec | None = None
    errors: list[TemplateError] = field(default_factory=list)
    """Problems that make the export fail or put wrong text in the note."""
    warnings: list[TemplateError] = field(default_factory=list)
    """Problems the export works around, with a warning of its own."""


def check_template(name: str) -> TemplateCheck:
    """Open the template ``name`` (a name or a path) and report what would go wrong at export."""
    check = TemplateCheck()
    unknown_keys: list[str] = []
    try:
        spec = find_template(name, warn=unknown_keys.append)
    except TemplateError as exc:
        check.errors.append(exc)
        return check
    check.spec = spec
    # A misspelt key is ignored at export, so the setting silently does not apply.
    check.errors.extend(TemplateError(None, message) for message in unknown_keys)
    try:
        document = open_template(spec)
    except TemplateError as exc:
        check.errors.append(exc)
        return check
    missing = missing_in(document)
    if missing:
        check.warnings.append(TemplateError(
            spec.docx_path, f"lacks {len(missing)} style(s) the note uses: "
            f"{', '.join(shown_style_name(name) for name, _ in missing)}", place="styles",
            hint="The export takes the built-in template's look for them; add them to give "
                 "them your own"))
    jinja = uses_jinja(document)
    contents = 0
    for where, root in story_roots(document):
        for number, p in enumerate(root.iter(W_P), start=1):
            contents += _check_paragraph(check, spec, where, number, p, contents, jinja=jinja)
    if not mentions(document.element.body, CONTENT):
        check.warnings.append(TemplateError(
            spec.docx_path, "has no {{ content }} paragraph, so the note is added at the end of "
            "the body, after all that the Word file writes (an approval block too)", place="body",
            hint="Type {{ content }} in a paragraph of its own where the note goes"))
    if jinja:
        check.errors.extend(TemplateError(spec.docx_path, problem.problem, place=problem.place,
                                          hint=problem.hint)
                            for problem in find_problems(document, spec))
    marked = {where for where, root in story_roots(document)
              if where != "body" and (mentions(root, "classification") or (
                  jinja and "classification" in "".join(own_text(p) for p in root.iter(W_P))))}
    if not marked:
        check.warnings.append(TemplateError(
            spec.docx_path, "has no {{ classification }} in its header or footer",
            place="header and footer", hint="Type {{ classification }} in both so the "
                                            "marking is on every page"))
    return check


def word_file_problem(spec: TemplateSpec) -> TemplateError | None:
    """Why the template's Word file cannot be opened, if it cannot (for the template list)."""
    try:
        open_template(spec)
    except TemplateError as exc:
        return exc
    return None


def _suggestion(name: str) -> str:
    close = difflib.get_close_matches(name, KNOWN_NAMES, n=1, cutoff=0.6)
    if close:
        return f"Did you mean {{{{ {close[0]} }}}}?"
    return "Known placeholders: " + ", ".join(f"{{{{ {known} }}}}" for known in KNOWN_NAMES)


def _check_paragraph(check: TemplateCheck, spec: TemplateSpec, where: str, number: int,
                     p: etree._Element, contents_before: int, *, jinja: bool = False) -> int:
    """Report this paragraph's placeholder problems; 1 if it is the note's ``{{ content }}``.

    In a template that uses Jinja, names and syntax are checked by :func:`find_problems`.
    """
    text = own_text(p)
    if "{" not in text and "}" not in text:
        return 0
    place = paragraph_place(where, number, text)

    def error(problem: str, hint: str) -> None:
        check.errors.append(TemplateError(spec.docx_path, problem, place=place, hint=hint))

    holds_content = 0
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name == CONTENT:
            if where != "body":
                error("{{ content }} is in the " + where + ", where the note cannot go",
                      "Put it in a paragraph of its own in the body")
            elif text.strip() != match.group(0):
                error("{{ content }} shares its paragraph with other text, so it would be left "
                      "as text and the note put at the end",
                      "Give {{ content }} a paragraph of its own")
            elif contents_before:
                error("a second {{ content }}: the note goes at the first, this one would be "
                      "left as text", "Keep one {{ content }} paragraph")
            else:
                holds_content = 1
                if any(ancestor.tag == W_TBL for ancestor in p.iterancestors()):
                    check.warnings.append(TemplateError(
                        spec.docx_path, "{{ content }} is in a table cell, so the whole note "
                        "would go inside that cell", place=place,
                        hint="Put it in a paragraph of its own outside the table, unless the "
                             "note is meant to be in a box"))
        elif name not in PLACEHOLDER_NAMES and not jinja:
            error(f"unknown placeholder {{{{ {name} }}}}, which would be left as typed",
                  _suggestion(name))
    stray = None if jinja else _STRAY_BRACES.search(PLACEHOLDER.sub("", text))
    if stray:
        error(f"{stray.group(0)!r} that is not part of a placeholder (a brace missing, or a "
              "name with spaces or other characters), which would be left as typed",
              "Write placeholders as {{ name }} with a name from docs/templates.md")
    return holds_content

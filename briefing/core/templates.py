"""Finding and loading briefing templates: a Word file plus a short YAML description.

A template is two files side by side, ``NAME.docx`` (styles, letterhead, header and footer, page
size and margins) and ``NAME.yaml`` (the note's parts in order and its limits). Built-in
templates live in ``templates/`` of the project; a user's own in
:func:`briefing.core.paths.user_templates_dir`.
A user template with the same name as a built-in one replaces it, so an organisation can restyle
``briefing-note`` without renaming it.

The YAML keys (all optional except ``parts``)::

    title: Briefing note
    description: Classic two-page note ...
    parts: [title, details, purpose, summary, background, considerations, recommendation, sources]
    page_budget: 2            # null = no budget
    words_per_page: 450
    classification_scheme: [OFFICIAL, OFFICIAL-SENSITIVE, SECRET]
    default_classification: OFFICIAL
    note_placement: inline    # or comment / box
    date_format: d MMMM yyyy  # how dates are written: a Babel (CLDR) date pattern
    language: en              # the language of month and day names (a Babel locale)

Unknown keys are reported through the warning sink rather than silently ignored.
"""

from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import tokenize_pattern

from briefing.core import paths
from briefing.core.errors import TemplateError, WarningSink, log_warning
from briefing.core.source_files import read_input_text

logger = logging.getLogger(__name__)

PARTS = ("title", "details", "purpose", "summary", "bottom_line", "background", "key_points",
         "considerations", "reading", "recommendation", "sources")
"""The parts a note can be made of; a template lists the ones it uses, in its order."""

NOTE_PLACEMENTS = ("inline", "comment", "box")
"""Where the analyst's note goes in the reading part: in the text, as a Word comment, in a box."""

DEFAULT_TEMPLATE = "briefing-note"
DEFAULT_WORDS_PER_PAGE = 680
DEFAULT_SCHEME = ("OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET")
DEFAULT_DATE_FORMAT = "d MMMM yyyy"
"""``13 January 2025``: how a document writes a date unless the template says otherwise."""
DEFAULT_LANGUAGE = "en"
_DATE_FIELDS = frozenset("GyYuUQqMLlwWdDFgEec")
"""CLDR pattern letters of the date itself: era, year, quarter, month, week, day, weekday."""

WORD_SUFFIXES = (".docx", ".dotx")
"""A template's Word file: a document, or a Word template (converted when it is opened)."""
MACRO_SUFFIXES = (".docm", ".dotm")
"""Macro-enabled Word files, refused as templates."""
_PATH_SUFFIXES = (".yaml", *WORD_SUFFIXES, *MACRO_SUFFIXES)

_KNOWN_KEYS = ("title", "description", "parts", "page_budget", "words_per_page",
               "classification_scheme", "default_classification", "note_placement", "date_format",
               "language")


@dataclass(frozen=True)
class TemplateSpec:
    """A template as the exporters use it: where its Word file is and what the note contains."""

    name: str
    """The id: the file stem, e.g. ``briefing-note``."""
    title: str
    description: str
    docx_path: Path
    parts: tuple[str, ...]
    page_budget: float | None
    """Pages the note should fit in; None means no budget."""
    words_per_page: int
    classification_scheme: tuple[str, ...]
    default_classification: str
    note_placement: str
    """``comment`` or ``box`` for notes beside the reading text, ``inline`` otherwise."""
    date_format: str = DEFAULT_DATE_FORMAT
    """A Babel (CLDR) date pattern: ``d MMMM yyyy`` writes ``13 January 2025``."""
    language: str = DEFAULT_LANGUAGE
    """The Babel locale of month and weekday names in dates (``en``, ``fr``, ``de_CH``)."""
    builtin: bool = False
    """True for the templates shipped with Briefing (the fallback for missing styles)."""


def check_command(spec: TemplateSpec) -> str:
    """The command that checks ``spec``: by name when the template folders hold it, else by
    the path it was loaded from (a name would not find a template kept elsewhere)."""
    folder = spec.docx_path.parent
    if folder in (paths.user_templates_dir(), paths.BUILTIN_TEMPLATES):
        return f"briefing templates --check {spec.name}"
    return f"briefing templates --check {spec.docx_path.with_suffix('.yaml')}"


def macro_refusal(path: Path) -> TemplateError:
    """The error for a macro-enabled Word file given as a template: why, and what to do."""
    return TemplateError(path, "is a macro-enabled Word file (.docm/.dotm); Briefing does not "
                         "use templates with macros, which could run code on opening",
                         hint="Open it in Word and save it as a Word document (.docx) "
                              "without macros")


def word_file_beside(yaml_path: Path) -> Path:
    """The Word file of the template described by ``yaml_path``: ``NAME.docx``, else ``.dotx``.

    A macro-enabled ``NAME.docm`` alone is refused with the reason, not called missing.
    """
    for suffix in WORD_SUFFIXES:
        if yaml_path.with_suffix(suffix).is_file():
            return yaml_path.with_suffix(suffix)
    for suffix in MACRO_SUFFIXES:
        if yaml_path.with_suffix(suffix).is_file():
            raise macro_refusal(yaml_path.with_suffix(suffix))
    docx_path = yaml_path.with_suffix(".docx")
    raise TemplateError(yaml_path, f"has no Word file beside it ({docx_path.name})",
                        hint="Put the template's .docx in the same folder with the same name")


def _yaml_error_place(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return ""
    return f"line {mark.line + 1}, column {mark.column + 1}"


def _read_mapping(yaml_path: Path) -> dict[str, Any]:
    text = read_input_text(yaml_path, TemplateError, what="template description (.yaml)")
    try:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or "is not valid YAML"
        raise TemplateError(yaml_path, f"not valid YAML: {problem}",
                            place=_yaml_error_place(exc),
                            hint="Fix the YAML syntax (indentation, colons, quotes)") from None
    if not isinstance(data, dict):
        raise TemplateError(yaml_path, "must be a mapping of keys (title:, parts: ...)",
                            hint="See docs/templates.md for the keys")
    return {str(key): value for key, value in data.items()}


def _text(data: dict[str, Any], key: str, default: str, path: Path) -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise TemplateError(path, "must be text", place=key)
    return str(value).strip()


def _parts(data: dict[str, Any], path: Path) -> tuple[str, ...]:
    value = data.get("parts")
    if not isinstance(value, list) or not value:
        raise TemplateError(path, "must be a non-empty list of parts", place="parts",
                            hint=f"Use some of: {', '.join(PARTS)}")
    parts: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or item.strip() not in PARTS:
            raise TemplateError(path, f"unknown part {item!r}", place=f"parts[{index}]",
                                hint=f"Use one of: {', '.join(PARTS)}")
        if item.strip() in parts:
            raise TemplateError(path, f"part {item!r} is listed twice", place=f"parts[{index}]",
                                hint="List each part once")
        parts.append(item.strip())
    return tuple(parts)


def _page_budget(data: dict[str, Any], path: Path) -> float | None:
    value = data.get("page_budget")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise TemplateError(path, f"must be a positive number of pages or null, not {value!r}",
                            place="page_budget")
    return float(value)


def _words_per_page(data: dict[str, Any], path: Path) -> int:
    value = data.get("words_per_page", DEFAULT_WORDS_PER_PAGE)
    if isinstance(value, bool) or not isinstance(value, int) or not 50 <= value <= 2000:
        raise TemplateError(path, f"must be a whole number between 50 and 2000, not {value!r}",
                            place="words_per_page")
    return value


def _scheme(data: dict[str, Any], path: Path) -> tuple[str, ...]:
    value = data.get("classification_scheme")
    if value is None:
        return DEFAULT_SCHEME
    if not isinstance(value, list) or not value:
        raise TemplateError(path, "must be a non-empty list of markings",
                            place="classification_scheme",
                            hint="For example [OFFICIAL, OFFICIAL-SENSITIVE, SECRET]")
    scheme: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise TemplateError(path, f"must be a marking (text), not {item!r}",
                                place=f"classification_scheme[{index}]")
        scheme.append(item.strip())
    return tuple(scheme)


def _language(data: dict[str, Any], path: Path) -> str:
    name = _text(data, "language", DEFAULT_LANGUAGE, path)
    try:
        return str(Locale.parse(name.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        raise TemplateError(path, f"unknown language {name!r}", place="language",
                            hint="Use a language code such as en, fr, de or en_GB") from None


def date_pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` is not a CLDR pattern of date fields only, or None when it is one."""
    if pattern.replace("''", "").count("'") % 2:
        return f"{pattern!r} has a quote (') that is not closed"
    fields = [token[1][0] for token in tokenize_pattern(pattern) if token[0] == "field"]
    wrong = [letter for letter in fields if letter not in _DATE_FIELDS]
    if wrong:
        return (f"{pattern!r} is not a date pattern: {wrong[0]!r} is not a day, month, year or "
                "weekday field")
    if not fields:
        return f"{pattern!r} has no day, month or year in it"
    return None


DATE_PATTERN_HINT = (f"For example {DEFAULT_DATE_FORMAT!r} (13 January 2025) or 'dd/MM/yyyy'; "
                     "put literal text between single quotes, e.g. \"'le' d MMMM yyyy\"")


def _date_format(data: dict[str, Any], path: Path) -> str:
    """A CLDR date pattern of date fields only (an hour or time zone has no place in a date)."""
    pattern = _text(data, "date_format", DEFAULT_DATE_FORMAT, path)
    problem = date_pattern_problem(pattern)
    if problem:
        raise TemplateError(path, problem, place="date_format", hint=DATE_PATTERN_HINT)
    return pattern


def load_template_spec(yaml_path: Path, warn: WarningSink = log_warning, *,
                       builtin: bool = False) -> TemplateSpec:
    """Read ``NAME.yaml`` and check that ``NAME.docx`` (or ``NAME.dotx``) sits beside it.

    Raises :class:`TemplateError` naming the file and the key for anything that would make the
    export fail later; unknown keys are only warned about.
    """
    data = _read_mapping(yaml_path)
    for key in data:
        if key not in _KNOWN_KEYS:
            close = difflib.get_close_matches(key, _KNOWN_KEYS, n=1, cutoff=0.6)
            guess = f"did you mean {close[0]!r}? " if close else ""
            warn(f"{yaml_path}: {key}: unknown key, ignored ({guess}known keys: "
                 f"{', '.join(_KNOWN_KEYS)})")
    name = yaml_path.stem
    scheme = _scheme(data, yaml_path)
    default_classification = _text(data, "default_classification", scheme[0], yaml_path)
    if default_classification not in scheme:
        raise TemplateError(yaml_path, f"{default_classification!r} is not in the "
                            "classification_scheme", place="default_classification",
                            hint=f"Use one of: {', '.join(scheme)}")
    placement = _text(data, "note_placement", "inline", yaml_path)
    if placement not in NOTE_PLACEMENTS:
        raise TemplateError(yaml_path, f"unknown note placement {placement!r}",
                            place="note_placement",
                            hint=f"Use one of: {', '.join(NOTE_PLACEMENTS)}")
    language = _language(data, yaml_path)
    date_format = _date_format(data, yaml_path)
    docx_path = word_file_beside(yaml_path)
    return TemplateSpec(
        name=name,
        title=_text(data, "title", name.replace("-", " ").capitalize(), yaml_path),
        description=_text(data, "description", "", yaml_path),
        docx_path=docx_path,
        parts=_parts(data, yaml_path),
        page_budget=_page_budget(data, yaml_path),
        words_per_page=_words_per_page(data, yaml_path),
        classification_scheme=scheme,
        default_classification=default_classification,
        note_placement=placement,
        date_format=date_format,
        language=language,
        builtin=builtin,
    )


def _no_description(docx_path: Path) -> TemplateError:
    return TemplateError(docx_path, f"has no template description ({docx_path.stem}.yaml) "
                         "beside it, so it is not a template yet",
                         hint=f"Copy a built-in template's .yaml next to it as "
                              f"{docx_path.stem}.yaml and edit it (see docs/templates.md)")


def _is_office_lock(path: Path) -> bool:
    """Word's ``~$name.docx`` and LibreOffice's ``.~lock.name.docx#`` owner files."""
    return path.name.startswith(("~$", ".~lock"))


def _specs_in(folder: Path, warn: WarningSink, *, builtin: bool) -> list[TemplateSpec]:
    if not folder.is_dir():
        return []
    specs: list[TemplateSpec] = []
    for yaml_path in sorted(folder.glob("*.yaml")):
        try:
            specs.append(load_template_spec(yaml_path, warn, builtin=builtin))
        except TemplateError as exc:
            warn(f"{exc} (template skipped)")
    for docx_path in sorted(path for path in folder.iterdir()
                            if path.suffix.lower() in WORD_SUFFIXES + MACRO_SUFFIXES):
        if not _is_office_lock(docx_path) and not docx_path.with_suffix(".yaml").is_file():
            warn(f"{_no_description(docx_path)} (template skipped)")
    return specs


def list_templates(warn: WarningSink = log_warning) -> list[TemplateSpec]:
    """Built-in templates, then the user's; a user template replaces a built-in of the same name.

    A broken template is skipped with a warning so one bad file never hides the others.
    """
    by_name: dict[str, TemplateSpec] = {}
    for spec in _specs_in(paths.BUILTIN_TEMPLATES, warn, builtin=True):
        by_name[spec.name] = spec
    for spec in _specs_in(paths.user_templates_dir(), warn, builtin=False):
        if spec.name in by_name:
            logger.info("user template %s replaces the built-in one", spec.name)
        by_name[spec.name] = spec
    return list(by_name.values())


def find_template(name: str, warn: WarningSink = log_warning) -> TemplateSpec:
    """The template called ``name``, the user's before the built-in one.

    ``name`` may also be a path to a template's ``.yaml`` (or ``.docx``) anywhere.

    A template that exists but is broken raises its own :class:`TemplateError` (naming the file
    and key); a name that matches nothing raises one listing the available templates.
    """
    wanted = name.strip()
    as_path = Path(wanted).expanduser()
    if as_path.suffix.lower() in _PATH_SUFFIXES and (len(as_path.parts) > 1
                                                     or as_path.exists()):
        # A path to a template outside the template folders (handy on the command line),
        # relative to the current folder or absolute.
        return _template_at(as_path.absolute(), warn)
    if wanted.lower().endswith(_PATH_SUFFIXES):
        wanted = wanted.rsplit(".", 1)[0]
    if wanted and "/" not in wanted and "\\" not in wanted:
        for folder, builtin in ((paths.user_templates_dir(), False),
                                (paths.BUILTIN_TEMPLATES, True)):
            yaml_path = folder / f"{wanted}.yaml"
            if yaml_path.is_file():
                return load_template_spec(yaml_path, warn, builtin=builtin)
        for folder in (paths.user_templates_dir(), paths.BUILTIN_TEMPLATES):
            for suffix in WORD_SUFFIXES + MACRO_SUFFIXES:
                if (folder / f"{wanted}{suffix}").is_file():
                    raise _no_description(folder / f"{wanted}{suffix}")
    names = [spec.name for spec in list_templates(warn)]
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
    guess = f"Did you mean {close[0]!r}? " if close else ""
    raise TemplateError(None, f"no template called {name!r}",
                        hint=f"{guess}Available templates: {', '.join(names) or 'none'}. "
                             f"Add your own in {paths.user_templates_dir()}")


def _template_at(path: Path, warn: WarningSink) -> TemplateSpec:
    """The template whose ``.yaml`` or Word file is at ``path``."""
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise macro_refusal(path)
    yaml_path = path.with_suffix(".yaml")
    if path.suffix.lower() in WORD_SUFFIXES and path.is_file() and not yaml_path.exists():
        raise _no_description(path)
    spec = load_template_spec(yaml_path, warn)
    if path.suffix.lower() in WORD_SUFFIXES and path.is_file():
        return replace(spec, docx_path=path)
    return spec


def builtin_template(name: str = DEFAULT_TEMPLATE) -> TemplateSpec:
    """A template shipped with Briefing, ignoring user overrides (the source of fallback styles)."""
    return load_template_spec(paths.BUILTIN_TEMPLATES / f"{name}.yaml", builtin=True)

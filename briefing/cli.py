"""The command line: ``briefing VERB ...`` (same as ``python main.py VERB ...``).

With no verb, ``briefing [OUTLINE.yaml]`` starts the desktop app. Every user error is one line on
stderr naming the file, the place and what to do, with a non-zero exit; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefing import __version__
from briefing.core.errors import BriefingError
from briefing.terminal_text import terminal_safe

if TYPE_CHECKING:
    from briefing.core.export.document import BriefingDocument
    from briefing.core.importers import ImportOverrides
    from briefing.core.model import Article

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

VERBS = ("import", "show", "validate", "export", "templates")

log = logging.getLogger(__name__)


def _say(text: str, *, lines: bool = False) -> None:
    """Print ``text`` on stdout; what came from a file cannot steer the terminal."""
    print(terminal_safe(text, keep_newlines=lines))


def _complain(text: str) -> None:
    """Print one line on stderr, made as safe as :func:`_say` makes stdout."""
    print(terminal_safe(text), file=sys.stderr)


def _warn(message: str) -> None:
    _complain(f"warning: {message}")


class _TerminalSafeFormatter(logging.Formatter):
    """Log lines on stderr go through :func:`terminal_safe` like every other message."""

    def format(self, record: logging.LogRecord) -> str:
        return terminal_safe(super().format(record), keep_newlines=True)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn source articles into a structured outline and a briefing note. "
                    "With no command, 'briefing [OUTLINE.yaml]' opens the desktop app.")
    parser.add_argument("--version", action="version", version=f"Briefing {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")

    imp = verbs.add_parser("import", help="import articles into an outline file",
                           description="Import articles (.txt, .md, .html, .docx, or a web "
                                       "address) into an outline; several become several "
                                       "articles of one outline.")
    imp.add_argument("files", nargs="+", metavar="FILE",
                     help="articles to import: .txt, .md, .html or .docx files, folders "
                          "of them (top level only), or https:// addresses")
    imp.add_argument("-o", "--output", type=Path, required=True, metavar="OUTLINE.yaml",
                     help="the outline file to write (its name ends in .yaml)")
    imp.add_argument("--append", action="store_true",
                     help="add the articles to the existing outline instead of replacing it")
    imp.add_argument("--duplicate", choices=("replace", "keep-both", "skip"),
                     help="what to do with an article the outline already has (same url, or "
                          "same title and source); without it, such an import is refused")
    imp.add_argument("--force", action="store_true",
                     help="replace the outline file even if it is read-only")
    imp.add_argument("--outline-title", metavar="TEXT", help="title of the whole outline")
    for field in ("title", "author", "publisher", "date", "url"):
        example = " (e.g. 2024-10-01 or '1 October 2024')" if field == "date" else ""
        imp.add_argument(f"--{field}", metavar="TEXT",
                         help=f"use this {field} for the imported article"
                              f"{'' if field in ('title', 'url') else '(s)'}{example}")

    show = verbs.add_parser("show", help="print an outline's tree with picks and notes")
    show.add_argument("outline", type=Path, metavar="OUTLINE.yaml")

    validate = verbs.add_parser("validate", help="check an outline file and list every problem")
    validate.add_argument("outline", type=Path, metavar="OUTLINE.yaml")

    export = verbs.add_parser("export", help="export the briefing note (.docx, .md, .html, .pdf)")
    export.add_argument("outline", type=Path, metavar="OUTLINE.yaml")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="NOTE.docx",
                        help="output file; its extension picks the format")
    export.add_argument("-t", "--template", metavar="NAME",
                        help="template name (see 'briefing templates'); default: the outline's")
    export.add_argument("--classification", metavar="MARKING",
                        help="security classification marking, e.g. OFFICIAL")
    export.add_argument("--open", action="store_true", help="open the result when done")
    export.add_argument("--force", action="store_true",
                        help="replace the output file even if it is read-only")

    templates = verbs.add_parser("templates", help="list the available briefing templates, "
                                 "or check one (--check)")
    templates.add_argument("--check", metavar="NAME|PATH",
                           help="open the template and report everything that would go wrong "
                                "at export")
    return parser


def _cmd_import(args: argparse.Namespace) -> int:
    from briefing.core.duplicates import add_without_duplicates
    from briefing.core.importers import ImportOverrides
    from briefing.core.importers.web import looks_like_web_address
    from briefing.core.model import Outline
    from briefing.core.outline_file import load_outline, save_outline

    _check_import_output(args.output, [Path(name) for name in args.files
                                       if not looks_like_web_address(name)])
    overrides = ImportOverrides(title=args.title, author=args.author, publisher=args.publisher,
                                date=args.date, url=args.url)
    from briefing.core.file_state import stamp_file

    appending = args.append and args.output.exists()
    stamp = stamp_file(args.output) if appending else None
    outline = load_outline(args.output, warn=_warn) if appending else Outline()
    names = _open_folders(_without_page_folders(args.files))
    _check_one_article_overrides(args, len(names))
    imported = _import_all(names, overrides, args.output)
    articles = [article for _, article in imported]
    added = add_without_duplicates(outline, imported, args.duplicate, str(args.output), warn=_warn)
    if args.outline_title:
        outline.title = args.outline_title
    elif not outline.title and outline.articles:
        outline.title = outline.articles[0].title
    with _force_hint():
        save_outline(outline, args.output, force=args.force, expected=stamp)
    sections = sum(1 for _ in (s for a in articles for s in a.walk()))
    done = f"{len(articles)} article(s) imported"
    if added.replaced or added.skipped:
        done += f" ({added.replaced} replaced, {added.skipped} skipped as already there)"
    _say(f"{args.output}: {done}, {sections} sections; "
         f"{len(outline.articles)} article(s) in the outline")
    return EXIT_OK


def _check_one_article_overrides(args: argparse.Namespace, count: int) -> None:
    """Refuse ``--title`` or ``--url`` with several articles: each names one article, and
    given to all of them they would make them look like one article imported several times."""
    given = [f"--{name}" for name in ("title", "url") if getattr(args, name) is not None]
    if given and count > 1:
        raise BriefingError(None, f"{' and '.join(given)} name{'s' if len(given) == 1 else ''} "
                            f"one article, but {count} were given",
                            hint="Import them one at a time (with --append) to give each its "
                                 "own")


def _without_page_folders(names: Sequence[str]) -> list[str]:
    """The names given, without the folder of a saved page given beside it (``page_files``)."""
    from briefing.core.importers import without_page_folders
    from briefing.core.importers.web import looks_like_web_address

    given = [Path(name) for name in names if not looks_like_web_address(name)]
    dropped = set(given) - set(without_page_folders(given))
    return [name for name in names if looks_like_web_address(name) or Path(name) not in dropped]


def _open_folders(names: Sequence[str]) -> list[str | BriefingError]:
    """The names given, each folder replaced by its articles (its other files are named in a
    warning), or by its error when it has nothing to import."""
    from briefing.core.import_folders import files_in_folders
    from briefing.core.importers.web import looks_like_web_address

    opened: list[str | BriefingError] = []
    for name in names:
        if looks_like_web_address(name) or not Path(name).is_dir():
            opened.append(name)
            continue
        found = files_in_folders([Path(name)])
        opened.extend(str(path) for path in found.files)
        opened.extend(found.errors)
        for message in found.left_out_messages():
            _warn(message)
    return opened


def _import_all(names: Sequence[str | BriefingError], overrides: ImportOverrides,
                output: Path) -> list[tuple[str, Article]]:
    """Every article, imported before anything is written: one bad file (or a folder with
    nothing to import, given as its error) leaves the output untouched. Each file that cannot be
    imported is named on its own line; when several files were given, the last line also says
    that none was imported."""
    imported: list[tuple[str, Article]] = []
    errors: list[BriefingError] = []
    for name in names:
        if isinstance(name, BriefingError):
            errors.append(name)
            continue
        try:
            imported.append((name, _import_one(name, overrides)))
        except BriefingError as failure:
            errors.append(failure)
    if not errors:
        return imported
    if len(names) == 1:
        raise errors[0]
    for error in errors[:-1]:
        _complain(f"briefing: error: {error}")
    last = errors[-1]
    state = "left as it was" if output.exists() else "not written"
    summary = (f"nothing imported: {len(errors)} of {len(names)} files could not be imported, "
               f"so {output} was {state}")
    hint = f"{last.hint.rstrip('.')} ({summary})" if last.hint else summary.capitalize()
    raise BriefingError(last.path or None, last.problem, place=last.place, hint=hint)


def _import_one(name: str, overrides: ImportOverrides) -> Article:
    """The article in a file, or at a web address (fetched with the app's limits)."""
    from briefing.core.errors import ArticleImportError
    from briefing.core.importers import apply_overrides, import_article
    from briefing.core.importers.web import (
        import_web_address,
        looks_like_address_without_scheme,
        looks_like_web_address,
    )

    if looks_like_web_address(name):
        article = import_web_address(name)
        apply_overrides(article, overrides)
        return article
    if looks_like_address_without_scheme(name) and not Path(name).exists():
        raise ArticleImportError(name, "no such file, and not a web address either (it has "
                                 "no https://)", hint=f"To fetch the page, give "
                                 f"https://{name.strip()}; for a file, check the name and "
                                 "the folder")
    return import_article(Path(name), overrides, warn=_warn)


OUTLINE_SUFFIXES = (".yaml", ".yml")


def _check_import_output(output: Path, sources: Sequence[Path]) -> None:
    """Refuse an output that would replace something other than an outline file.

    A slip such as ``-o article.txt`` or ``-o note.docx`` would otherwise overwrite an article or
    a Word file with YAML.
    """
    from briefing.core.errors import OutlineFormatError

    if output.suffix.lower() not in OUTLINE_SUFFIXES:
        raise OutlineFormatError(output, "is not an outline file name (those end in .yaml)",
                                 hint=f"Give -o a name such as {output.stem or 'outline'}.yaml")
    for source in sources:
        if output.exists() and source.exists() and output.samefile(source):
            raise OutlineFormatError(output, "is both an article to import and the output",
                                     hint="Give -o another file name")


@contextlib.contextmanager
def _force_hint() -> Iterator[None]:
    """A read-only output: say how to replace it anyway from the command line."""
    from briefing.core.file_state import FileReadOnlyError

    try:
        yield
    except FileReadOnlyError as error:
        raise FileReadOnlyError(error.path, hint="Give --force to replace it anyway, or "
                                "choose another name") from None


def _cmd_show(args: argparse.Namespace) -> int:
    from briefing.core.outline_file import load_outline
    from briefing.core.outline_summary import describe_outline

    _say(describe_outline(load_outline(args.outline, warn=_warn)), lines=True)
    return EXIT_OK


MAX_LISTED_ERRORS = 50
"""``validate`` lists at most this many errors, then says how many more there are."""


def _cmd_validate(args: argparse.Namespace) -> int:
    from briefing.core.outline_file import check_outline_file

    check = check_outline_file(args.outline)
    for message in check.warnings:
        _warn(message)
    for message in check.errors[:MAX_LISTED_ERRORS]:
        _complain(f"briefing: error: {message}")
    if len(check.errors) > MAX_LISTED_ERRORS:
        _complain(f"briefing: error: {args.outline}: {len(check.errors) - MAX_LISTED_ERRORS} "
                  "more problem(s) not listed. Fix these first, then validate again")
    if check.outline is None:
        return EXIT_ERROR
    outline = check.outline
    sections = sum(1 for _ in outline.walk())
    warnings = len(check.warnings)
    _say(f"{args.outline}: valid ({len(outline.articles)} articles, {sections} sections, "
         f"{len(outline.picked_in_order())} picked"
         f"{f', {warnings} warning(s)' if warnings else ''})")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from briefing.core.export.api import export_briefing
    from briefing.core.export.page_fit import format_fit
    from briefing.core.outline_file import load_outline

    outline = load_outline(args.outline, warn=_warn)
    with _force_hint():
        result = export_briefing(outline, args.output, template=args.template,
                                 classification=args.classification, warn=_warn,
                                 source=args.outline, force=args.force,
                                 pdf_writer=_write_pdf)
    fit = format_fit(result.pages_estimate, result.page_budget)
    how = {"LibreOffice": "; laid out by LibreOffice like the Word note",
           "Qt": "; a simplified layout, as LibreOffice is not installed or is turned off"
                 }.get(result.pdf_made_by, "")
    _say(f"{result.path}: written (about {fit}{how})")
    if args.open:
        open_with_default_app(result.path)
    return EXIT_OK


def _write_pdf(doc: BriefingDocument, path: Path) -> int:
    """The Qt-based PDF writer, loaded only when a PDF is asked for (Qt is slow to load)."""
    from briefing.gui.pdf_export import write_pdf

    return write_pdf(doc, path)


def _cmd_templates(args: argparse.Namespace) -> int:
    from briefing.core.paths import BUILTIN_TEMPLATES, user_templates_dir
    from briefing.core.templates import list_templates

    if args.check:
        return _check_template(args.check)
    from briefing.core.export.template_check import word_file_problem

    for spec in list_templates(warn=_warn):
        problem = word_file_problem(spec)
        if problem is not None:
            _warn(f"{problem} (check it with: briefing templates --check {spec.name})")
        if spec.page_budget:
            budget = f"{spec.page_budget:g} page{'' if spec.page_budget == 1 else 's'}"
        else:
            budget = "no page budget"
        _say(f"{spec.name:<18} {spec.title} — {spec.description} [{budget}]")
    _say(f"\nBuilt-in templates are in: {BUILTIN_TEMPLATES}", lines=True)
    _say(f"Your own templates go in: {user_templates_dir()}")
    return EXIT_OK


def _check_template(name: str) -> int:
    """``templates --check``: every problem on its own line; exit 1 when the export would fail."""
    from briefing.core.export.template_check import check_template

    check = check_template(name)
    for error in check.errors:
        _complain(f"briefing: error: {error}")
    for warning in check.warnings:
        _warn(str(warning))
    label = str(check.spec.docx_path) if check.spec else name
    if check.errors:
        _complain(f"briefing: {label}: {len(check.errors)} problem(s) that would go wrong at "
                  "export. Fix them, then check again")
        return EXIT_ERROR
    warnings = len(check.warnings)
    _say(f"{label}: ready to use"
         f"{f' ({warnings} warning(s))' if warnings else ''}")
    return EXIT_OK


def open_with_default_app(path: Path) -> None:
    """Open ``path`` with the desktop's default application; warn (never fail) if it cannot."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(path)  # type: ignore[attr-defined,unused-ignore]
        else:
            opener = "open" if sys.platform == "darwin" else "xdg-open"
            subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        _warn(f"{path}: could not be opened ({exc.strerror or exc}); open it yourself")


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": _cmd_import,
    "show": _cmd_show,
    "validate": _cmd_validate,
    "export": _cmd_export,
    "templates": _cmd_templates,
}


def _has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run_app(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="briefing", add_help=False)
    parser.add_argument("outline", nargs="?", type=Path)
    args, _unknown = parser.parse_known_args(argv)
    if not _has_display():
        print("briefing: error: no display found, so the desktop app cannot open. "
              "Run it in a desktop session, or use a command such as "
              "'briefing show OUTLINE.yaml' (see 'briefing --help')", file=sys.stderr)
        return EXIT_USAGE
    from briefing.core.early_parse import start_early_parse

    early = start_early_parse(args.outline, stream=True)  # a large file parses while Qt loads
    from briefing.gui.app import run_app

    return run_app(args.outline, early)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command, or the app when there is none; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    handler = logging.StreamHandler()
    handler.setFormatter(_TerminalSafeFormatter("%(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    # trafilatura logs its own warnings for pages we then report as a clear error.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    if not argv or (argv[0] not in VERBS and not argv[0].startswith("-")):
        return _run_app(argv)
    args = _build_parser().parse_args(argv)
    if args.verb is None:
        _build_parser().print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.verb](args)
    except BriefingError as exc:
        _complain(f"briefing: error: {exc}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``briefing show big.yaml | head``): stop quietly,
        # and keep Python from failing again when it flushes stdout on exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_ERROR

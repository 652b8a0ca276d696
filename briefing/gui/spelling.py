"""Spell checking in the window: the checker, its language per outline, its menu and fields.

Usage::

    spelling = Spelling(document, settings, window)
    spelling.attach(note_editor.editor)        # underlines and right-click suggestions
    view_menu.addActions([spelling.check_action, spelling.language_menu.menuAction()])

The language is chosen per outline file and kept in the app's settings (not in the outline, so
the outline format does not change); an outline without a choice uses the system's language
when a word list for it is installed, else English. The word list loads on a background
thread (it takes a second or more); until it has loaded nothing is underlined. While spell
checking is off, no list is loaded.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from briefing.core.model import Outline
from briefing.core.spelling import (
    Dictionary,
    PersonalWords,
    PersonalWordsError,
    SpellCheck,
    available_languages,
    default_language,
    language_name,
    load_dictionary,
    outline_texts,
    words_of,
)
from briefing.gui import input_pause
from briefing.gui.document import Document
from briefing.gui.note_menu import NoteMenu
from briefing.gui.settings import AppSettings
from briefing.gui.spell_highlighter import (
    SpellHighlighter,
    put_first,
    spelling_menu_actions,
    word_actions,
)
from briefing.gui.spell_line_edit import SpellLineEdit

logger = logging.getLogger(__name__)

WORK_S = 0.002
REST_S = 0.008
"""Background work (a word list loading, an outline's words gathered) runs in spells of
:data:`WORK_S` with rests of this long in between, so the window stays quick while it runs."""
GATHER_HERE_LIMIT = 500_000
"""Characters of article text whose words are gathered on the window's thread (well under
100 ms); a larger outline's are gathered on a thread of its own."""
GATHER_SLICE_S = 0.008
"""How long one idle slice of taking the articles' texts (for their words) may hold the
window's thread: a large outline's take a few dozen slices."""
GATHER_CHUNK = 2
"""Articles whose texts are taken between two looks at the clock."""


class _Rest:
    """Makes a background thread rest :data:`REST_S` after each :data:`WORK_S` of work, so the
    window's thread has the interpreter most of the time (the work takes longer instead)."""

    def __init__(self) -> None:
        self._since = time.perf_counter()

    def __call__(self) -> None:
        if time.perf_counter() - self._since >= WORK_S:
            time.sleep(REST_S)
            self._since = time.perf_counter()


class Spelling(QObject):
    """The window's spell checker: one language at a time, shared by every checked field."""

    message = Signal(str)
    """Something the user should know (a personal word list that cannot be read or saved)."""
    language_ready = Signal(str)
    """The word list of this language has loaded and the fields are checked with it."""
    _loaded = Signal(object)
    _words_gathered = Signal(int, object)
    _failed = Signal(str)

    def __init__(self, document: Document, settings: AppSettings,
                 parent: QObject | None = None, *, personal: PersonalWords | None = None,
                 locale_name: str | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._settings = settings
        self._default = default_language(locale_name)
        self._language = ""
        self._highlighters: list[tuple[SpellHighlighter, QPlainTextEdit]] = []
        self._lines: list[SpellLineEdit] = []
        self._loading: set[str] = set()
        self._jobs: deque[Callable[[], None]] = deque()
        self._jobs_lock = threading.Lock()
        self._working = False
        self.checker = SpellCheck(personal or PersonalWords())
        try:
            self.checker.personal.load()
        except PersonalWordsError as error:
            logger.warning("%s", error)
            problem = error.message()
            QTimer.singleShot(0, lambda: self.message.emit(problem))
        self._loaded.connect(self._use_dictionary, Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._gather_timer = QTimer(self)
        self._gather_timer.setSingleShot(True)
        self._gather_timer.setInterval(0)
        self._gather_timer.timeout.connect(self._gather_outline_words)
        self._gathered_for = -1
        """The outline generation whose texts are being taken (-1: none)."""
        self._gathered_texts: list[str] = []
        self._gathered_articles = 0

        self.check_action = QAction("Check Spe&lling", self)
        self.check_action.setCheckable(True)
        self.check_action.setChecked(settings.spell_check)
        self.check_action.setStatusTip("Underline misspelt words in the note and the "
                                       "briefing's text fields")
        self.check_action.toggled.connect(self.set_enabled)
        self.language_menu = QMenu("Spelling Lan&guage")
        self._language_group = QActionGroup(self)
        self._language_actions: dict[str, QAction] = {}
        for code in sorted(available_languages(), key=language_name):
            action = QAction(language_name(code), self._language_group)
            action.setCheckable(True)
            action.setStatusTip(f"Check this outline's spelling in {language_name(code)}")
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))
            self.language_menu.addAction(action)
            self._language_actions[code] = action

        self._outline_generation = self._words_generation = 0
        self._words_gathered.connect(self._use_outline_words, Qt.ConnectionType.QueuedConnection)
        document.outline_replaced.connect(self._on_outline_replaced)
        for signal in (document.articles_inserted, document.articles_removed):
            signal.connect(lambda *_args: self._outline_text_changed())
        document.article_changed.connect(lambda _row: self._outline_text_changed())
        document.sections_changed.connect(lambda _step: self._outline_text_changed())
        document.path_changed.connect(self._remember_language)
        self.set_language(self._stored_language())  # the word list first, then the names
        self._outline_text_changed()

    # ------------------------------------------------------------------ state

    @property
    def enabled(self) -> bool:
        return self.check_action.isChecked()

    def set_enabled(self, enabled: bool) -> None:
        """Show or hide the underlines (remembered for next time)."""
        self.check_action.setChecked(enabled)
        self._settings.spell_check = enabled
        if enabled and not self.is_ready():
            self._start_loading()
        if enabled and not self.has_outline_words():
            self._outline_text_changed()
        self.rehighlight()

    @property
    def language(self) -> str:
        return self._language

    def is_ready(self) -> bool:
        """Whether the current language's word list has loaded."""
        dictionary = self.checker.dictionary
        return dictionary is not None and dictionary.language == self._language

    def set_language(self, code: str) -> None:
        """Check this outline in ``code`` (remembered for its file); loads the word list."""
        if code not in self._language_actions:
            code = self._default if self._default in self._language_actions else \
                next(iter(self._language_actions), "")
        self._language = code
        if code in self._language_actions:
            self._language_actions[code].setChecked(True)
        self._remember_language()
        if code and not self.is_ready():
            self.checker.set_dictionary(None)
            self.rehighlight()
            if self.enabled:
                self._start_loading()

    def _start_loading(self) -> None:
        """Load the word list on a thread of its own (unless it is loading already)."""
        code = self._language
        if not code or code in self._loading:
            return
        self._loading.add(code)
        self._in_background(lambda: self._load(code))

    def _in_background(self, job: Callable[[], None]) -> None:
        """Run ``job`` on the spelling thread, after the jobs before it: one at a time, so two
        never compete with the window's thread at once. The thread ends when it runs out.

        A new thread starts from the event loop, not at once: what the window's thread is in
        the middle of (building the window and opening a large outline at start) finishes
        first, instead of taking turns with the word list loading."""
        with self._jobs_lock:
            self._jobs.append(job)
            if self._working:
                return
            self._working = True
        QTimer.singleShot(0, self, self._start_thread)

    def _start_thread(self) -> None:
        threading.Thread(target=self._work, name="spelling", daemon=True).start()

    def _work(self) -> None:
        while True:
            with self._jobs_lock:
                if not self._jobs:
                    self._working = False
                    return
                job = self._jobs.popleft()
            job()

    def _load(self, code: str) -> None:
        try:
            dictionary = load_dictionary(code, _Rest())
        except Exception:  # a damaged install: checking stays off, the app goes on
            logger.exception("the %s word list could not be loaded", code)
            with contextlib.suppress(RuntimeError):
                self._failed.emit(code)
            return
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._loaded.emit(dictionary)

    def _on_failed(self, code: str) -> None:
        self.message.emit(f"The {language_name(code)} word list could not be loaded, so "
                          "nothing is underlined: reinstall Briefing, or choose another "
                          "spelling language (the log file has the details)")

    def _use_dictionary(self, dictionary: Dictionary) -> None:
        self._loading.discard(dictionary.language)
        if dictionary.language != self._language:
            return  # another language was chosen while this one loaded
        self.checker.set_dictionary(dictionary)
        self.rehighlight()
        self.language_ready.emit(dictionary.language)

    def _stored_language(self) -> str:
        path = self._document.path
        return (self._settings.spelling_language(path) if path is not None else "") \
            or self._default

    def _remember_language(self) -> None:
        path = self._document.path
        if path is not None and self._language:
            self._settings.set_spelling_language(path, self._language)

    def _on_outline_replaced(self) -> None:
        self._outline_text_changed()
        wanted = self._stored_language()
        if wanted != self._language:
            self.set_language(wanted)

    def _outline_text_changed(self) -> None:
        """Gather the outline's own words soon (not at all while checking is off).

        Soon, not now: the edit that changed them (an import of many articles) ends first,
        and several changes in a row are gathered once.
        """
        self._outline_generation += 1
        if self.enabled:
            self._gather_timer.start()

    def _gather_outline_words(self) -> None:
        """Gather the outline's own words: their texts taken in idle slices of
        :data:`GATHER_SLICE_S` (started over when the outline changes meanwhile), then the
        words here when few, else on a thread of their own."""
        if not self.enabled:
            self._gathered_for = -1
            return
        if input_pause.waits_for_typing(self._gather_timer):
            return
        if self._gathered_for != self._outline_generation:
            self._gathered_for = self._outline_generation
            self._gathered_texts, self._gathered_articles = [], 0
        articles = self._document.outline.articles
        deadline = time.perf_counter() + GATHER_SLICE_S
        while self._gathered_articles < len(articles):
            chunk = articles[self._gathered_articles:self._gathered_articles + GATHER_CHUNK]
            self._gathered_texts += outline_texts(Outline(articles=chunk))
            self._gathered_articles += len(chunk)
            if time.perf_counter() > deadline and self._gathered_articles < len(articles):
                self._gather_timer.start()  # the rest in the next idle slice
                return
        texts, self._gathered_texts, self._gathered_for = self._gathered_texts, [], -1
        if sum(map(len, texts)) <= GATHER_HERE_LIMIT:
            self._use_outline_words(self._outline_generation, words_of(texts))
            return
        generation = self._outline_generation
        self._in_background(lambda: self._gather(generation, texts))

    def _gather(self, generation: int, texts: list[str]) -> None:
        words = words_of(texts, _Rest())
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._words_gathered.emit(generation, words)

    def _use_outline_words(self, generation: int, words: set[str]) -> None:
        if generation != self._outline_generation:
            return  # the outline changed again while these were gathered
        self._words_generation = generation
        self.checker.set_outline_words(words)
        self.rehighlight()

    def has_outline_words(self) -> bool:
        """Whether the words of the outline as it is now are known to the checker."""
        return self._words_generation == self._outline_generation

    # ------------------------------------------------------------------ fields

    def attach(self, editor: QPlainTextEdit, menu: NoteMenu | None = None) -> SpellHighlighter:
        """Underline misspelt words in ``editor`` and offer suggestions on right-click: first
        in ``menu`` (the note editor's own), or else in the editor's standard menu."""
        highlighter = SpellHighlighter(editor, self.checker, lambda: self.enabled)
        self._highlighters.append((highlighter, editor))
        if menu is not None:
            menu.providers.append(lambda editor, pos: self.menu_actions(editor, pos, None))
            return highlighter
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(
            lambda pos, editor=editor: self.context_menu(editor, pos).exec(
                editor.viewport().mapToGlobal(pos)))
        return highlighter

    def attach_line(self, line: SpellLineEdit) -> None:
        """Underline misspelt words in the one-line field ``line`` too, with the same entries
        first in its right-click menu."""
        line.check_with(self.checker, lambda: self.enabled, self._word_actions)
        self._lines.append(line)

    def _word_actions(self, word: str, replace: Callable[[str], None],
                      parent: QObject) -> list[QAction]:
        return word_actions(word, self.checker, parent=parent, replace=replace,
                            add_word=self.add_word, ignore_word=self.ignore_word)

    def highlighter(self, editor: QPlainTextEdit) -> SpellHighlighter | None:
        """The highlighter underlining ``editor``'s misspelt words, if it is checked."""
        return next((mine for mine, field in self._highlighters if field is editor), None)

    def rehighlight(self) -> None:
        """Check every field again (after the word list, the outline or a choice changed)."""
        # Qt reports new underlines as a change of the text: the fields must not take them for
        # an edit (a note editor would write its note back, even to a section just removed).
        for highlighter, editor in self._highlighters:
            blocked = editor.blockSignals(True)
            try:
                highlighter.rehighlight()
            finally:
                editor.blockSignals(blocked)
        for line in self._lines:
            line.update()

    def menu_actions(self, editor: QPlainTextEdit, pos: QPoint,
                     parent: QObject | None) -> list[QAction]:
        """The spelling entries for the word at ``pos`` (viewport coordinates), for any menu."""
        if not self.enabled:
            return []
        return spelling_menu_actions(editor, pos, self.checker, parent=parent,
                                     add_word=self.add_word, ignore_word=self.ignore_word)

    def context_menu(self, editor: QPlainTextEdit, pos: QPoint) -> QMenu:
        """The editor's standard menu with the spelling entries first."""
        menu = editor.createStandardContextMenu(editor.viewport().mapToGlobal(pos))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        put_first(menu, self.menu_actions(editor, pos, menu))
        return menu

    def add_word(self, word: str) -> None:
        """Accept ``word`` from now on, in the personal word list."""
        try:
            self.checker.add_to_personal(word)
        except PersonalWordsError as error:
            logger.warning("%s", error)
            self.message.emit(error.message())
        self.rehighlight()

    def ignore_word(self, word: str) -> None:
        """Accept ``word`` until the app closes."""
        self.checker.ignore(word)
        self.rehighlight()

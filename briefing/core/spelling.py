"""Spell checking: which words of a text are misspelt, and what to offer instead.

pyspellchecker ships its word lists inside the wheel, so checking works on a fresh machine from
pip alone on every platform (no system library). A word is accepted when it is

- in the language's word list (case-insensitive; a possessive ``'s`` is looked up without it),
- in the user's personal word list (:class:`PersonalWords`, a text file in the data folder),
- ignored for this session,
- one of the outline's own words (titles, headings and text of its articles: names, places
  and acronyms the source uses are never flagged, see :func:`outline_words`),
- a single letter, written in capitals throughout (an acronym) or with a capital inside
  (``iPhone``, ``McAllister``): like a word processor, those are left alone.

Links, e-mail addresses and inline code in a Markdown note are skipped. Each word's answer is
cached, so checking a changed line costs a dictionary lookup per new word.

Loading a language's list takes a second or more (it is a compressed JSON file of about
150,000 words): :func:`load_dictionary` is meant to run off the UI thread and keeps what it
loaded for the rest of the process.
"""

from __future__ import annotations

import difflib
import gzip
import json
import locale
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from briefing.core import paths
from briefing.core.atomic import write_atomic
from briefing.core.errors import BriefingError
from briefing.core.model import Outline
from briefing.core.pauses import Pause

logger = logging.getLogger(__name__)

LANGUAGE_NAMES = {"ar": "Arabic", "de": "German", "en": "English", "es": "Spanish",
                  "eu": "Basque", "fa": "Persian", "fr": "French", "it": "Italian",
                  "lv": "Latvian", "nl": "Dutch", "pt": "Portuguese", "ru": "Russian"}
"""Names of the languages pyspellchecker may ship; :func:`available_languages` says which do."""
FALLBACK_LANGUAGE = "en"
PERSONAL_FILE_NAME = "dictionary.txt"
SUGGESTION_LIMIT = 7
_LENGTH_SLACK = 2
_SIMILARITY = 0.75
"""How alike (difflib's ratio) a word further than one edit away must be to be suggested."""

_LINES_PER_PIECE = 500
_PIECES_AT_ONCE = 2000

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SKIPPED = re.compile(r"(?:https?://|mailto:|www\.)\S+|\S+@\S+\.\w+|`[^`\n]*`|\]\([^)\s]*\)")
"""Spans never checked: links, e-mail addresses, inline code and a Markdown link's target."""


class PersonalWordsError(BriefingError):
    """The personal word list cannot be read or written."""


def words_in(text: str) -> Iterator[tuple[int, str]]:
    """Each word of ``text`` with its start, outside links, addresses and inline code."""
    skipped = [match.span() for match in _SKIPPED.finditer(text)] if (
        "/" in text or "@" in text or "`" in text or "](" in text) else []
    for match in _WORD.finditer(text):
        start = match.start()
        if skipped and any(begin <= start < end for begin, end in skipped):
            continue
        yield start, match.group()


def _key(word: str) -> str:
    return word.replace("’", "'").lower()


def _left_alone(word: str) -> bool:
    """Single letters, acronyms (NATO) and words with a capital inside (iPhone)."""
    return len(word) < 2 or word.isupper() or any(letter.isupper() for letter in word[1:])


def available_languages() -> list[str]:
    """The language codes whose word lists are installed, e.g. ``["de", "en", "es", ...]``."""
    return sorted(path.name.split(".")[0] for path in _resources().glob("*.json.gz"))


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def default_language(locale_name: str | None = None) -> str:
    """The language of ``locale_name`` (``de_DE``, ``fr-CA``; default: the system's) if a word
    list for it is installed, else English."""
    if locale_name is None:
        locale_name = locale.getlocale()[0] or ""
    code = re.split(r"[_.@-]", locale_name or "", maxsplit=1)[0].lower()
    return code if code in available_languages() else FALLBACK_LANGUAGE


class Dictionary:
    """One language's word list (from pyspellchecker's wheel), with suggestions."""

    def __init__(self, language: str, words: dict[str, int]) -> None:
        self.language = language
        self._words = words
        self._letters = ""
        self._by_initial: dict[str, list[str]] = {}
        """Filled when first needed (a first right-click), not while the list loads."""

    @classmethod
    def load(cls, language: str, pause: Pause | None = None) -> Dictionary:
        """Read the language's list a few hundred lines at a time, calling ``pause`` in between
        when given (one ``json.loads`` of the whole list would hold Python's lock for half a
        second). The lists hold one ``"word": frequency`` a line; another layout is read whole.
        """
        path = _resources() / f"{language}.json.gz"
        words: dict[str, int] = {}
        batch: list[str] = []
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            for line in stream:
                entry = line.strip().rstrip(",")
                if entry in ("{", "}", ""):
                    continue
                if not entry.startswith('"') or entry.endswith("}"):
                    whole = json.loads(gzip.decompress(path.read_bytes()))
                    return cls(language, _merge({}, [whole]))
                batch.append(entry)
                if len(batch) >= _LINES_PER_PIECE:
                    _merge(words, [json.loads("{" + ",".join(batch) + "}")])
                    batch = []
                    if pause is not None:
                        pause()
        _merge(words, [json.loads("{" + ",".join(batch) + "}")])
        return cls(language, words)

    def knows(self, word: str) -> bool:
        key = _key(word)
        if key in self._words:
            return True
        return key.endswith("'s") and key[:-2] in self._words

    def suggestions(self, word: str, limit: int = SUGGESTION_LIMIT) -> list[str]:
        """The likeliest corrections, in the word's own capitalisation: words one edit away
        (a letter left out, added, changed or two swapped), most frequent first, then words
        that look alike."""
        key = _key(word)
        if not self._letters:
            self._letters = "".join(sorted(set().union(*self._words)))
        near = {item for item in _one_edit(key, self._letters) if item in self._words} - {key}
        ranked = sorted(near, key=lambda item: (-self._words[item], item))
        if len(ranked) < limit:
            ranked += [item for item in self._similar(key, limit) if item not in near]
        ranked = ranked[:limit]
        if word[:1].isupper():
            ranked = [item[:1].upper() + item[1:] for item in ranked]
        return ranked

    def _similar(self, key: str, limit: int) -> list[str]:
        """Words more than one edit away that look alike: the same first letter, about the
        same length (a search of all words two edits away takes seconds on a long word)."""
        if not self._by_initial:
            for item in self._words:
                self._by_initial.setdefault(item[:1], []).append(item)
        pool = [item for item in self._by_initial.get(key[:1], ())
                if abs(len(item) - len(key)) <= _LENGTH_SLACK and item != key]
        return difflib.get_close_matches(key, pool, n=limit, cutoff=_SIMILARITY)


def _merge(words: dict[str, int], pieces: list[dict[str, int]]) -> dict[str, int]:
    """Add the pieces' words in lower case (pyspellchecker's lists are case-insensitive too)."""
    for piece in pieces:
        for key, value in piece.items():
            lowered = key.lower()
            words[lowered] = words.get(lowered, 0) + value
    return words


def _one_edit(word: str, letters: str) -> set[str]:
    """Every string one edit from ``word``: a deletion, a swap of neighbours, a replacement
    or an insertion of one of ``letters``."""
    found: set[str] = set()
    for cut in range(len(word) + 1):
        head, tail = word[:cut], word[cut:]
        found.update(head + letter + tail for letter in letters)
        if tail:
            found.add(head + tail[1:])
            found.update(head + letter + tail[1:] for letter in letters)
        if len(tail) > 1:
            found.add(head + tail[1] + tail[0] + tail[2:])
    return found


def _resources() -> Path:
    import spellchecker

    return Path(spellchecker.__file__).parent / "resources"


_loaded: dict[str, Dictionary] = {}
_loading = threading.Lock()


def load_dictionary(language: str, pause: Pause | None = None) -> Dictionary:
    """The word list of ``language``, loaded once per process (safe from any thread)."""
    with _loading:
        if language not in _loaded:
            if language not in available_languages():
                raise ValueError(f"no word list for language {language!r}")
            _loaded[language] = Dictionary.load(language, pause)
        return _loaded[language]


def outline_texts(outline: Outline) -> list[str]:
    """The texts whose words are the outline's own: its articles' titles, sources, headings
    and text (quick: the strings themselves, not copies)."""
    texts: list[str] = []
    for article in outline.articles:
        texts += (article.title, article.standfirst, article.author, article.publisher)
        texts += (block.text for block in article.blocks)
        for section in article.walk():
            texts.append(section.heading)
            texts += (block.text for block in section.blocks)
    return texts


def words_of(texts: Iterable[str], pause: Pause | None = None) -> set[str]:
    """Every word of ``texts``, in lower case, calling ``pause`` now and then when given.

    The texts are split at spaces first and only the distinct pieces are searched for words:
    a large outline repeats most of its words, and the word pattern is the slow part.
    """
    pieces: set[str] = set()
    for text in texts:
        pieces.update(text.split())
        if pause is not None:
            pause()
    words: set[str] = set()
    distinct = list(pieces)
    for first in range(0, len(distinct), _PIECES_AT_ONCE):
        joined = " ".join(distinct[first:first + _PIECES_AT_ONCE])
        words.update(_WORD.findall(joined.replace("’", "'").lower()))
        if pause is not None:
            pause()
    return words


def outline_words(outline: Outline) -> set[str]:
    """Every word (lower case) of the outline's articles: titles, headings, text, sources."""
    return words_of(outline_texts(outline))


class PersonalWords:
    """The user's own word list: one word a line, UTF-8, in Briefing's data folder."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.user_data_dir() / PERSONAL_FILE_NAME
        self._words: dict[str, str] = {}
        self._readable = True

    def load(self) -> None:
        """Read the file (a missing one is an empty list); :class:`PersonalWordsError` when it
        cannot be read, after which :meth:`add` keeps words for this session only rather than
        overwrite the file."""
        self._words = {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as exc:
            self._readable = False
            reason = "it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) \
                else exc.strerror or str(exc)
            raise PersonalWordsError(self.path, f"the personal dictionary cannot be read "
                                     f"({reason})", hint="Fix or delete the file; words added "
                                     "now are kept until Briefing closes") from None
        self._readable = True
        for line in text.splitlines():
            word = line.strip()
            if word and not word.startswith("#"):
                self._words[_key(word)] = word

    def __contains__(self, word: str) -> bool:
        return _key(word) in self._words

    def __iter__(self) -> Iterator[str]:
        return iter(self._words.values())

    def add(self, word: str) -> None:
        """Add ``word`` and save the list (atomically); an OSError becomes a
        :class:`PersonalWordsError`, with the word still accepted for this session."""
        self._words[_key(word)] = word
        if not self._readable:
            return
        content = "".join(f"{item}\n" for item in sorted(self._words.values(), key=str.lower))
        try:
            write_atomic(self.path, content)
        except OSError as exc:
            raise PersonalWordsError(self.path, f"the word {word!r} could not be saved "
                                     f"({exc.strerror or exc})",
                                     hint="Check that the data folder can be written; the "
                                          "word is accepted until Briefing closes") from None


class SpellCheck:
    """Decides which words are misspelt, for one language and one outline at a time."""

    def __init__(self, personal: PersonalWords, dictionary: Dictionary | None = None) -> None:
        self.personal = personal
        self.dictionary = dictionary
        self._ignored: set[str] = set()
        self._outline_words: set[str] = set()
        self._cache: dict[str, bool] = {}

    def set_dictionary(self, dictionary: Dictionary | None) -> None:
        self.dictionary = dictionary
        self._cache.clear()

    def set_outline_words(self, words: set[str]) -> None:
        """Accept these words (lower case): the outline's own, see :func:`outline_words`."""
        self._outline_words = words
        self._cache.clear()

    def ignore(self, word: str) -> None:
        """Accept ``word`` until the app closes."""
        self._ignored.add(_key(word))
        self._cache.clear()

    def add_to_personal(self, word: str) -> None:
        """Accept ``word`` from now on (saved); raises :class:`PersonalWordsError` on failure."""
        self._cache.clear()
        self.personal.add(word)

    def is_misspelt(self, word: str) -> bool:
        """Whether ``word`` should be underlined (never, while no word list is loaded)."""
        answer = self._cache.get(word)
        if answer is None:
            answer = self._decide(word)
            self._cache[word] = answer
        return answer

    def _decide(self, word: str) -> bool:
        if self.dictionary is None or _left_alone(word):
            return False
        key = _key(word)
        if key in self._ignored or word in self.personal or self.dictionary.knows(word):
            return False
        return key not in self._outline_words

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of each misspelt word in ``text``."""
        return [(start, len(word)) for start, word in words_in(text) if self.is_misspelt(word)]

    def suggestions(self, word: str) -> list[str]:
        return self.dictionary.suggestions(word) if self.dictionary is not None else []

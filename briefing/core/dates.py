"""Reading a date the analyst typed, and writing a date out in words.

``read_date`` accepts ISO dates (``2025-01-20``), the numeric short form of a locale
(``20/01/2025`` in the UK, ``1/20/25`` in the US) and dates with a month name (``20 Jan 2025``,
``January 20, 2025``, ``Mon 20 January 2025``), in English or in the locale's language. It never
guesses: a numeric date is read in the locale's order, and where the locale gives no clear order
(the C locale, or a year-first locale given a year-last date) ``03/04/2025`` is refused as
ambiguous while ``20/01/2025`` (only one reading) is accepted. Anything else is refused with a
:class:`DateReadError` that says why and what to type.

The locale data (orders, month and weekday names) comes from Babel, never from the process
locale: Qt changes the process locale, and ``strptime`` then stops reading English month names.
Babel's own ``parse_date`` is not used for reading because it silently swaps day and month
when the month is out of range and does not read month names.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_date_format, get_day_names, get_month_names

from briefing.core.errors import BriefingError

WRITTEN_PATTERN = "d MMMM y"
"""The written form of a date in the app and in documents: ``13 January 2025``."""
EXAMPLE = "20 Jan 2025"
"""An input form that every locale reads the same way, offered in messages."""

_ENGLISH = "en"
_YEAR_WINDOW_AHEAD = 20
"""A two-digit year is placed at most this many years after today (and up to 80 before)."""

_ISO_LIKE = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})\.?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMERIC = re.compile(r"(\d{1,4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,4})\.?")
_TOKEN = re.compile(r"(\d+)(?:st|nd|rd|th)?\b|([^\W\d_]+)|([,./\-\s]+)|(.)", re.IGNORECASE)


class DateReadError(BriefingError):
    """Typed text that is not a date Briefing can read without guessing."""

    def __init__(self, text: str, problem: str, hint: str = "") -> None:
        self.text = text
        self.reason = problem
        """Why, without the text itself (for a message shown beside the text)."""
        super().__init__(None, f"Cannot read \u201c{text}\u201d as a date: {problem}",
                         hint=hint or f"Type the month in words ({EXAMPLE}) or the date as "
                                      "year-month-day (2025-01-20)")

    def short_message(self) -> str:
        """The reason and what to do, for a place that shows the typed text already."""
        return f"{self.reason[:1].upper()}{self.reason[1:]}. {self.hint}"


def locale_name(name: str | None) -> str | None:
    """A Babel locale name for ``name`` (``en_GB``, ``de-DE``...), or None when there is none.

    The C and POSIX locales name no country and so no order of day and month: None.
    """
    if not name or name.split(".")[0].upper() in {"C", "POSIX"}:
        return None
    try:
        return str(Locale.parse(name.split(".")[0].replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=32)
def numeric_order(locale: str | None) -> str | None:
    """``"DMY"``, ``"MDY"`` or ``"YMD"``: the order of the locale's short date form.

    None when the locale is unknown or its short form is not plainly day, month and year.
    """
    name = locale_name(locale)
    if name is None:
        return None
    pattern = re.sub(r"'[^']*'", "", get_date_format("short", locale=name).pattern)
    positions = {letter: pattern.find(letter) for letter in "dy"}
    positions["M"] = max(pattern.find("M"), pattern.find("L"))
    if min(positions.values()) < 0 or re.search(r"[ML]{3}", pattern):
        return None
    return "".join(sorted(positions, key=positions.__getitem__)).upper()


def read_date(text: str, locale: str | None = None, *,
              today: datetime.date | None = None) -> datetime.date | None:
    """The date ``text`` names, or None for blank text; :class:`DateReadError` otherwise.

    ``locale`` (``en_GB``...) decides the order of a numeric date and adds its month names to
    the English ones; ``today`` places two-digit years (default: today).
    """
    shown = " ".join(text.split())
    if not shown:
        return None
    cleaned = unicodedata.normalize("NFKC", shown)
    iso = _ISO_LIKE.fullmatch(cleaned)
    if iso:
        return _make_date(shown, int(iso[1]), int(iso[3]), int(iso[4]))
    numeric = _NUMERIC.fullmatch(cleaned)
    if numeric:
        return _read_numeric(shown, int(numeric[1]), numeric[1], int(numeric[3]),
                             int(numeric[4]), numeric[4], locale,
                             today or datetime.date.today())
    return _read_words(shown, cleaned, locale)


def written_date(value: datetime.date, locale: str | None = None) -> str:
    """``value`` in words, ``13 January 2025`` (month name in the locale's language)."""
    return format_date(value, WRITTEN_PATTERN, locale=locale_name(locale) or _ENGLISH)


def document_date(text: str, pattern: str = WRITTEN_PATTERN, language: str = _ENGLISH) -> str:
    """A stored date as a document shows it: an ISO date in the template's form, else as typed.

    The outline stores a date the analyst typed as ISO (``2025-01-13``); text it could not read
    is kept as typed, and a document shows that text unchanged rather than guessing.
    """
    stripped = text.strip()
    if not _ISO_DAY.fullmatch(stripped):
        return text
    try:
        value = datetime.date.fromisoformat(stripped)
    except ValueError:
        return text
    return format_date(value, pattern, locale=language)


def weekday_name(value: datetime.date, locale: str | None = None) -> str:
    """The day of the week of ``value`` in the locale's language (``Monday``)."""
    return format_date(value, "EEEE", locale=locale_name(locale) or _ENGLISH)


def _make_date(text: str, year: int, month: int, day: int) -> datetime.date:
    if not 1 <= month <= 12:
        raise DateReadError(text, f"there is no month {month}")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        if not 1 <= year <= 9999:
            raise DateReadError(text, f"the year {year} is out of range") from None
        month_name = format_date(datetime.date(2000, month, 1), "MMMM", locale=_ENGLISH)
        last = _days_in_month(year, month)
        raise DateReadError(text, f"{month_name} {year} has {last} days") from None


def _days_in_month(year: int, month: int) -> int:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def _full_year(digits: str, today: datetime.date) -> int:
    year = int(digits)
    if len(digits) > 2:
        return year
    year += today.year // 100 * 100
    if year > today.year + _YEAR_WINDOW_AHEAD:
        year -= 100
    elif year <= today.year + _YEAR_WINDOW_AHEAD - 100:
        year += 100
    return year


def _read_numeric(text: str, first: int, first_digits: str, second: int, third: int,
                  third_digits: str, locale: str | None, today: datetime.date,
                  ) -> datetime.date:
    """Three numbers: the year is the four-digit one, else where the locale puts it."""
    order = numeric_order(locale)
    place = f" in the {locale_name(locale)} locale" if locale_name(locale) else ""
    if len(first_digits) > 2 or (len(third_digits) <= 2 and order == "YMD"):
        if len(third_digits) > 2:
            raise DateReadError(text, "it has two years")
        return _make_date(text, _full_year(first_digits, today), second, third)
    if len(third_digits) <= 2 and order is None:
        raise DateReadError(text, "with a two-digit year the order of day, month and year "
                                  "is unclear", hint=f"Type the year in full, or {EXAMPLE}")
    year = _full_year(third_digits, today)
    if order in ("DMY", "MDY"):
        day, month = (first, second) if order == "DMY" else (second, first)
        reading = "day/month/year" if order == "DMY" else "month/day/year"
        if not 1 <= month <= 12:
            raise DateReadError(text, f"dates are read {reading}{place}, and there is no "
                                      f"month {month}")
        return _make_date(text, year, month, day)
    readings = {(month, day) for day, month in ((first, second), (second, first))
                if 1 <= month <= 12 and 1 <= day <= _days_in_month(year, month)}
    if len(readings) == 1:
        (month, day), = readings
        return datetime.date(year, month, day)
    if not readings:
        raise DateReadError(text, "neither number can be the month" if min(first, second) > 12
                            else "it is not a day of the year")
    (month_a, day_a), (month_b, day_b) = sorted(readings)
    options = " or ".join(written_date(datetime.date(year, month, day))
                          for month, day in ((month_a, day_a), (month_b, day_b)))
    raise DateReadError(text, f"it could be {options}, and the order of day and month is "
                              f"unclear{place or ' here'}")


def _read_words(text: str, cleaned: str, locale: str | None) -> datetime.date:
    """A date with a month name: ``20 Jan 2025``, ``January 20, 2025``, ``Mon 20 Jan 2025``."""
    months, weekdays = _names(locale_name(locale) or _ENGLISH)
    numbers: list[str] = []
    words: list[str] = []
    for match in _TOKEN.finditer(cleaned):
        digits, word, _separator, other = match.groups()
        if other:
            raise DateReadError(text, f"\u201c{other}\u201d has no place in a date")
        if digits:
            numbers.append(digits)
        elif word:
            if _fold(word) not in months and _fold(word) not in weekdays:
                raise DateReadError(text, f"\u201c{word}\u201d is not a month")
            words.append(_fold(word))
    # One word is the month, any other the weekday ("mar" is both in Spanish: try each).
    readings = [(months[word], [weekdays.get(other) for at, other in enumerate(words)
                                if at != index])
                for index, word in enumerate(words) if word in months]
    readings = [(month, rest) for month, rest in readings
                if len(rest) <= 1 and None not in rest]
    if not readings:
        raise DateReadError(text, "it has more than one month or weekday"
                            if any(word in months for word in words) else "it has no month")
    month, rest = readings[-1]
    weekday = rest[0] if rest else None
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(numbers) != 2 or len(years) != 1 or len(days) != 1:
        raise DateReadError(text, "it needs a day and a four-digit year besides the month")
    value = _make_date(text, int(years[0]), month, int(days[0]))
    if weekday is not None and weekday != value.weekday():
        actual = weekday_name(value)
        raise DateReadError(text, f"{written_date(value)} is a {actual}",
                            hint="Check the day, or leave the weekday out")
    return value


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold().rstrip(".")


@lru_cache(maxsize=16)
def _names(locale: str) -> tuple[dict[str, int], dict[str, int]]:
    """Month names (1-12) and weekday names (0 is Monday), English and the locale's."""
    months: dict[str, int] = {"sept": 9}
    weekdays: dict[str, int] = {}
    for name in dict.fromkeys((_ENGLISH, locale)):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, month_name in get_month_names(width, context, name).items():
                    months.setdefault(_fold(month_name), number)
                for number, day_name in get_day_names(width, context, name).items():
                    weekdays.setdefault(_fold(day_name), number)
    return months, weekdays

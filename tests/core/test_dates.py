"""Reading typed dates: the forms a user types give that date, or a clear refusal."""

from __future__ import annotations

import contextlib
import datetime

import pytest
from babel.dates import format_date, get_date_format
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.dates import (
    DateReadError,
    document_date,
    locale_name,
    numeric_order,
    read_date,
    weekday_name,
    written_date,
)

TODAY = datetime.date(2026, 6, 1)
JAN_20 = datetime.date(2025, 1, 20)
LOCALES = ("en_GB", "en_US", "de_DE", "fr_FR", "nl_NL", "sv_SE", "en_CA", "ja_JP", "hu_HU",
           "ko_KR", "zh_CN", "pl_PL", "es_ES", "it_IT")


@pytest.mark.parametrize(("text", "locale"), [
    ("2025-01-20", "en_US"), ("2025-1-20", None), ("2025/01/20", "de_DE"),
    ("20/01/2025", "en_GB"), ("20.01.2025", "de_DE"), ("20-01-2025", "nl_NL"),
    ("1/20/2025", "en_US"), ("1/20/25", "en_US"), ("20/01/25", "fr_FR"),
    ("20 Jan 2025", None), ("20 January 2025", "en_US"), ("January 20, 2025", "en_GB"),
    ("Jan 20 2025", "C"), ("20-Jan-2025", "en_GB"), ("Monday 20 January 2025", "en_GB"),
    ("Mon, 20 Jan 2025", None), ("20th January 2025", "en_GB"), ("  20  jan  2025 ", None),
    ("20. Januar 2025", "de_DE"), ("20 janv. 2025", "fr_FR"), ("20 January 2025", "de_DE"),
    ("20/01/2025", None),  # 20 cannot be a month: one reading, whatever the locale
    ("2025. 01. 20.", "hu_HU"), ("25. 1. 20.", "ko_KR"),
    ("lun, 20 ene 2025", "es_ES"),  # "mar" is Tuesday and March in Spanish: read by place
])
def test_usual_forms_give_the_date(text: str, locale: str | None) -> None:
    assert read_date(text, locale, today=TODAY) == JAN_20


@pytest.mark.parametrize(("text", "locale", "says"), [
    ("03/04/2025", None, "could be 4 March 2025 or 3 April 2025"),
    ("03/04/2025", "C", "order of day and month is unclear"),
    ("03/04/2025", "sv_SE", "order of day and month is unclear in the sv_SE locale"),
    ("20/01/2025", "en_US", "read month/day/year in the en_US locale, and there is no month 20"),
    ("1/20/2025", "en_GB", "read day/month/year in the en_GB locale, and there is no month 20"),
    ("31 Feb 2025", "en_GB", "February 2025 has 28 days"),
    ("2025-13-01", None, "there is no month 13"),
    ("2025-02-30", None, "February 2025 has 28 days"),
    ("20 Jan", "en_GB", "four-digit year"),
    ("Jan 2025", "en_GB", "four-digit year"),
    ("spring 2025", "en_GB", "\u201cspring\u201d is not a month"),
    ("next Tuesday", "en_GB", "not a month"),
    ("20 Jan 2025 at noon", "en_GB", "not a month"),
    ("Tue 20 Jan 2025", "en_GB", "20 January 2025 is a Monday"),
    ("20/01/2025!", "en_GB", "\u201c!\u201d has no place in a date"),
    ("03/04/25", None, "two-digit year"),
    ("13/14/2025", None, "neither number can be the month"),
    ("2025", "en_GB", "it has no month"),
    ("Monday 20 2025", "en_GB", "it has no month"),
    ("20 Jan Feb 2025", "en_GB", "more than one month or weekday"),
    ("2025-01-2025", "en_GB", "it has two years"),
    ("0000-01-20", None, "the year 0 is out of range"),
    ("31/02/2025", None, "it is not a day of the year"),
])
def test_what_cannot_be_read_is_refused_with_the_reason(text: str, locale: str | None,
                                                        says: str) -> None:
    with pytest.raises(DateReadError) as caught:
        read_date(text, locale, today=TODAY)
    message = str(caught.value)
    assert f"\u201c{text.strip()}\u201d" in message and says in message
    assert "Type " in message or "Check " in message  # and what to do about it


def test_blank_text_is_no_date() -> None:
    assert read_date("   ", "en_GB") is None


def test_the_order_comes_from_the_locale_not_the_process() -> None:
    assert numeric_order("en_GB") == "DMY"
    assert numeric_order("en_US") == "MDY"
    assert numeric_order("sv_SE") == "YMD"
    assert numeric_order("C") is None and numeric_order("POSIX") is None
    assert numeric_order("xx_YY") is None and numeric_order(None) is None
    assert locale_name("de-DE") == "de_DE" and locale_name("en_GB.UTF-8") == "en_GB"


def test_two_digit_years_fall_near_today() -> None:
    assert read_date("1/20/45", "en_US", today=TODAY) == datetime.date(2045, 1, 20)
    assert read_date("1/20/47", "en_US", today=TODAY) == datetime.date(1947, 1, 20)


def test_dates_are_written_in_words() -> None:
    assert written_date(datetime.date(2025, 1, 13)) == "13 January 2025"
    assert written_date(datetime.date(2025, 1, 13), "C") == "13 January 2025"
    assert written_date(datetime.date(2025, 1, 13), "de_DE") == "13 Januar 2025"
    assert weekday_name(JAN_20) == "Monday"


dates = st.dates(min_value=datetime.date(TODAY.year - 79, 1, 1),
                 max_value=datetime.date(TODAY.year + 19, 12, 31))


@settings(max_examples=200, deadline=None)
@given(dates, st.sampled_from(LOCALES), st.sampled_from((
    "yyyy-MM-dd", "short", "d MMM y", "d MMMM y", "MMMM d, y", "EEEE d MMMM y", "EEE, d MMM y",
    "dd MMM yyyy", "MMM d y")), st.booleans())
def test_many_dates_typed_in_many_forms_read_back(date: datetime.date, locale: str, form: str,
                                                  english: bool) -> None:
    """Every form the app offers reads back as the same date, never as another."""
    pattern = get_date_format("short", locale=locale).pattern if form == "short" else form
    if "MMM" in pattern and locale in ("ja_JP", "ko_KR", "zh_CN"):
        english = True  # month names there are numbers with a sign (1月), not words
    text = format_date(date, pattern, locale="en" if english and form != "short" else locale)
    assert read_date(text, locale, today=TODAY) == date


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 31), st.integers(1, 31), st.integers(1950, 2045),
       st.sampled_from(("/", ".", "-")), st.sampled_from((*LOCALES, "C", None)))
def test_a_numeric_date_is_the_locales_reading_or_refused(first: int, second: int, year: int,
                                                          separator: str,
                                                          locale: str | None) -> None:
    """Never another date in silence: the only answers are the locale's reading or an error."""
    text = f"{first:02d}{separator}{second:02d}{separator}{year}"
    order = numeric_order(locale)
    try:
        got = read_date(text, locale, today=TODAY)
    except DateReadError:
        return
    assert got is not None
    if order == "DMY":
        assert (got.day, got.month) == (first, second)
    elif order == "MDY":
        assert (got.month, got.day) == (first, second)
    else:  # no clear order: only an input with a single possible reading is read
        readings = set()
        for day, month in ((first, second), (second, first)):
            with contextlib.suppress(ValueError):
                readings.add(datetime.date(year, month, day))
        assert readings == {got}


@pytest.mark.parametrize(("stored", "shown"), [
    ("2025-01-13", "13 January 2025"),
    (" 2025-01-13 ", "13 January 2025"),
    ("2025-02-30", "2025-02-30"),  # not a day: kept as typed, never another date
    ("2025-1-13", "2025-1-13"),
    ("mid-January", "mid-January"),
    ("", ""),
])
def test_document_date_writes_iso_dates_in_words_and_keeps_other_text(stored: str,
                                                                      shown: str) -> None:
    assert document_date(stored) == shown


def test_document_date_follows_the_pattern_and_language() -> None:
    assert document_date("2025-01-13", "EEEE d MMMM yyyy", "de") == "Montag 13 Januar 2025"
    assert document_date("2025-01-13", "dd/MM/yyyy") == "13/01/2025"

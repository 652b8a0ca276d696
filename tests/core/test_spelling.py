"""The spell checker without Qt: which words are flagged, suggestions, the personal word list."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from briefing.core import paths
from briefing.core.model import Article, Block, BlockKind, Outline, Section
from briefing.core.spelling import (
    PersonalWords,
    PersonalWordsError,
    SpellCheck,
    available_languages,
    default_language,
    load_dictionary,
    outline_words,
    words_in,
)


def flagged(checker: SpellCheck, text: str) -> list[str]:
    return [text[start:start + length] for start, length in checker.misspelt(text)]


@pytest.fixture
def checker(tmp_path: Path) -> SpellCheck:
    return SpellCheck(PersonalWords(tmp_path / "words.txt"), load_dictionary("en"))


def test_misspelt_words_are_flagged_and_correct_ones_are_not(checker: SpellCheck) -> None:
    assert flagged(checker, "The minister will recieve the goverment's reply.") == [
        "recieve", "goverment's"]


def test_acronyms_single_letters_inner_capitals_and_possessives_are_left_alone(
        checker: SpellCheck) -> None:
    assert flagged(checker, "QXZW and iQwerty met at x; the minister's aide won’t wait.") == []


def test_links_addresses_and_inline_code_are_not_checked(checker: SpellCheck) -> None:
    text = ("See https://exmaple.org/pagge, write to clerk@offfice.org, run `frobnicat` "
            "or read [the reprot](http://wrongg.example).")
    assert flagged(checker, text) == ["reprot"]
    assert [word for _, word in words_in("a `codde` b")] == ["a", "b"]


def test_the_outlines_own_names_are_never_flagged(checker: SpellCheck) -> None:
    outline = Outline(title="Outline", articles=[Article(
        title="Velmora Strait talks", author="Ilsa Quendrick", publisher="Torvane Daily",
        blocks=[Block(BlockKind.PARAGRAPH, "Delegates from Oskaria arrived.")],
        sections=[Section(id="s1", heading="The Brannock accord", blocks=[
            Block(BlockKind.PARAGRAPH, "Marshal Dovrenko signed for the Zelkari side.")])])])
    note = "Velmora, Oskaria, Brannock, Dovrenko, Zelkari, Quendrick and Torvane; not Velmorra."
    assert flagged(checker, note) == ["Velmora", "Oskaria", "Brannock", "Dovrenko", "Zelkari",
                                      "Quendrick", "Torvane", "Velmorra"]
    checker.set_outline_words(outline_words(outline))
    assert flagged(checker, note) == ["Velmorra"]
    checker.set_outline_words(set())
    assert "Velmora" in flagged(checker, note)


def test_suggestions_put_the_likely_correction_first_in_the_words_capitals(
        checker: SpellCheck) -> None:
    assert checker.suggestions("recieve")[0] == "receive"
    assert checker.suggestions("Goverment")[0] == "Government"
    assert "minister" in checker.suggestions("ministre")
    assert len(checker.suggestions("teh")) <= 7


def test_ignored_words_are_accepted_for_the_session_only(checker: SpellCheck,
                                                        tmp_path: Path) -> None:
    checker.ignore("Frobnitz")
    assert flagged(checker, "frobnitz Frobnitz") == []
    assert not (tmp_path / "words.txt").exists()


def test_added_words_persist_in_the_personal_list_in_the_data_folder() -> None:
    checker = SpellCheck(PersonalWords(), load_dictionary("en"))
    assert flagged(checker, "Quillanor and Aberzen") == ["Quillanor", "Aberzen"]
    checker.add_to_personal("Quillanor")
    checker.add_to_personal("Aberzen")
    assert flagged(checker, "Quillanor and Aberzen") == []
    saved = paths.user_data_dir() / "dictionary.txt"
    assert saved.read_text(encoding="utf-8").splitlines() == ["Aberzen", "Quillanor"]
    assert [item.name for item in saved.parent.iterdir() if item.name.endswith(".tmp")] == []
    again = PersonalWords()
    again.load()
    assert "quillanor" in again
    assert flagged(SpellCheck(again, load_dictionary("en")), "Quillanor") == []


def test_an_unreadable_personal_list_is_named_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_bytes(b"Quillanor\n\xff\xfe broken\n")
    words = PersonalWords(path)
    with pytest.raises(PersonalWordsError) as caught:
        words.load()
    assert str(path) in caught.value.message()
    assert "not UTF-8" in caught.value.message()
    words.add("Aberzen")  # accepted for the session, the file left as it was
    assert "Aberzen" in words
    assert path.read_bytes() == b"Quillanor\n\xff\xfe broken\n"


def test_a_personal_list_that_cannot_be_saved_says_so_and_keeps_the_word(
        tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    checker = SpellCheck(PersonalWords(blocker / "words.txt"), load_dictionary("en"))
    with pytest.raises(PersonalWordsError) as caught:
        checker.add_to_personal("Quillanor")
    assert "Quillanor" in caught.value.message()
    assert flagged(checker, "Quillanor") == []


def test_the_default_language_follows_the_locale_when_a_word_list_exists() -> None:
    assert {"en", "de", "fr", "es"} <= set(available_languages())
    assert default_language("de_DE.UTF-8") == "de"
    assert default_language("fr-CA") == "fr"
    assert default_language("xx_YY") == "en"
    assert default_language("") == "en"


def test_another_language_checks_its_own_words(tmp_path: Path) -> None:
    checker = SpellCheck(PersonalWords(tmp_path / "words.txt"), load_dictionary("fr"))
    assert flagged(checker, "Le gouvernement a reçu la letrre.") == ["letrre"]


@pytest.mark.parametrize("layout", ["one word a line", "all on one line"])
def test_a_word_list_is_read_in_either_layout_and_in_lower_case(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    from briefing.core import spelling

    entries = {"alpha": 5, "Beta": 3, "beta": 2, "gamma": 1}
    text = ("{\n" + ",\n".join(f'"{key}": {value}' for key, value in entries.items()) + "\n}"
            if layout == "one word a line" else json.dumps(entries))
    (tmp_path / "xx.json.gz").write_bytes(gzip.compress(text.encode("utf-8")))
    monkeypatch.setattr(spelling, "_resources", lambda: tmp_path)
    monkeypatch.setattr(spelling, "_LINES_PER_PIECE", 2)
    dictionary = spelling.Dictionary.load("xx", pause=lambda: None)
    assert all(dictionary.knows(word) for word in ("Alpha", "BETA", "gamma"))
    assert not dictionary.knows("delta")
    assert dictionary.suggestions("betta") == ["beta"]

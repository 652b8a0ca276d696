"""Finding an article the outline already has, and replacing it without losing work."""

from __future__ import annotations

import pytest

from briefing.core.anchoring import make_anchor
from briefing.core.duplicates import (
    DuplicateFinder,
    ImportBatch,
    Repeat,
    add_without_duplicates,
    excerpts_orphaned_by_replacing,
    find_duplicate,
    is_same_article,
    normalised_url,
    replace_article,
    work_lost_by_replacing,
)
from briefing.core.errors import ArticleImportError
from briefing.core.model import Article, Block, BlockKind, Excerpt, Outline, Section


def article(title: str = "Port Security Review", *, url: str = "", publisher: str = "",
            source_file: str = "", headings: tuple[str, ...] = ("Scope", "Findings")) -> Article:
    sections = [Section(id="", heading=heading,
                        blocks=[Block(BlockKind.PARAGRAPH, f"Text under {heading}.")])
                for heading in headings]
    return Article(title=title, url=url, publisher=publisher, source_file=source_file,
                   sections=sections)


def outline_with(*articles: Article) -> Outline:
    outline = Outline()
    outline.add_articles(articles)
    return outline


@pytest.mark.parametrize(("first", "second"), [
    ("https://www.example.org/ports/review/", "http://example.org/ports/review"),
    ("https://example.org/ports/review#findings", "https://EXAMPLE.org/ports/review"),
])
def test_same_address_in_another_spelling_is_the_same_article(first: str, second: str) -> None:
    assert is_same_article(article("One", url=first), article("Other", url=second))


def test_different_query_is_a_different_article() -> None:
    assert normalised_url("https://example.org/view?id=1") != \
        normalised_url("https://example.org/view?id=2")


def test_same_title_and_publisher_is_the_same_article() -> None:
    assert is_same_article(article(publisher="Harbour Times"),
                           article("  port security   REVIEW", publisher="harbour times"))


def test_same_title_from_another_publisher_is_another_article() -> None:
    assert not is_same_article(article(publisher="Harbour Times"),
                               article(publisher="Coast Weekly"))


def test_same_title_without_publishers_compares_the_source_file() -> None:
    assert is_same_article(article(source_file="ports.txt"), article(source_file="ports.txt"))
    assert not is_same_article(article(source_file="ports.txt"), article(source_file="b.txt"))


def test_same_title_pasted_twice_without_any_source_is_the_same_article() -> None:
    """Text pasted from a document names no address, publisher or file: the title is all
    there is, and pasting it again is the common way to bring it in twice."""
    assert is_same_article(article(), article())
    assert not is_same_article(article(), article(source_file="ports.txt"))
    assert not is_same_article(article(), article(url="https://example.org/ports"))


def test_find_duplicate_gives_the_row() -> None:
    existing = [article("Other"), article(url="https://example.org/p")]
    assert find_duplicate(existing, article(url="https://example.org/p/")) == 1
    assert find_duplicate(existing, article("Something new")) is None


def test_duplicate_finder_gives_the_row_find_duplicate_gives() -> None:
    existing = [article("Other"), article("Fees", publisher="Review"),
                article(url="https://example.org/p"), article("Fees", publisher="Gazette"),
                article("Fees", url="https://example.org/fees"), article("")]
    finder = DuplicateFinder(existing)
    for candidate in (article(url="https://www.example.org/p/"),
                      article("FEES ", publisher="gazette"),
                      article("Fees", publisher="Review", url="https://example.org/fees"),
                      article("Something new"), article(""), article("Other")):
        assert finder.find(candidate) == find_duplicate(existing, candidate)
    assert finder.find(article("Fees", publisher="Review", url="https://example.org/fees")) == 1


def test_replace_keeps_picks_notes_and_ids_on_matching_headings() -> None:
    old = article(headings=("Scope", "Findings", "Annex"))
    outline = outline_with(article("Before"), old)
    findings = old.sections[1]
    findings.picked, findings.note, findings.tags = True, "Ask the port **authority**.", ["ports"]
    old.sections[2].picked = True
    outline.sync_order()
    kept_id = findings.id
    new = article(headings=("Scope", "FINDINGS", "Recommendations"))
    assert [lost.heading for lost in work_lost_by_replacing(old, new)] == ["Annex"]

    returned = replace_article(outline, 1, new)

    assert returned is old
    assert outline.articles[1] is new
    carried = new.sections[1]
    assert (carried.id, carried.picked, carried.note, carried.tags) == \
        (kept_id, True, "Ask the port **authority**.", ["ports"])
    assert outline.briefing.order == [kept_id]
    ids = [section.id for _, section in outline.walk()]
    assert len(ids) == len(set(ids)) and all(ids)
    assert new.sections[2].id not in {section.id for section in old.walk()}


def test_replacing_again_keeps_the_same_ids() -> None:
    outline = outline_with(article())
    new = article(headings=("Scope", "Brand new"))
    old = replace_article(outline, 0, new)
    first_ids = [section.id for section in new.walk()]
    outline.articles[0] = old
    replace_article(outline, 0, new)
    assert [section.id for section in new.walk()] == first_ids


def test_command_line_refuses_a_duplicate_without_a_choice() -> None:
    outline = outline_with(article(url="https://example.org/p"))
    with pytest.raises(ArticleImportError) as caught:
        add_without_duplicates(outline, [("p.html", article(url="https://example.org/p"))],
                               None, "plan.yaml")
    message = str(caught.value)
    assert message.startswith("p.html: is already in plan.yaml: article 1,")
    assert "--duplicate replace" in message
    assert len(outline.articles) == 1


def test_without_a_choice_new_articles_are_added_each_checked_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    find = ImportBatch.find

    def counting_find(self: ImportBatch, found: Article) -> Repeat | None:
        checked.append(found.title)
        return find(self, found)

    monkeypatch.setattr(ImportBatch, "find", counting_find)
    outline = outline_with(article(url="https://example.org/p"))
    new = [("q.html", article("Harbour Dues", url="https://example.org/q")),
           ("r.html", article("Pilotage Fees", url="https://example.org/r"))]
    added = add_without_duplicates(outline, new, None, "plan.yaml")
    assert (added.added, added.replaced, added.skipped) == (2, 0, 0)
    assert [item.title for item in outline.articles] == [
        "Port Security Review", "Harbour Dues", "Pilotage Fees"]
    assert checked == ["Harbour Dues", "Pilotage Fees"]


def test_duplicates_within_one_import_are_refused_too() -> None:
    with pytest.raises(ArticleImportError) as caught:
        add_without_duplicates(Outline(), [("a.txt", article(source_file="a.txt")),
                                           ("a.txt", article(source_file="a.txt"))],
                               None, "plan.yaml")
    # Not "already in plan.yaml": the outline file may not even exist yet.
    assert str(caught.value) == (f"a.txt: is given twice (\u201c{article().title}\u201d). Give "
                                 "each article once, or add --duplicate skip to leave out the "
                                 "later one, --duplicate keep-both to keep both, or --duplicate "
                                 "replace to keep only the later one")
    with pytest.raises(ArticleImportError) as caught:
        add_without_duplicates(Outline(), [("p.html", article(url="https://example.org/p")),
                                           ("q.html", article(url="https://example.org/p"))],
                               None, "plan.yaml")
    assert str(caught.value).startswith("q.html: is the same article as p.html, given before it")


def test_command_line_choices() -> None:
    outline = outline_with(article(url="https://example.org/p"))
    outline.articles[0].sections[0].picked = True
    warnings: list[str] = []

    skipped = add_without_duplicates(outline, [("p", article(url="https://example.org/p"))],
                                     "skip", "plan.yaml", warnings.append)
    assert (skipped.added, skipped.skipped, len(outline.articles)) == (0, 1, 1)

    both = add_without_duplicates(outline, [("p", article(url="https://example.org/p"))],
                                  "keep-both", "plan.yaml", warnings.append)
    assert (both.added, len(outline.articles)) == (1, 2)

    new = article(url="https://example.org/p", headings=("Findings",))
    replaced = add_without_duplicates(outline, [("p", new)], "replace", "plan.yaml",
                                      warnings.append)
    assert replaced.replaced == 1 and outline.articles[0] is new
    assert any("drops the work on section 'Scope'" in warning for warning in warnings)


def test_command_line_choices_apply_inside_one_import() -> None:
    """Two files of one article given together: skip keeps the first, keep-both both, replace
    the later one, in the first one's place."""
    def two() -> list[tuple[str, Article]]:
        return [("p.html", article(url="https://example.org/p")),
                ("q.html", article(url="https://example.org/p", headings=("Findings",)))]

    warnings: list[str] = []
    outline = Outline()
    skipped = add_without_duplicates(outline, two(), "skip", "plan.yaml", warnings.append)
    assert (skipped.added, skipped.skipped, len(outline.articles)) == (1, 1, 1)
    assert warnings == ["q.html: skipped; the same article as p.html, given before it"]

    outline = Outline()
    both = add_without_duplicates(outline, two(), "keep-both", "plan.yaml")
    assert (both.added, len(outline.articles)) == (2, 2)

    outline = outline_with(article(title="Other", url="https://example.org/o"))
    warnings.clear()
    pair = two()
    replaced = add_without_duplicates(outline, pair, "replace", "plan.yaml", warnings.append)
    assert (replaced.added, replaced.replaced) == (1, 1)
    assert [a.url for a in outline.articles] == ["https://example.org/o", "https://example.org/p"]
    assert outline.articles[1] is pair[1][1]
    assert warnings == ["q.html: replaces p.html, the same article given before it"]


def test_a_later_copy_in_one_import_repeats_the_version_that_replaced_the_outline_one() -> None:
    outline = outline_with(article(url="https://example.org/p"))
    newer = article(url="https://example.org/p", headings=("Findings",))
    newest = article(url="https://example.org/p", headings=("Findings", "Next"))
    result = add_without_duplicates(outline, [("q", newer), ("r", newest)], "replace",
                                    "plan.yaml", lambda _: None)
    assert result.replaced == 2 and outline.articles == [newest]


def test_import_batch_names_the_nearer_repeat_and_forgets_what_was_left_out() -> None:
    batch = ImportBatch([article(url="https://example.org/p")])
    first = article(url="https://example.org/p")
    assert batch.find(first) == Repeat(False, 0)
    assert batch.find(article(url="https://example.org/q")) is None
    batch.take(first)
    assert batch.find(article(url="https://example.org/p")) == Repeat(True, 0)
    assert batch.taken(0) is first


def _with_excerpts(old: Article, *quotes: str) -> Article:
    """``old`` with an excerpt of each quote, in its 'Findings' section."""
    findings = old.sections[1]
    findings.blocks = [Block(BlockKind.PARAGRAPH, "Guards were posted at two gates. "
                             "Cameras covered the quay at night.")]
    text = findings.blocks[0].text
    for number, quote in enumerate(quotes, start=1):
        start = text.index(quote)
        old.excerpts.append(Excerpt(f"e{number}", make_anchor(findings, start,
                                                              start + len(quote))))
    return old


def test_replacing_tells_which_excerpts_the_new_version_no_longer_has() -> None:
    outline = outline_with(article(url="https://example.org/p"))
    old = _with_excerpts(outline.articles[0], "Guards were posted at two gates.",
                         "Cameras covered the quay at night.")
    new = article(url="https://example.org/p")
    new.sections[1].blocks = [Block(BlockKind.PARAGRAPH, "Guards were posted at two gates. "
                                    "Lights now cover the quay.")]
    assert [excerpt.id for excerpt in excerpts_orphaned_by_replacing(old, new)] == ["e2"]
    assert new.sections[1].id == ""  # the trial left the new version as it was
    warnings: list[str] = []
    add_without_duplicates(outline, [("p.html", new)], "replace", "plan.yaml", warnings.append)
    assert warnings == ["p.html: the new version of article 1 no longer has the passage of "
                        "excerpt e2 (\u201cCameras covered the quay at night.\u201d); it stays, "
                        "orphaned, with its note"]
    assert [excerpt.orphaned for excerpt in outline.articles[0].excerpts] == [False, True]


def test_a_lead_excerpt_is_not_called_orphaned_when_the_new_version_renames_a_heading() -> None:
    """The new version's sections without a match have no id yet; the trial must not take one
    of them for the lead (whose id is the empty one too) and call a lead excerpt lost."""
    outline = outline_with(article(url="https://example.org/p"))
    old = outline.articles[0]
    old.blocks = [Block(BlockKind.PARAGRAPH, "The review covers three ports. It began in May.")]
    lead_text = old.blocks[0].text
    old.excerpts.append(Excerpt("e1", make_anchor(
        Section(id="", heading="", blocks=old.blocks), 0, lead_text.index(" It began"))))
    new = article(url="https://example.org/p", headings=("Scope", "What was found"))
    new.blocks = [Block(BlockKind.PARAGRAPH, lead_text)]
    assert excerpts_orphaned_by_replacing(old, new) == []
    warnings: list[str] = []
    add_without_duplicates(outline, [("p.html", new)], "replace", "plan.yaml", warnings.append)
    assert warnings == []
    assert [excerpt.orphaned for excerpt in outline.articles[0].excerpts] == [False]

"""The date rules beyond their own examples: the document's date style and how repairs follow it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtfix.model import Tier
from mtfix.registry import select_rules
from mtfix.rules.date import date_style, date_style_votes
from mtfix.runner import apply_ledger, fix_text

ROOT = Path(__file__).resolve().parent.parent
DATES = select_rules(("date",))
DMY_CONTEXT = "Talks opened on 2 May 1920, stalled on 7 June 1920 and resumed on 9 July 1920. "
MDY_CONTEXT = "Talks opened on May 2, 1920, stalled on June 7, 1920 and resumed on July 9, 1920. "


def fixed(text: str, *, review: bool = False) -> str:
    return fix_text(text, DATES, apply_review=review).text


@pytest.mark.parametrize(
    ("text", "style"),
    [
        (DMY_CONTEXT, "dmy"),
        (MDY_CONTEXT, "mdy"),
        ("No date here at all.", "mdy"),
        ("On Saturday, December 11, and from April 1 to June 30, 2021.", "mdy"),
        ("arrived on February 18 1921 and left January 14 January 1922", "mdy"),
        ("Headers: 13 February 2016 08:15, 14 February 2016 20:41; once on January 28, 1920.", "dmy"),
    ],
)
def test_date_style_counts_only_unambiguous_dates(text: str, style: str) -> None:
    assert date_style(text) == style


def test_artifacts_are_no_evidence_for_either_style() -> None:
    text = "concluded 16 in March 1921, arrived February 18 1921, to January 14 January 1922"
    assert date_style_votes(text) == (0, 0)


def test_sample_article_is_day_month_year() -> None:
    raw = (ROOT / "raw" / "soviet-turkish-treaty-1921.txt").read_text(encoding="utf-8")
    dmy, mdy = date_style_votes(raw)
    assert date_style(raw) == "dmy" and dmy >= 4 * mdy


@pytest.mark.parametrize(
    ("artifact", "dmy", "mdy"),
    [
        ("They arrived on February 18 1921.", "arrived on 18 February 1921.", "arrived on February 18, 1921."),
        ("The treaty was concluded 16 in March 1921.", "concluded on 16 March 1921.", "concluded on March 16, 1921."),
        ("a call with Putin 7 in December.", "Putin on 7 December.", "Putin on December 7."),
        ("in a letter from 20 in March 1921 noted", "from 20 March 1921 noted", "from March 20, 1921 noted"),
        ("The summit was held 9 in December–10.", "held on 9–10 December.", "held on December 9–10."),
    ],
)
def test_repairs_follow_the_document_style(artifact: str, dmy: str, mdy: str) -> None:
    assert fixed(DMY_CONTEXT + artifact).endswith(dmy)
    assert fixed(MDY_CONTEXT + artifact).endswith(mdy)


def test_correct_dates_of_both_styles_are_left_alone_in_either_document() -> None:
    text = "It opened on 2 May 1920 and closed on June 7, 1920; the 2021-03-16 file; the 2021 season."
    for context in (DMY_CONTEXT, MDY_CONTEXT, ""):
        assert fix_text(context + text, DATES).edits == []


def test_month_day_without_year_is_turned_only_in_a_clearly_day_month_document() -> None:
    artifact = "Frunze January 2 signed it."
    assert fixed(DMY_CONTEXT + artifact).endswith("Frunze on 2 January signed it.")
    assert fixed(MDY_CONTEXT + artifact).endswith(artifact)
    mixed = "It opened on 2 May 1920 and closed on June 7, 1920. "
    assert fixed(mixed + artifact).endswith(artifact)


def test_sample_dates_are_repaired_like_the_gold() -> None:
    raw = (ROOT / "raw" / "soviet-turkish-treaty-1921.txt").read_text(encoding="utf-8")
    result = fix_text(raw, DATES, apply_review=True)
    for gold in (
        "Soviet-Turkish treaty of 1921",
        "On 7 December 1920, the Plenum",
        "In early December 1920, it was generally agreed",
        "arrived on 18 February 1921.",
        "concluded on 16 March 1921.",
        "[9] from 20 March 1921 noted",
        "RSFSR on 13 October 1921 in Kars",
        "from 2 December 1921 to 14 January 1922 commander M.V. Frunze on 2 January signed",
        "Aralov told in April 1922 of",
    ):
        assert gold in result.text, gold
    assert apply_ledger(raw, result.edits) == result.text


def test_review_rules_are_listed_but_not_applied_by_default() -> None:
    text = DMY_CONTEXT + "December 7 1920. The Plenum met. In early December, 1920 was generally agreed to meet."
    result = fix_text(text, DATES)
    assert "On 7 December 1920, the Plenum" not in result.text
    assert "7 December 1920. The Plenum" in result.text
    listed = {e.rule_id for e in result.suggestions}
    assert listed == {"date.fragment_sentence", "date.displaced_year"}
    assert all(e.tier is Tier.REVIEW for e in result.suggestions)
    assert "On 7 December 1920, the Plenum" in fixed(text, review=True)


def test_human_news_reference_comes_back_unchanged() -> None:
    text = (ROOT / "tests" / "fixtures" / "wmt22" / "ref.en").read_text(encoding="utf-8")
    assert fix_text(text, DATES).edits == []

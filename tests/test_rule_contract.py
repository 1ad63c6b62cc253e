"""The rule contract: the two kinds of rule, Example records, proposals that carry their tier."""

from __future__ import annotations

import pytest

from mtfix.model import Context, EditRule, Example, FindingRule, Proposal, Tier, Unsure
from mtfix.runner import fix_text


def _doubled(text: str, ctx: Context) -> list[Proposal]:
    """'x x' is surely doubled; 'y y' maybe."""
    found = []
    for i, word in enumerate(text.split(" ")[1:], start=1):
        before = " ".join(text.split(" ")[:i])
        if word == text.split(" ")[i - 1]:
            start = len(before)
            found.append(Proposal(start, start + 1 + len(word), "", tier=Tier.SAFE if word == "x" else Tier.REVIEW))
    return found


TWIN = EditRule(
    id="test.doubled", stage="debris", message="doubled", tier=Tier.SAFE, find=_doubled,
    unsure=Unsure(id="test.doubled_unsure", message="maybe doubled", tier=Tier.REVIEW),
    examples=(Example("a x x", "a x"), Example("a y y", "a y", unsure=True)),
    leave_alone=("a b",),
)


def test_a_rule_with_unsure_proposals_is_listed_as_one_rule_per_tier() -> None:
    sure, unsure = TWIN.variants()
    assert (sure.id, sure.tier, [e.input for e in sure.examples]) == ("test.doubled", Tier.SAFE, ["a x x"])
    assert (unsure.id, unsure.tier, unsure.message) == ("test.doubled_unsure", Tier.REVIEW, "maybe doubled")
    assert [e.input for e in unsure.examples] == ["a y y"]
    result = fix_text("a x x y y", list(TWIN.variants()))
    assert result.text == "a x y y"
    assert sorted((e.rule_id, e.tier, e.applied, e.col) for e in result.edits) == [
        ("test.doubled", Tier.SAFE, True, 4), ("test.doubled_unsure", Tier.REVIEW, False, 8)]


def test_a_finding_rule_flags_every_match_of_its_pattern_with_its_message() -> None:
    rule = FindingRule(id="test.lost", stage="source", message="lost number", pattern=r"XNUMX",
                       examples=(Example("in XNUMX", flagged="XNUMX"),), leave_alone=("in 1921",))
    assert rule.tier is Tier.FINDING
    result = fix_text("XNUMX and XNUMX", [rule])
    assert [(f.text, f.message, f.col) for f in result.findings] == [("XNUMX", "lost number", 1),
                                                                      ("XNUMX", "lost number", 11)]
    assert result.text == "XNUMX and XNUMX"
    with pytest.raises(ValueError, match=r"rule test\.lost: a finding rule.s example gives the flagged text"):
        FindingRule(id="test.lost", stage="source", message="m", pattern=r"XNUMX",
                    examples=(Example("in XNUMX", "XNUMX"),), leave_alone=("in 1921",))


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"examples": (Example("a"),)}, "gives its output or flagged text"),
    ({"leave_alone": (Example("a", "b"),)}, "gives its output or flagged text"),
    ({"pattern": "(", "fix": lambda m, ctx: ""}, "rule test.bad: pattern is not valid"),
    ({"tier": Tier.FINDING}, "a finding rule is a FindingRule"),
    ({"find": None}, "give exactly one of pattern or find"),
])
def test_a_rule_that_breaks_the_contract_fails_when_built_naming_itself(kwargs: dict, error: str) -> None:
    declaration = {"id": "test.bad", "stage": "typo", "message": "m", "find": lambda text, ctx: [],
                   "examples": (Example("a", "b"),), "leave_alone": ("c",)}
    if "pattern" in kwargs:
        declaration.pop("find")
    with pytest.raises(ValueError, match=error):
        EditRule(**{**declaration, **kwargs})


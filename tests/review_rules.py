"""Test-only rules for the review workflow: a review-tier suggestion and a finding on the sample.

The registry's own rules may have no review-tier rule firing on the sample; these give the tests a
suggestion to accept and a finding to dismiss. ``register(monkeypatch)`` adds them to the registry
for one test, so the CLI (``fix``, ``check``, ``apply``) sees them.
"""

from __future__ import annotations

import pytest

from mtfix import registry
from mtfix.model import EditRule, Example, FindingRule, Rule, Tier

REVIEW = EditRule(
    id="testreview.place_name",
    message="Place name in a transliteration other than the usual English one",
    tier=Tier.REVIEW,
    pattern=r"\bNakhchivan(?= region\b)",
    fix=lambda m, ctx: "Nakhichevan",
    examples=(Example("the Nakhchivan region", "the Nakhichevan region"),),
    leave_alone=("the Nakhichevan region",),
    stage="typo",
)

FINDING = FindingRule(
    id="testfinding.placeholder",
    message="Number lost to a placeholder",
    pattern=r"(?i)\bxnumx\b",
    examples=(Example("in xnumx's tt.", flagged="xnumx"),),
    leave_alone=("in 1922",),
    stage="typo",
)


def register(monkeypatch: pytest.MonkeyPatch) -> tuple[Rule, ...]:
    """Add the test rules to the registry for the current test; returns every rule."""
    rules = (*registry.all_rules(), REVIEW, FINDING)
    monkeypatch.setattr(registry, "all_rules", lambda: rules)
    return rules

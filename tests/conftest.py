"""Shared test helpers: run the CLI in-process or as a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def run_mtfix(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m pipeline`` as a user would, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "mtfix", *args], input=stdin, capture_output=True, cwd=cwd or ROOT, check=False
    )


@pytest.fixture
def mtfix():
    """The ``run_mtfix`` helper as a fixture."""
    return run_mtfix

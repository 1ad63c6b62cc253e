"""Finding the input files of a run: files named on the command line, or the ``*.txt`` of folders.

Files named ``*.ref.txt`` (references) and ``*.src.txt`` (sources) in a folder belong to an input;
they are not inputs themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .textio import InputError

COMPANION_SUFFIXES = (".ref.txt", ".src.txt")


def is_input_name(name: str) -> bool:
    """Whether a file in an input folder is an input (``x.txt``, not ``x.ref.txt``)."""
    return name.endswith(".txt") and not name.endswith(COMPANION_SUFFIXES)


def collect_inputs(paths: Sequence[str]) -> list[Path]:
    """The input files named by ``paths``; a missing path or a folder without inputs raises ``InputError``."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and is_input_name(p.name))
            if not inside:
                raise InputError(f"{path}: no .txt files to process")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    stems: dict[str, Path] = {}
    for path in found:
        other = stems.setdefault(path.name, path)
        if other != path:
            raise InputError(f"{path}: same name as {other}; their outputs would overwrite each other")
    return found


def companion(path: Path, kind: str) -> Path:
    """The ``ref`` or ``src`` file that belongs to input ``path`` (it may not exist)."""
    return path.with_name(f"{path.name.removesuffix('.txt')}.{kind}.txt")

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


def output_stem(path: Path) -> str:
    """The name the outputs of input ``path`` share: ``a`` for ``a.txt`` and for ``a`` (``a.txt``, ``a.diff``...)."""
    return path.name.removesuffix(".txt")


def collect_inputs(paths: Sequence[str]) -> list[Path]:
    """The input files named by ``paths``; a missing path or a folder without inputs raises ``InputError``.

    Two inputs whose outputs would share a name (``x/a.txt`` and ``y/a.txt``, or ``a`` and ``a.txt``)
    are refused too.
    """
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        try:
            if path.is_dir():
                inside = sorted(p for p in path.iterdir() if p.is_file() and is_input_name(p.name))
                if not inside:
                    raise InputError(f"{path}: no .txt files to process")
                found.extend(inside)
            elif path.exists():
                found.append(path)
            else:
                raise InputError(f"{path}: no such file or directory")
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
    stems: dict[str, Path] = {}
    for path in found:
        other = stems.setdefault(output_stem(path), path)
        if other != path:
            raise InputError(f"{path}: its outputs would have the names of {other}'s; rename one of them")
    return found


def companion(path: Path, kind: str) -> Path:
    """The ``ref`` or ``src`` file that belongs to input ``path`` (it may not exist)."""
    return path.with_name(f"{path.name.removesuffix('.txt')}.{kind}.txt")

"""Finding the input files of a run: files named on the command line, or the inputs in folders.

In a folder, the inputs are the ``*.txt`` files and the documents of the formats in
``formats.SUFFIXES`` (``*.md``, ``*.html``, ``*.srt``...). Files named ``*.ref.txt`` (references) and
``*.src.txt`` (sources) belong to an input; they are not inputs themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .formats import format_of
from .textio import InputError

COMPANION_SUFFIXES = (".ref.txt", ".src.txt")


def is_input_name(name: str) -> bool:
    """Whether a file in an input folder is an input (``x.txt`` or ``x.md``, not ``x.ref.txt``)."""
    return (name.endswith(".txt") and not name.endswith(COMPANION_SUFFIXES)) or format_of(name) is not None


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
                    raise InputError(f"{path}: no input files to process")
                found.extend(inside)
            elif path.exists():
                found.append(path)
            else:
                raise InputError(f"{path}: no such file or directory")
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
    names: dict[str, Path] = {}
    for path in found:
        for name in output_names(path):
            other = names.setdefault(name, path)
            if other != path:
                raise InputError(f"{path}: its output {name} would have the name of one of {other}'s; "
                                 "rename one of them")
    return found


def report_stem(path: Path) -> str:
    """The name the reports of input ``path`` are named after: ``a`` for ``a.txt``, ``a.md`` for ``a.md``."""
    return path.name if format_of(path) is not None else path.name.removesuffix(".txt")


def fixed_name(path: Path) -> str:
    """The name of the fixed file of input ``path``: a document keeps its name, a text file is ``STEM.txt``
    (``a.txt`` for ``a.txt`` and for ``a``)."""
    return path.name if format_of(path) is not None else f"{report_stem(path)}.txt"


def output_names(path: Path) -> tuple[str, ...]:
    """The files ``fix`` writes for input ``path``: the fixed file and its reports."""
    stem = report_stem(path)
    return (fixed_name(path), f"{stem}.diff", f"{stem}.html", f"{stem}.json")


def companion(path: Path, kind: str) -> Path:
    """The ``ref`` or ``src`` file that belongs to input ``path`` (it may not exist)."""
    return path.with_name(f"{path.name.removesuffix('.txt')}.{kind}.txt")

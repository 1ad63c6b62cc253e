"""The source text of an input: ``--source FILE`` or ``NAME.src.txt`` beside ``NAME.txt``, line-aligned.

Source-aware rules (``rules/source.py``, ``rules/number.py``) read the source line aligned with each translation line; a
source whose line count differs from the translation's is bad input, reported before anything is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .inputs import companion
from .textio import Document, InputError, read_document


def add_source_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--source FILE`` to a command that runs rules."""
    parser.add_argument("--source", metavar="FILE",
                        help="the Russian (or Ukrainian) source, line-aligned with the one input "
                        "(default: NAME.src.txt beside each NAME.txt, when present)")


def aligned_source(doc: Document, path: Path | None) -> list[str] | None:
    """The lines of the source at ``path`` (``None``: no source); a line-count mismatch raises ``InputError``."""
    if path is None:
        return None
    source = read_document(path)
    if source.line_count != doc.line_count:
        raise InputError(f"{path}: source has {source.line_count} lines, but {doc.name} has {doc.line_count}; "
                         "a source must be line-aligned with its translation")
    return source.text.split("\n")


def source_lines(path: Path) -> list[str]:
    """The lines of the source file at ``path``, for a translation read in chunks."""
    return read_document(path).text.split("\n")


def source_paths(option: str | None, inputs: Sequence[Path]) -> list[Path | None]:
    """The source file of each input: ``--source`` for a single input, else each input's ``NAME.src.txt``."""
    if option is not None:
        if len(inputs) != 1:
            raise InputError(f"{option}: --source needs exactly one input, got {len(inputs)}")
        return [Path(option)]
    found: list[Path | None] = []
    for path in inputs:
        src = companion(path, "src")
        found.append(src if src.is_file() else None)
    return found

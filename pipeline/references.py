"""Reference translations of the inputs: ``--ref`` for one input, else ``NAME.ref.txt`` beside each."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .inputs import companion
from .textio import Document, InputError, read_document


def read_lines(path: Path) -> list[str]:
    """The lines of a text file (read as ``fix`` reads its inputs)."""
    return read_document(path).text.split("\n")


def find_references(ref: str | None, inputs: Sequence[Path], docs: Sequence[Document]) -> dict[Path, Path | None]:
    """Each input's reference: ``ref`` (``--ref``) for a single input, else ``NAME.ref.txt`` when it exists.

    A reference that is unreadable or has another number of lines than its input is an input error.
    """
    if ref is not None:
        if len(inputs) != 1:
            raise InputError(f"{ref}: --ref needs exactly one input, got {len(inputs)}")
        found: dict[Path, Path | None] = {inputs[0]: Path(ref)}
    else:
        found = {p: r if (r := companion(p, "ref")).is_file() else None for p in inputs}
    for doc, reference in zip(docs, found.values(), strict=True):
        if reference is not None and (n := read_document(reference).line_count) != doc.line_count:
            raise InputError(f"{reference}: reference does not fit the input "
                             f"({doc.line_count} lines, but the reference has {n})")
    return found


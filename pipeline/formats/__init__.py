"""The contract between document formats and the repair: a file's prose as segments of runs and atoms.

A format adapter reads a file's decoded text (``Document.text``: lines joined by LF, no BOM) and
returns its prose as ``Segment``s. A segment is one or more prose *lines*; a line is a sequence of
pieces:

- ``Run(start, end)``: ``text[start:end]`` of the file IS the prose, character for character (no
  line break inside). Only runs are ever edited.
- ``Atom(start, end, shown)``: markup between runs (a tag, an entity, a code span, a placeholder, a
  timecode...). The rules see ``shown`` in its place: ``""`` for markup that renders as nothing
  (``<em>``, ``**``, ``[``), the character an entity stands for (``"&"`` for ``&amp;``), or
  ``PLACEHOLDER`` for content that is not prose (a code span, an XLIFF ``<ph/>``).
  ``Atom(start, end, "", joins=True)`` is no markup but a seam in how the file writes the text (the
  quotes and line break between the strings of a continued PO ``msgstr``).

A repair never crosses markup: an edit is made only when the span its rule matched lies inside one
run; any other edit ("16 in <em>March</em> 1921" rewritten as a date) is not made and is reported
as a finding. Entities and seams are text, not markup: a match may span them (a rule reading the
whole line), as long as the edit itself lies inside one run. Text in no piece is never seen and
never changed. ``formats.document`` runs the repair over the prose and splices the changed
characters back into the file, so the output is the input byte for byte apart from them.

A segment may carry its ``source`` (the source-language text of a translation unit; line-aligned
with the segment's lines when it has as many lines, else given whole to each line) and a ``label``
(unit id, cue number) that reports show beside its changes.

An adapter module (``mtfix.formats.<module>``) has ``segments(text: str, name: str) -> list[Segment]``
and raises ``textio.InputError`` (naming ``name``) for a file it cannot parse; ``SUFFIXES`` maps each
file suffix to its module. A suffix not there is a plain text file.

>>> Segment(((Run(3, 8), Atom(8, 13, ""), Run(13, 17)),)).lines[0][1].shown
''
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PLACEHOLDER = "\ufffc"

SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".srt": "subtitles",
    ".vtt": "subtitles",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".tmx": "tmx",
    ".po": "po",
    ".tsv": "tsv",
}


@dataclass(frozen=True)
class Run:
    """A span of the file text that is prose, character for character; the only thing ever edited."""

    start: int
    end: int


@dataclass(frozen=True)
class Atom:
    """Markup between runs, at ``start:end`` of the file; the rules see ``shown`` in its place."""

    start: int
    end: int
    shown: str = ""
    joins: bool = False


Piece = Run | Atom
Line = tuple[Piece, ...]


@dataclass(frozen=True)
class Segment:
    """One unit of prose (a paragraph, a heading, a cell, a cue, a translation unit) as lines of pieces."""

    lines: tuple[Line, ...]
    source: str | None = None
    label: str = ""


Reader = Callable[[str, str], list[Segment]]


def format_of(path: Path | str) -> str | None:
    """The adapter module for ``path`` (by its suffix, case-insensitively), or ``None`` for plain text.

    >>> format_of("a/Article.HTML"), format_of("notes.txt")
    ('html', None)
    """
    return SUFFIXES.get(Path(path).suffix.lower())


def reader(module: str) -> Reader:
    """The ``segments`` function of adapter module ``module`` (imported on first use)."""
    return importlib.import_module(f"{__name__}.{module}").segments

"""Bilingual TSV: one unit a line, ``source<TAB>target`` (more columns are kept and never read).

A first line naming a ``source`` and a ``target`` column (any case, anywhere: ``id<TAB>source<TAB>target``)
is a header, and those columns are read; without one, the first two columns are the source and the target.
Fields are taken as they are (no quoting), as translation tools export them. Labels are the unit's line
number. A line without both columns is refused.

>>> e = entries("source\\ttarget\\nГде он?\\tWhere is he .\\n", "a.tsv")
>>> [(x.unit.id, x.unit.source, x.unit.target, x.start, x.end) for x in e]
[('2', 'Где он?', 'Where is he .', 22, 35)]
>>> [(x.unit.source, x.unit.target) for x in entries("id\\ttarget\\tsource\\n7\\tYes .\\tДа.", "b.tsv")]
[('Да.', 'Yes .')]
"""

from __future__ import annotations

from functools import lru_cache

from ..qa import Unit
from ..textio import InputError
from . import Run, Segment
from .bilingual import Entry
from .bilingual import segments as segments_of


def _columns(first: str) -> tuple[int, int] | None:
    """The source and target columns a header line names, or ``None`` when it is no header."""
    names = [c.strip().lower() for c in first.split("\t")]
    return (names.index("source"), names.index("target")) if "source" in names and "target" in names else None


@lru_cache(maxsize=4)  # a file's entries give its segments, its QA and its review marks
def entries(text: str, name: str) -> tuple[Entry, ...]:
    """Every line's unit (the header and empty lines aside)."""
    found = []
    lines = text.split("\n")
    header = _columns(lines[0])
    source_column, target_column = header or (0, 1)
    offset = 0
    for number, line in enumerate(lines, start=1):
        start, offset = offset, offset + len(line) + 1
        if not line or (number == 1 and header is not None):
            continue
        fields = line.split("\t")
        if len(fields) <= max(source_column, target_column):
            raise InputError(f"{name}:{number}: expected a source and a target column separated by tabs")
        source, target = fields[source_column], fields[target_column]
        target_start = start + sum(len(f) + 1 for f in fields[:target_column])
        pieces = (Run(target_start, target_start + len(target)),) if target else ()
        label = str(number)
        unit = Unit(label, source, target)
        found.append(Entry(Segment((pieces,), source, label), unit, target_start, target_start + len(target)))
    return tuple(found)


def segments(text: str, name: str) -> list[Segment]:
    """The target column's segments, for the repair."""
    return segments_of(entries(text, name))

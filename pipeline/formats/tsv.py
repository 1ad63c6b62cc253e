"""Bilingual TSV: one unit a line, ``source<TAB>target`` (more columns are kept and never read).

A first line ``source<TAB>target`` (any case) is a header. Fields are taken as they are (no quoting),
as translation tools export them. Labels are the unit's line number. A line without a tab is refused.

>>> e = entries("source\\ttarget\\nГде он?\\tWhere is he .\\n", "a.tsv")
>>> [(x.unit.id, x.unit.source, x.unit.target, x.start, x.end) for x in e]
[('2', 'Где он?', 'Where is he .', 22, 35)]
"""

from __future__ import annotations

from ..qa import Unit
from ..textio import InputError
from . import Run, Segment
from .bilingual import Entry
from .bilingual import segments as segments_of


def entries(text: str, name: str) -> list[Entry]:
    """Every line's unit (the header and empty lines aside)."""
    found = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        start, offset = offset, offset + len(line) + 1
        if not line or (number == 1 and [c.strip().lower() for c in line.split("\t")[:2]] == ["source", "target"]):
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            raise InputError(f"{name}:{number}: expected a source and a target separated by a tab")
        source, target = fields[0], fields[1]
        target_start = start + len(source) + 1
        pieces = (Run(target_start, target_start + len(target)),) if target else ()
        label = str(number)
        unit = Unit(label, source, target)
        found.append(Entry(Segment((pieces,), source, label), unit, target_start, target_start + len(target)))
    return found


def segments(text: str, name: str) -> list[Segment]:
    """The target column's segments, for the repair."""
    return segments_of(entries(text, name))

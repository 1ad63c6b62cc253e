"""A document file through its format's adapter: its segments, and the repair of its prose.

This is what ``fix``, ``check`` and ``apply`` call for an input whose suffix names a format
(``formats.SUFFIXES``). A parser's complaint about the file becomes an ``InputError`` naming it. A
source given line-aligned with the file (``NAME.md.src.txt``, ``--source``) gives each prose line the
source line of its file line, unless the format's segments carry their own source.
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..config import Config
from ..decisions import Decisions
from ..model import Rule
from ..profiling import Profile
from ..qa import select_checks
from ..textio import Document, InputError
from . import Segment, format_of, reader
from .bilingual import report_units
from .document import Prose, Repaired, repair_document


def is_document(path: Path) -> bool:
    """Whether ``path`` is read through a format adapter (not as plain text)."""
    return format_of(path) is not None


def read_segments(path: Path, doc: Document) -> list[Segment]:
    """The segments of the document file ``path``; a file its parser refuses raises ``InputError``."""
    module = format_of(path)
    if module is None:
        raise InputError(f"{path}: not a document format")
    try:
        return reader(module)(doc.text, str(path))
    except InputError:
        raise
    except (ValueError, IndexError) as error:
        raise InputError(f"{path}: cannot parse as {module} ({error})") from None


def repair_file(
    path: Path,
    doc: Document,
    rules: Sequence[Rule],
    config: Config,
    source: Sequence[str] | None = None,
    profile: Profile | None = None,
    decisions: Decisions | None = None,
    segments: Sequence[Segment] | None = None,
) -> Repaired:
    """Repair the prose of the document file ``path`` (decoded as ``doc``) with a file-aligned ``source``.

    ``segments`` are the file's when already read. A translation file (its adapter has ``entries``)
    also gets the findings of the QA checks selected, and every message names its unit.
    """
    segments = read_segments(path, doc) if segments is None else segments
    done = repair_document(doc.text, segments, rules, apply_review=config.apply_review,
                           decisions=decisions, profile=profile, line_source=source)
    adapter = importlib.import_module(f"{__package__}.{format_of(path)}")
    if hasattr(adapter, "entries"):
        checks = select_checks(config.select, config.ignore)
        report_units(done, doc.text, adapter.entries(doc.text, str(path)), checks, decisions)
    return done


def mark_review(path: Path, doc: Document, fixed: str) -> tuple[Document, str]:
    """``fixed`` with its repaired units marked for review, when the format has a mark (XLIFF state, PO fuzzy).

    Returns ``doc`` with an ending for each line the mark added (a PO ``#, fuzzy`` line takes the
    ending of the line it precedes) and the marked text. Formats without a mark (TMX, TSV, Markdown...)
    come back as they are.
    """
    adapter = importlib.import_module(f"{__package__}.{format_of(path)}")
    if not hasattr(adapter, "mark_review"):
        return doc, fixed
    marked = adapter.mark_review(doc.text, fixed, str(path))
    old, new = fixed.split("\n"), marked.split("\n")
    endings: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        block = list(doc.endings[i1:i2]) or [doc.endings[min(i1, len(doc.endings) - 1)] or "\n"]
        if tag != "equal" and j2 - j1 > len(block):
            block = [block[0]] * (j2 - j1 - len(block)) + block
        endings += block[: j2 - j1] if tag != "equal" else block
    return dataclasses.replace(doc, endings=tuple(endings)), marked


def label_entries(report: dict[str, Any], layout: Prose) -> None:
    """Give each edit, suggestion and finding of a document's JSON report its segment's label (``segment``).

    The label (a unit id, a cue number) is that of the segment at the entry's offset in the file.
    """
    for key in ("edits", "suggestions", "rejected", "findings"):
        for entry in report.get(key, ()):
            label = layout.label_at(entry["raw_start"])
            if label:
                entry["segment"] = label

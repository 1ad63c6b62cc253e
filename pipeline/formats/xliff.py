"""XLIFF 1.2 and 2.x (2.0, 2.1): each unit's target is repaired with its own source as the source.

XLIFF 1.2 (and 1.0, 1.1): a ``<trans-unit>``'s ``<target>``; ``<g>`` and ``<mrk>`` hold text,
``<x/>``, ``<ph>``, ``<bpt>``/``<ept>``, ``<bx/>``/``<ex/>`` and ``<it>`` are codes. XLIFF 2.x: each
``<segment>`` of a ``<unit>``; ``<pc>`` and ``<mrk>`` hold text, ``<ph/>``, ``<cp/>``, ``<sc/>``/``<ec/>``,
``<sm/>``/``<em/>`` are codes. A unit with ``translate="no"`` is left alone, and so is
the PO header ``po2xliff`` makes a unit. Labels are unit ids
(``unit::segment`` for a 2.x unit of several segments).

>>> xlf = ('<xliff version="1.2"><file><body><trans-unit id="t1"><source>Где он?</source>'
...        '<target>Where <g id="1">is</g> he .</target></trans-unit></body></file></xliff>')
>>> [e.unit.id for e in entries(xlf, "a.xlf")], [s.label for s in segments(xlf, "a.xlf")]
(['t1'], ['t1'])
>>> entries(xlf, "a.xlf")[0].unit.target_codes
('g#1', '/g#1')
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from ..qa import Unit
from ..textio import InputError
from . import Segment
from .bilingual import Entry, Markup, Walker, as_lines, attribute_key, local, text_span
from .bilingual import segments as segments_of
from .xmlspans import XmlFile, start_tag

GETTEXT_HEADER = "x-gettext-domain-header"  # po2xliff's unit for a PO header: metadata, not prose

MARKUP_1 = Markup(
    containers=frozenset({"g", "mrk"}),
    paired_codes=frozenset({"bpt", "ept", "bx", "ex", "it"}),
    key=attribute_key("id", "rid", "mid"),
    uncounted=frozenset({"mrk"}),
)
MARKUP_2 = Markup(
    containers=frozenset({"pc", "mrk"}),
    paired_codes=frozenset({"sc", "ec", "sm", "em"}),
    key=attribute_key("id", "startRef", "hex"),
    uncounted=frozenset({"mrk", "sm", "em"}),
)


def version(xml: XmlFile, name: str) -> int:
    """The XLIFF major version of the file (1 or 2); a file that is not XLIFF raises ``InputError``."""
    if local(xml.root) != "xliff":
        raise InputError(f"{name}: not an XLIFF file (root element <{local(xml.root)}>)")
    declared = xml.root.get("version", "")
    namespace = etree.QName(xml.root).namespace or ""
    if declared.startswith("2") or namespace.endswith(":2.0"):
        return 2
    return 1


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if isinstance(c.tag, str) and local(c) == name), None)


def _entry(xml: XmlFile, walker: Walker, label: str, holder: etree._Element) -> Entry:
    """The entry of one unit (1.2) or segment (2.x): ``holder`` holds its ``<source>`` and ``<target>``."""
    source, target = _child(holder, "source"), _child(holder, "target")
    walked_source = walker.walk(source) if source is not None else None
    source_text = walked_source.shown if walked_source is not None else ""
    source_codes = tuple(walked_source.codes) if walked_source is not None else ()
    if target is None:
        start, _ = xml.span(holder)
        return Entry(None, Unit(label, source_text, "", source_codes, ()), start, start)
    walked = walker.walk(target)
    start, end = text_span(walked.lines, *xml.span(target))
    segment = Segment(as_lines(walked), source_text, label)
    return Entry(segment, Unit(label, source_text, walked.shown, source_codes, tuple(walked.codes)), start, end)


def _translatable(element: etree._Element) -> bool:
    return element.get("translate", "yes") != "no"


def _units(xml: XmlFile, name: str) -> list[tuple[Entry, etree._Element]]:
    """Every unit (1.2) or segment (2.x) with the element holding its state (``<target>``, ``<segment>``)."""
    found: list[tuple[Entry, etree._Element]] = []
    if version(xml, name) == 1:
        walker = Walker(xml, MARKUP_1)
        for unit in xml.root.iter(etree.Element):
            if local(unit) == "trans-unit" and _translatable(unit) and unit.get("restype") != GETTEXT_HEADER:
                entry = _entry(xml, walker, unit.get("id", str(len(found) + 1)), unit)
                found.append((entry, _child(unit, "target")))
        return found
    walker = Walker(xml, MARKUP_2)
    for unit in xml.root.iter(etree.Element):
        if local(unit) != "unit" or not _translatable(unit):
            continue
        parts = [c for c in unit if isinstance(c.tag, str) and local(c) == "segment"]
        for k, segment in enumerate(parts, start=1):
            label = unit.get("id", str(len(found) + 1))
            if len(parts) > 1:
                label = f"{label}::{segment.get('id', k)}"
            found.append((_entry(xml, walker, label, segment), segment))
    return found


@lru_cache(maxsize=4)  # a file's entries give its segments, its QA and its review marks
def entries(text: str, name: str) -> tuple[Entry, ...]:
    """Every unit (1.2) or segment (2.x) of the file, in file order."""
    return tuple(entry for entry, _ in _units(XmlFile(text, name), name))


def mark_review(raw: str, fixed: str, name: str) -> str:
    """``fixed`` with each unit whose target differs from ``raw``'s marked for review.

    XLIFF 1.2: ``state="needs-review-translation"`` on the ``<target>``; 2.x: ``state="translated"``
    (translated, not reviewed) and ``subState="mtfix:repaired"`` on the ``<segment>``. Only the start
    tag of those elements is written anew (same attributes, in order, with the state set).
    """
    before = entries(raw, name)
    xml = XmlFile(fixed, name)
    state = {"state": "needs-review-translation"} if version(xml, name) == 1 else {
        "state": "translated", "subState": "mtfix:repaired"}
    pieces, cursor = [], 0
    for old, (new, holder) in zip(before, _units(xml, name), strict=True):
        if old.unit.target == new.unit.target or holder is None:
            continue
        tag, _ = xml.tags(holder)
        pieces += [fixed[cursor : tag.start], start_tag(holder, {**holder.attrib, **state}, tag.empty)]
        cursor = tag.end
    return "".join(pieces) + fixed[cursor:]


def segments(text: str, name: str) -> list[Segment]:
    """The targets' segments, for the repair."""
    return segments_of(entries(text, name))

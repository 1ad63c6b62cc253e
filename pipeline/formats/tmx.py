"""TMX: each ``<tu>``'s target ``<seg>`` is repaired with the source-language ``<seg>`` as its source.

The source language is the header's ``srclang`` (with ``*all*``, the first ``<tuv>``'s); the target is
the first ``<tuv>`` in another language. ``<hi>`` holds text; ``<bpt>``/``<ept>``, ``<it>``, ``<ph>`` and
``<ut>`` are codes. Labels are the ``tuid`` or, without one, the unit's number in the file.

>>> tmx = ('<tmx version="1.4"><header srclang="ru"/><body><tu tuid="7"><tuv xml:lang="ru"><seg>Да ?</seg></tuv>'
...        '<tuv xml:lang="en"><seg>Yes <ph x="1"/>?</seg></tuv></tu></body></tmx>')
>>> [(e.unit.id, e.unit.source, e.unit.target_codes) for e in entries(tmx, "a.tmx")]
[('7', 'Да ?', ('ph#1',))]
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from ..qa import Unit
from ..textio import InputError
from . import Segment
from .bilingual import Entry, Markup, Walker, as_lines, attribute_key, local, text_span
from .bilingual import segments as segments_of
from .xmlspans import XmlFile

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

MARKUP = Markup(
    containers=frozenset({"hi"}),
    paired_codes=frozenset({"bpt", "ept", "it"}),
    key=attribute_key("i", "x", "pos"),
)


def _lang(tuv: etree._Element) -> str:
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()


def _seg(tuv: etree._Element) -> etree._Element | None:
    return next((c for c in tuv if isinstance(c.tag, str) and local(c) == "seg"), None)


@lru_cache(maxsize=4)  # a file's entries give its segments, its QA and its review marks
def entries(text: str, name: str) -> tuple[Entry, ...]:
    """Every translation unit with a source and a target ``<seg>``, in file order."""
    xml = XmlFile(text, name)
    if local(xml.root) != "tmx":
        raise InputError(f"{name}: not a TMX file (root element <{local(xml.root)}>)")
    header = next((e for e in xml.root.iter(etree.Element) if local(e) == "header"), None)
    srclang = (header.get("srclang", "") if header is not None else "").lower()
    walker = Walker(xml, MARKUP)
    found = []
    number = 0
    for tu in xml.root.iter(etree.Element):
        if local(tu) != "tu":
            continue
        number += 1
        tuvs = [c for c in tu if isinstance(c.tag, str) and local(c) == "tuv"]
        if not tuvs:
            continue
        lang = srclang if srclang and srclang != "*all*" else _lang(tuvs[0])
        source = next((t for t in tuvs if _lang(t) == lang), None)
        target = next((t for t in tuvs if _lang(t) != lang), None)
        source_seg = _seg(source) if source is not None else None
        target_seg = _seg(target) if target is not None else None
        if source_seg is None:
            continue
        label = tu.get("tuid") or str(number)
        walked_source = walker.walk(source_seg)
        if target_seg is None:
            start, _ = xml.span(tu)
            found.append(Entry(None, Unit(label, walked_source.shown, "", tuple(walked_source.codes)), start, start))
            continue
        walked = walker.walk(target_seg)
        start, end = text_span(walked.lines, *xml.span(target_seg))
        unit = Unit(label, walked_source.shown, walked.shown, tuple(walked_source.codes), tuple(walked.codes))
        found.append(Entry(Segment(as_lines(walked), walked_source.shown, label), unit, start, end))
    return tuple(found)


def segments(text: str, name: str) -> list[Segment]:
    """The target segments, for the repair."""
    return segments_of(entries(text, name))

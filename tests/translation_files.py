"""Translation files made by translate-toolkit from line-aligned sources and targets, for the format tests.

Each builder takes (source, target) pairs and returns the bytes translate-toolkit writes: XLIFF 1.2
through its ``xlifffile`` class (with ``<g>`` placeables), XLIFF 1.1 through its ``po2xliff`` converter,
XLIFF 2.1 through ``Xliff2File`` (``<pc>`` added to its unit elements), TMX through ``tmxfile``
(``<bpt>``/``<ept>`` added), and PO through ``pofile``. A unit is tagged when ``tagged(index)`` is
true: its source and target are wrapped in a paired code, as a CAT tool shows a formatted sentence.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from lxml import etree
from translate.convert import po2xliff
from translate.storage import pypo, tmx, xliff, xliff2
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as placeables

Pairs = Sequence[tuple[str, str]]

XLIFF_12 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="wmt22" source-language="ru" \
target-language="en" datatype="plaintext"><body></body></file></xliff>"""


def every_fourth(index: int) -> bool:
    """The default choice of tagged units."""
    return index % 4 == 0


def xliff12(pairs: Pairs, tagged: Callable[[int], bool] = every_fourth) -> bytes:
    store = xliff.xlifffile.parsestring(XLIFF_12)
    for i, (source, target) in enumerate(pairs):
        unit = store.UnitClass(source)
        store.addunit(unit)
        unit.setid(f"s{i + 1}")
        if tagged(i):
            unit.rich_source = [StringElem([placeables.G(id="1", sub=[source])])]
            unit.rich_target = [StringElem([placeables.G(id="1", sub=[target])])]
        else:
            unit.target = target
        unit.addnote(f"line {i + 1} of the WMT22 test set", origin="developer")
        unit.markfuzzy(i % 7 == 0)
    return bytes(store)


def po(pairs: Pairs) -> bytes:
    store = pypo.pofile()
    for i, (source, target) in enumerate(pairs):
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setcontext(f"wmt22-{i + 1}")
        unit.addnote(f"line {i + 1}", origin="developer")
        if i % 7 == 0:
            unit.markfuzzy(True)
    return bytes(store)


def xliff11_po2xliff(pairs: Pairs) -> bytes:
    out = io.BytesIO()
    po2xliff.convertpo(io.BytesIO(po(pairs)), out, None)
    return out.getvalue()


def _wrap(seg: etree._Element) -> None:
    """Move the text of an XLIFF 2 ``<source>`` or ``<target>`` into a ``<pc>``."""
    text, seg.text = seg.text, None
    inner = etree.SubElement(seg, f"{{{etree.QName(seg).namespace}}}pc", {"id": "1"})
    inner.text = text


def _pair(seg: etree._Element) -> None:
    """Put a TMX ``seg``'s text between a ``<bpt>``/``<ept>`` pair (``<b>``, ``</b>`` as their native code).

    The segment keeps text of its own (mixed content), so translate-toolkit does not indent inside it.
    """
    text, seg.text = seg.text, None
    begin = etree.SubElement(seg, "bpt", {"i": "1"})
    begin.text, begin.tail = "<b>", text
    etree.SubElement(seg, "ept", {"i": "1"}).text = "</b>"


def xliff21(pairs: Pairs, tagged: Callable[[int], bool] = every_fourth) -> bytes:
    store = xliff2.Xliff2File(sourcelanguage="ru", targetlanguage="en")
    store.document.getroot().set("version", "2.1")
    for i, (source, target) in enumerate(pairs):
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setid(f"u{i + 1}")
        if tagged(i):
            for part in ("source", "target"):
                _wrap(unit.xmlelement.find(unit.namespaced(part)))
    return bytes(store)


def tmx14(pairs: Pairs, tagged: Callable[[int], bool] = every_fourth) -> bytes:
    store = tmx.tmxfile(sourcelanguage="ru", targetlanguage="en")
    for i, (source, target) in enumerate(pairs):
        store.addtranslation(source, "ru", target, "en")
        if tagged(i):
            for seg in store.units[-1].xmlelement.iter("seg"):
                _pair(seg)
    return bytes(store)


BUILDERS = {"xliff12.xlf": xliff12, "xliff11.xlf": xliff11_po2xliff, "xliff21.xlf": xliff21,
            "tm.tmx": tmx14, "messages.po": po}

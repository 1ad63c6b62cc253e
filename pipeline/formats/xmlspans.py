"""Where each element and each piece of character data of an XML file is, in the file's text.

lxml gives the tree (namespaces, XPath) but no offsets; the expat parser reports every token with
the byte offset it starts at. ``XmlFile`` parses the file with both and pairs lxml's elements with
expat's start tags in document order, so an adapter can find a translation unit with lxml and ask
where its target's tags and text are. Character data comes as ``Chars`` tokens: literal text (the
file holds exactly ``data`` there) or a reference (``&amp;``, ``&#233;``) that stands for ``data``.

>>> xml = XmlFile('<a><b k="1">x &amp; y<c/></b></a>', "t.xml")
>>> b = xml.root[0]
>>> [(t.start, t.end, t.data, t.literal) for t in xml.content(b) if isinstance(t, Chars)]
[(12, 14, 'x ', True), (14, 19, '&', False), (19, 21, ' y', True)]
>>> xml.span(b[0]), xml.span(b)
((21, 25), (3, 29))
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from xml.parsers import expat
from xml.sax.saxutils import quoteattr

from lxml import etree

from ..textio import InputError


@dataclass(frozen=True)
class Chars:
    """Character data at ``start:end`` of the file text: literal when the file holds ``data`` itself."""

    start: int
    end: int
    data: str
    literal: bool


@dataclass(frozen=True)
class Tag:
    """The start or end tag (or an empty-element tag, ``empty``) of element number ``index``."""

    start: int
    end: int
    index: int
    closing: bool
    empty: bool = False


@dataclass(frozen=True)
class Other:
    """Anything else between tags: a comment, a processing instruction, a CDATA delimiter."""

    start: int
    end: int


Token = Chars | Tag | Other


@dataclass(frozen=True)
class _Element:
    open: Tag
    close: Tag


class XmlFile:
    """An XML file parsed twice: ``root`` is lxml's tree, the tokens say where everything is.

    Raises ``InputError`` naming ``name`` for a file that is not well-formed XML.
    """

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        data = text.encode("utf-8")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=False,
                                 encoding="utf-8")  # the text was read as UTF-8, whatever the declaration says
        try:
            self.root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as error:
            raise InputError(f"{name}: not well-formed XML ({error})") from None
        self.elements = list(self.root.iter(etree.Element))
        self._order = {element: i for i, element in enumerate(self.elements)}
        self.tokens, elements = _tokens(text, data, name)
        if len(elements) != len(self.elements):
            raise InputError(f"{name}: the XML parsers disagree on the elements ({len(elements)} and "
                             f"{len(self.elements)})")
        self._spans = elements
        self._where = {id(t): k for k, t in enumerate(self.tokens)}

    def index(self, element: etree._Element) -> int:
        """The document-order number of ``element``."""
        return self._order[element]

    def span(self, element: etree._Element) -> tuple[int, int]:
        """Where the element is in the file text, from its start tag to the end of its end tag."""
        spans = self._spans[self.index(element)]
        return spans.open.start, spans.close.end

    def tags(self, element: etree._Element) -> tuple[Tag, Tag]:
        """The element's start and end tag (the same tag for an empty element)."""
        spans = self._spans[self.index(element)]
        return spans.open, spans.close

    def content(self, element: etree._Element) -> list[Token]:
        """The tokens between the element's start and end tag, in file order."""
        spans = self._spans[self.index(element)]
        if spans.open.empty:
            return []
        first = self._where[id(spans.open)] + 1
        last = self._where[id(spans.close)]
        return self.tokens[first:last]

    def element_at(self, index: int) -> etree._Element:
        """The element with document-order number ``index``."""
        return self.elements[index]


XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
_ATTRIBUTE_ESCAPES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def start_tag(element: etree._Element, attributes: dict[str, str], empty: bool = False) -> str:
    """A start tag for ``element`` with ``attributes`` (Clark names, in order) and its own namespace declarations.

    >>> root = etree.fromstring('<a xmlns="urn:a"><b xml:lang="en" k="1"/></a>')
    >>> start_tag(root[0], {**root[0].attrib, "k": "2 & 3"}, empty=True)
    '<b xml:lang="en" k="2 &amp; 3"/>'
    """
    parent = element.getparent()
    inherited = parent.nsmap if parent is not None else {}
    prefixes = {uri: prefix for prefix, uri in element.nsmap.items()}
    prefixes[XML_NAMESPACE] = "xml"

    def qualified(name: str) -> str:
        qname = etree.QName(name)
        prefix = prefixes.get(qname.namespace) if qname.namespace else None
        return f"{prefix}:{qname.localname}" if prefix else qname.localname

    parts = [qualified(element.tag)]
    parts += [f"xmlns{':' + prefix if prefix else ''}={quoteattr(uri)}"
              for prefix, uri in element.nsmap.items() if inherited.get(prefix) != uri]
    parts += [f"{qualified(key)}={quoteattr(value, _ATTRIBUTE_ESCAPES)}" for key, value in attributes.items()]
    return "<" + " ".join(parts) + ("/>" if empty else ">")


def _tokens(text: str, data: bytes, name: str) -> tuple[list[Token], list[_Element]]:
    """Expat's tokens in file order, in character offsets, and each element's start and end tag."""
    raw: list[tuple[int, str, object]] = []
    parser = expat.ParserCreate(encoding="UTF-8")
    parser.buffer_text = False

    def at(kind: str, payload: object = None) -> None:
        raw.append((parser.CurrentByteIndex, kind, payload))

    parser.StartElementHandler = lambda _name, _attrs: at("start")
    parser.EndElementHandler = lambda _name: at("end")
    parser.CharacterDataHandler = lambda chars: at("chars", chars)
    parser.CommentHandler = lambda _data: at("other")
    parser.ProcessingInstructionHandler = lambda _target, _data: at("other")
    parser.StartCdataSectionHandler = lambda: at("other")
    parser.EndCdataSectionHandler = lambda: at("other")
    parser.DefaultHandler = lambda _data: at("other")
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise InputError(f"{name}: not well-formed XML ({error})") from None
    chars_at = _char_offsets(data, sorted({p for p, _, _ in raw} | {len(data)}))
    positions = sorted(chars_at.values())

    def next_after(pos: int) -> int:
        return positions[bisect.bisect_right(positions, pos)] if pos < positions[-1] else pos

    tokens: list[Token] = []
    elements: list[_Element | None] = []
    open_stack: list[tuple[int, Tag]] = []
    for byte_pos, kind, payload in raw:
        pos = chars_at[byte_pos]
        if kind == "start":
            end = next_after(pos)
            tag = Tag(pos, end, len(elements), False, text[end - 2 : end] == "/>")
            open_stack.append((len(elements), tag))
            elements.append(None)
            tokens.append(tag)
        elif kind == "end":
            index, opening = open_stack.pop()
            if opening.empty:
                closing = opening
            else:
                closing = Tag(pos, next_after(pos), index, True)
                tokens.append(closing)
            elements[index] = _Element(opening, closing)
        elif kind == "chars":
            chars = str(payload)
            end = next_after(pos)
            literal = text[pos:end] == chars
            if not literal and not (text.startswith("&", pos) and text[end - 1] == ";"):
                raise InputError(f"{name}: character data at offset {pos} cannot be located")
            tokens.append(Chars(pos, end, chars, literal))
        else:
            tokens.append(Other(pos, next_after(pos)))
    return tokens, [e for e in elements if e is not None]


def _char_offsets(data: bytes, byte_positions: list[int]) -> dict[int, int]:
    """The character offset of each of the sorted byte offsets of UTF-8 ``data``."""
    found, chars, last = {}, 0, 0
    for pos in byte_positions:
        chars += len(data[last:pos].decode("utf-8"))
        found[pos] = chars
        last = pos
    return found

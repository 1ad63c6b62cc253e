"""HTML: the text nodes of the body, read with the standard library's HTML tokenizer (``html.parser``).

The tokenizer reports each tag, text node, entity and comment with its position in the source, so
runs are exact spans of the file. A block element (``p``, ``li``, ``td``, ``h1``...) starts a new
segment; inline elements (``em``, ``a``, ``span``...) and comments are atoms shown as nothing, and
``br`` a placeholder. Entities and character references are atoms shown as the character
they stand for. Left alone, never seen by a rule: tags and their attributes, comments, the ``head``,
``script``, ``style``, ``pre``, ``textarea``, ``template`` (whole blocks) and ``code``, ``kbd``,
``samp``, ``img`` (a placeholder inside the prose). A line break inside a text node starts a new prose
line too, and the whitespace around it, which HTML renders as one space, is not prose.

``inline_pieces`` reads a fragment of markup (a subtitle cue's text) the same way, every tag inline.

>>> text = "<p class=x>Signed 16 in <em>March</em> 1921 &amp; <code>a , b</code>.</p><script>x , y</script>"
>>> [[text[p.start:p.end] if isinstance(p, Run) else p.shown for p in line]
...  for s in segments(text, "a.html") for line in s.lines]
[['Signed 16 in ', '', 'March', '', ' 1921 ', '&', ' ', '\\ufffc', '.']]
"""

from __future__ import annotations

import html
import itertools
from html.parser import HTMLParser

from . import PLACEHOLDER, Atom, Line, Run, Segment

INLINE = frozenset(
    ["a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font", "i", "ins",
     "label", "mark", "q", "rb", "rp", "rt", "rtc", "ruby", "s", "small", "span", "strike", "strong", "sub", "sup",
     "time", "tt", "u", "wbr"]
)
SKIPPED_BLOCKS = frozenset([
    "head", "title", "script", "style", "pre", "textarea", "template", "noscript", "svg", "math", "iframe",
    "object"
])
SKIPPED_INLINE = frozenset(["code", "kbd", "samp", "var", "img"])
VOID = frozenset([
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"
])


class _Reader(HTMLParser):
    """Collects segments of runs and atoms from one feed of markup starting at ``base`` in the file."""

    def __init__(self, text: str, base: int, fragment: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.text, self.base, self.fragment = text, base, fragment
        self.line_starts = list(itertools.accumulate((len(line) + 1 for line in text.split("\n")), initial=0))
        self.segments: list[list[list[Run | Atom]]] = []
        self.lines: list[list[Run | Atom]] = [[]]
        self.skipping: str | None = None
        self.skip_depth = 0
        self.skip_start = 0

    def position(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def end_of_tag(self, start: int) -> int:
        raw = self.get_starttag_text()
        return start + len(raw) if raw and self.text.startswith(raw, start) else self.text.index(">", start) + 1

    def close_segment(self) -> None:
        if any(isinstance(p, Run) for line in self.lines for p in line):
            self.segments.append(self.lines)
        self.lines = [[]]

    def add(self, piece: Run | Atom) -> None:
        line = self.lines[-1]
        if isinstance(piece, Run) and line and isinstance(line[-1], Run) and line[-1].end == piece.start:
            line[-1] = Run(line[-1].start, piece.end)
        else:
            line.append(piece)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.position()
        if self.skipping is not None:
            self.skip_depth += tag == self.skipping
            return
        if tag in SKIPPED_INLINE and not self.fragment:
            if tag in VOID:
                self.add(Atom(self.base + start, self.base + self.end_of_tag(start), PLACEHOLDER))
                return
            self.skipping, self.skip_depth, self.skip_start = tag, 1, start
        elif tag in SKIPPED_BLOCKS and not self.fragment:
            self.close_segment()
            self.skipping, self.skip_depth, self.skip_start = tag, 1, start
        elif tag == "br":
            self.add(Atom(self.base + start, self.base + self.end_of_tag(start), PLACEHOLDER))
        elif tag in INLINE or self.fragment:
            self.add(Atom(self.base + start, self.base + self.end_of_tag(start)))
        else:
            self.close_segment()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID or self.skipping is not None or self.fragment:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        start = self.position()
        if self.skipping is not None:
            if tag == self.skipping:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    end = self.text.index(">", start) + 1
                    if tag in SKIPPED_INLINE:
                        self.add(Atom(self.base + self.skip_start, self.base + end, PLACEHOLDER))
                    self.skipping = None
            return
        if tag in INLINE or self.fragment:
            self.add(Atom(self.base + start, self.base + self.text.index(">", start) + 1))
        elif tag != "br":
            self.close_segment()

    def handle_data(self, data: str) -> None:
        if self.skipping is not None:
            return
        start = self.position()
        for i, part in enumerate(data.split("\n")):
            if i:
                self.lines.append([])
            if part:
                self.add(Run(self.base + start, self.base + start + len(part)))
            start += len(part) + 1

    def _reference(self, prefix: str, name: str) -> None:
        if self.skipping is not None:
            return
        start = self.position()
        end = start + len(prefix) + len(name)
        end += self.text.startswith(";", end)
        self.add(Atom(self.base + start, self.base + end, html.unescape(self.text[start:end])))

    def handle_entityref(self, name: str) -> None:
        self._reference("&", name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#", name)

    def handle_comment(self, data: str) -> None:
        if self.skipping is None:
            start = self.position()
            self.add(Atom(self.base + start, self.base + start + len(data) + 7))


def _trimmed(file_text: str, line: list[Run | Atom]) -> Line:
    """The line without the whitespace at its ends (HTML renders it as at most one space): not prose."""
    pieces = list(line)
    runs = [k for k, p in enumerate(pieces) if isinstance(p, Run)]
    if runs:
        first = pieces[runs[0]]
        start = first.start
        while start < first.end and file_text[start].isspace():
            start += 1
        pieces[runs[0]] = Run(start, first.end)
        last = pieces[runs[-1]]
        end = last.end
        while end > last.start and file_text[end - 1].isspace():
            end -= 1
        pieces[runs[-1]] = Run(last.start, end)
    return tuple(p for p in pieces if not isinstance(p, Run) or p.end > p.start)


def _segments(file_text: str, reader: _Reader) -> list[Segment]:
    found = []
    for lines in reader.segments:
        kept = tuple(t for t in (_trimmed(file_text, line) for line in lines) if any(isinstance(p, Run) for p in t))
        if kept:
            found.append(Segment(kept, label=f"offset {kept[0][0].start}"))
    return found


def segments(text: str, name: str) -> list[Segment]:
    """The prose of the HTML file ``text``: one segment per block of inline content."""
    reader = _Reader(text, 0, fragment=False)
    reader.feed(text)
    reader.close()
    reader.close_segment()
    return _segments(text, reader)


def inline_pieces(file_text: str, start: int, end: int) -> list[Line]:
    """The lines of pieces of the markup fragment ``file_text[start:end]``, every tag an atom shown as nothing."""
    reader = _Reader(file_text[start:end], start, fragment=True)
    reader.feed(file_text[start:end])
    reader.close()
    reader.close_segment()
    return [line for lines in reader.segments for line in (_trimmed(file_text, x) for x in lines)]

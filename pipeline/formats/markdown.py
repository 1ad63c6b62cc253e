"""Markdown: the prose of paragraphs, headings, list items, table cells, link text and image alt text.

The file is parsed by markdown-it-py (CommonMark with tables and strikethrough, front matter and
``$``-math through mdit-py-plugins). Each inline token is one segment; its text children are found
in the source lines the token's ``map`` gives, in order, and become runs. Everything else is an atom:
emphasis and link delimiters, link destinations and titles, inline HTML (shown as nothing), escapes
and entities (shown as the character they stand for), code spans, autolinks and inline math (shown as
a placeholder). Code blocks, fences, HTML blocks, math blocks and front matter have no inline token,
so they are never seen. Soft and hard line breaks start a new prose line. An inline token whose text
is not found verbatim in its lines (a table cell with an escaped ``\\|``, which the parser unescapes)
is left alone, with the rest of its lines.

>>> text = "# Dates\\n\\nSigned 16 in March 1921, see [the *text*](https://x.org/a_b) and `a , b`.\\n"
>>> [[text[p.start:p.end] if isinstance(p, Run) else p.shown for p in line]
...  for s in segments(text, "a.md") for line in s.lines]
[['Dates'], ['Signed 16 in March 1921, see ', '', 'the ', '', 'text', '', '', ' and ', '\\ufffc', '.']]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from . import PLACEHOLDER, Atom, Line, Run, Segment

_DELIMITERS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


def parser() -> MarkdownIt:
    """The Markdown parser: CommonMark, tables, strikethrough, front matter, ``$`` math; text tokens kept apart."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
    return md.use(front_matter_plugin).use(dollarmath_plugin)


class _Lost(Exception):
    """A token's text is not where the parser's token says: the inline token is left alone."""


class _Locator:
    """Finds the tokens of one inline token in its lines of the file, left to right, collecting lines of pieces."""

    def __init__(self, text: str, cursor: int, limit: int) -> None:
        self.text, self.cursor, self.limit = text, cursor, limit
        self.lines: list[list[Run | Atom]] = [[]]

    def find(self, needle: str) -> int:
        found = self.text.find(needle, self.cursor, self.limit)
        if found < 0:
            raise _Lost(needle)
        return found

    def index(self, needle: str, start: int) -> int:
        found = self.text.find(needle, start, self.limit)
        if found < 0:
            raise _Lost(needle)
        return found

    def atom(self, start: int, end: int, shown: str = "") -> None:
        self.lines[-1].append(Atom(start, end, shown))
        self.cursor = end

    def run(self, content: str) -> None:
        if content:
            start = self.find(content)
            self.lines[-1].append(Run(start, start + len(content)))
            self.cursor = start + len(content)

    def link_end(self) -> None:
        """Skip the ``]`` that closes link text, with the ``(destination "title")`` or ``[label]`` after it."""
        start = self.find("]")
        end = start + 1
        if self.text.startswith("(", end):
            end = self._skip_space(end + 1)
            destination = parseLinkDestination(self.text, end, len(self.text))
            if destination.ok:
                end = self._skip_space(destination.pos)
                title = parseLinkTitle(self.text, end, len(self.text))
                if title.ok:
                    end = self._skip_space(title.pos)
            end = self.index(")", end) + 1
        elif self.text.startswith("[", end):
            end = self.index("]", end) + 1
        self.atom(start, end)

    def _skip_space(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in " \t\n":
            pos += 1
        return pos

    def children(self, tokens: Sequence[Token]) -> None:
        autolink = False
        for token in tokens:
            kind = token.type
            if autolink:
                if kind == "link_close":
                    autolink = False
                continue
            if kind == "text":
                self.run(token.content)
            elif kind == "text_special":
                start = self.find(token.markup)
                self.atom(start, start + len(token.markup), token.content)
            elif kind in ("softbreak", "hardbreak"):
                self.cursor = self.find("\n") + 1
                self.lines.append([])
            elif kind in _DELIMITERS:
                start = self.find(token.markup)
                self.atom(start, start + len(token.markup))
            elif kind == "link_open" and token.markup in ("autolink", "linkify"):
                start = self.find("<")
                self.atom(start, self.index(">", start) + 1, PLACEHOLDER)
                autolink = True
            elif kind == "link_open":
                start = self.find("[")
                self.atom(start, start + 1)
            elif kind == "link_close":
                self.link_end()
            elif kind == "image":
                start = self.find("![")
                self.atom(start, start + 2)
                self.children(token.children or ())
                self.link_end()
            elif kind == "html_inline":
                start = self.find(token.content)
                self.atom(start, start + len(token.content))
            elif kind == "code_inline":
                self._code(token.markup)
            elif kind == "math_inline":
                start = self.find("$")
                self.atom(start, self.find(token.content) + len(token.content) + 1, PLACEHOLDER)
            else:
                raise _Lost(kind)

    def _code(self, ticks: str) -> None:
        start = self.find(ticks)
        pos = start + len(ticks)
        while True:
            pos = self.index(ticks, pos)
            after = pos + len(ticks)
            if self.text[pos - 1] != "`" and not self.text.startswith("`", after):
                break
            pos = after
            while self.text.startswith("`", pos):
                pos += 1
        self.atom(start, after, PLACEHOLDER)


def segments(text: str, name: str) -> list[Segment]:
    """The prose of the Markdown file ``text``: one segment per inline token (a paragraph, heading, cell)."""
    line_starts = list(itertools.accumulate((len(line) + 1 for line in text.split("\n")), initial=0))
    found: list[Segment] = []
    cursor = 0
    for token in parser().parse(text):
        if token.type != "inline" or not token.children:
            continue
        limit = len(text)
        if token.map is not None:
            cursor = max(cursor, line_starts[token.map[0]])
            limit = min(len(text), line_starts[token.map[1]])
        locator = _Locator(text, cursor, limit)
        try:
            locator.children(token.children)
        except _Lost:
            cursor = limit
            continue
        cursor = locator.cursor
        lines: tuple[Line, ...] = tuple(tuple(line) for line in locator.lines)
        label = f"line {token.map[0] + 1}" if token.map is not None else ""
        found.append(Segment(lines, label=label))
    return found

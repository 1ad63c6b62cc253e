"""Gettext PO: each ``msgstr`` (each ``msgstr[N]`` of a plural) is repaired with its ``msgid`` as the source.

translate-toolkit parses the file (units, plurals, flags, obsolete entries); the offsets of the
``msgstr`` strings come from ``_Lexer``, which reads only the quoted strings of PO's line syntax and
must decode every ``msgstr`` to exactly what translate-toolkit read, or the file is refused. Escapes
(``\\"``, ``\\\\``, ``\\t``) are atoms showing the character they stand for, ``\\n`` ends a line of the
segment, and the quotes between the strings of a continued ``msgstr`` are seams (atoms showing nothing
that a rule's match may span).
Format specifiers are codes, never edited: printf ones (``%s``, ``%(name)s``, ``%1$d``) in an entry
flagged ``c-format``, ``python-format`` or the like, and ``%s``/``%d``/``%(name)s`` and ``{0}``/``{name}``
in any entry. The header entry and obsolete (``#~``) entries are left alone.

>>> po = 'msgid "Hello %s"\\nmsgstr ""\\n"Privet %s , "\\n"friend"\\n'
>>> e = entries(po, "a.po")[0]
>>> e.unit.source, e.unit.target, e.unit.target_codes
('Hello \\ufffc', 'Privet \\ufffc , friend', ('%s',))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex
from translate.storage import pypo

from ..qa import ATOM, Unit
from ..textio import InputError
from . import PLACEHOLDER, Atom, Piece, Run, Segment
from .bilingual import Entry, text_span
from .bilingual import segments as segments_of

PRINTF = regex.compile(r"%(?:\d+\$|\([\w.]+\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?"
                       r"[diouxXeEfFgGcrsa]", regex.V1)
PLAIN = regex.compile(r"%(?:\([\w.]+\))?[sd](?![\p{L}\p{N}])|\{(?:\d+|[A-Za-z_]\w*)\}", regex.V1)
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


@dataclass
class _String:
    """One ``msgstr`` as read from the file: its pieces by line, its decoded text, where it starts."""

    start: int
    lines: list[list[Piece]] = field(default_factory=lambda: [[]])
    decoded: list[str] = field(default_factory=list)


def _literal(text: str, start: int, end: int, string: _String) -> None:
    """Add the quoted string ``text[start:end]`` (quotes included) to ``string``."""
    pos, run_start = start + 1, start + 1
    close = end - 1

    def flush(upto: int) -> None:
        if upto > run_start:
            string.lines[-1].append(Run(run_start, upto))

    while pos < close:
        if text[pos] == "\\" and pos + 1 < close:
            flush(pos)
            char = text[pos + 1]
            meaning = ESCAPES.get(char)
            if meaning == "\n":
                string.lines.append([])
            else:
                shown = meaning if meaning is not None else PLACEHOLDER
                string.lines[-1].append(Atom(pos, pos + 2, shown))
            string.decoded.append(meaning if meaning is not None else "\\" + char)
            pos += 2
            run_start = pos
            continue
        string.decoded.append(text[pos])
        pos += 1
    flush(close)


def _quoted(line: str) -> tuple[int, int] | None:
    """Where the quoted string of a PO line is (first to last double quote), relative to the line."""
    first, last = line.find('"'), line.rstrip().rfind('"')
    return (first, last + 1) if first != -1 and last > first else None


def _msgstrs(text: str) -> list[list[_String]]:
    """The ``msgstr`` strings of each live entry (not obsolete), in file order, header included."""
    entries: list[list[_String]] = []
    current: _String | None = None
    last_end = 0
    in_msgstr = False
    offset = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        keyword = stripped.split(" ", 1)[0] if stripped else ""
        if keyword.startswith("msgstr"):
            where = _quoted(line)
            if where is None:
                raise InputError(f"line {text.count(chr(10), 0, offset) + 1}: msgstr without a string")
            if not in_msgstr:
                entries.append([])
            current = _String(offset + where[0])
            entries[-1].append(current)
            _literal(text, offset + where[0], offset + where[1], current)
            last_end = offset + where[1]
            in_msgstr = True
        elif stripped.startswith('"') and in_msgstr and current is not None:
            where = _quoted(line)
            if where is not None:
                current.lines[-1].append(Atom(last_end - 1, offset + where[0] + 1, "", joins=True))
                _literal(text, offset + where[0], offset + where[1], current)
                last_end = offset + where[1]
        elif stripped and not stripped.startswith('"'):
            in_msgstr = False
            current = None
        offset += len(line) + 1
    return entries


def _with_codes(lines: list[list[Piece]], text: str, pattern: regex.Pattern[str]) -> list[list[Piece]]:
    """The lines with each format specifier inside a run made an atom showing ``PLACEHOLDER``."""
    out: list[list[Piece]] = []
    for line in lines:
        pieces: list[Piece] = []
        for piece in line:
            if not isinstance(piece, Run):
                pieces.append(piece)
                continue
            cursor = piece.start
            for m in pattern.finditer(text, piece.start, piece.end):
                if m.start() > cursor:
                    pieces.append(Run(cursor, m.start()))
                pieces.append(Atom(m.start(), m.end(), PLACEHOLDER))
                cursor = m.end()
            if cursor < piece.end:
                pieces.append(Run(cursor, piece.end))
        out.append(pieces)
    return out


def _codes(text: str, pattern: regex.Pattern[str]) -> tuple[str, tuple[str, ...]]:
    """The text with each specifier as ``ATOM``, and the specifiers in order."""
    return pattern.sub(ATOM, text), tuple(m.group() for m in pattern.finditer(text))


def _strings(value: object) -> list[str]:
    strings = getattr(value, "strings", None)
    return [str(s) for s in strings] if strings else [str(value)]


@lru_cache(maxsize=4)  # a file's entries give its segments, its QA and its review marks
def entries(text: str, name: str) -> tuple[Entry, ...]:
    """Every ``msgstr`` of the live translation entries, in file order."""
    try:
        store = pypo.pofile.parsestring(text.encode("utf-8"))
    except Exception as error:  # translate-toolkit raises several kinds on a broken file
        raise InputError(f"{name}: not a PO file ({error})") from None
    units = [u for u in store.units if not u.isobsolete()]
    try:
        found_strings = _msgstrs(text)
    except InputError as error:
        raise InputError(f"{name}: {error}") from None
    if len(found_strings) != len(units):
        raise InputError(f"{name}: {len(found_strings)} msgstr entries found, translate-toolkit read {len(units)}")
    found = []
    for unit, strings in zip(units, found_strings, strict=True):
        targets = _strings(unit.target) if unit.hasplural() else [str(unit.target)]
        if ["".join(s.decoded) for s in strings] != targets[: len(strings)] or len(strings) != len(targets):
            raise InputError(f"{name}:{text.count(chr(10), 0, strings[0].start) + 1}: cannot locate the msgstr "
                             "translate-toolkit read")
        if unit.isheader():
            continue
        flags = " ".join(unit.typecomments)
        pattern = PRINTF if "-format" in flags and "no-" not in flags else PLAIN
        sources = _strings(unit.source) if unit.hasplural() else [str(unit.source)]
        label = " ".join(unit.getid().replace("\x04", " | ").split())[:60]  # one line, for lint output
        for k, (string, target) in enumerate(zip(strings, targets, strict=True)):
            source = sources[min(k, len(sources) - 1)]
            source_text, source_codes = _codes(source, pattern)
            target_text, target_codes = _codes(target, pattern)
            ordered = all(not c.startswith(("%(", "{")) and "$" not in c for c in (*source_codes, *target_codes))
            unit_id = label if len(strings) == 1 else f"{label}[{k}]"
            qa_unit = Unit(unit_id, source_text, target_text, source_codes, target_codes, ordered)
            lines = _with_codes(string.lines, text, pattern)
            segment = Segment(tuple(tuple(line) for line in lines), source_text, unit_id)
            found.append(Entry(segment, qa_unit, *text_span(lines, string.start, string.start + 1)))
    return tuple(found)


def _heads(text: str) -> list[tuple[int, int | None]]:
    """For each live entry: the offset of its first ``msgctxt``/``msgid`` line and of its ``#,`` flags line.

    An entry starts at the first ``msgctxt`` or ``msgid`` line after a ``msgstr`` (or the file's start);
    a flags line counts when it comes after the previous entry's ``msgstr`` and is not obsolete.
    """
    heads: list[tuple[int, int | None]] = []
    flags: int | None = None
    after_msgstr = True
    offset = 0
    for line in text.split("\n"):
        if line.startswith("#,"):
            flags = offset
        elif line.startswith("#~"):
            flags = None
        elif line.startswith(("msgctxt", "msgid ", "msgid\t")) and after_msgstr:
            heads.append((offset, flags))
            after_msgstr, flags = False, None
        elif line.startswith("msgstr"):
            after_msgstr = True
        offset += len(line) + 1
    return heads


def mark_review(raw: str, fixed: str, name: str) -> str:
    """``fixed`` with each entry whose ``msgstr`` differs from ``raw``'s flagged ``fuzzy`` (for review).

    The flag joins the entry's ``#,`` line, or a ``#, fuzzy`` line is added before its ``msgctxt``/``msgid``.
    """
    before = pypo.pofile.parsestring(raw.encode("utf-8")).units
    after = pypo.pofile.parsestring(fixed.encode("utf-8")).units
    live = [(old, new) for old, new in zip(before, after, strict=True) if not new.isobsolete()]
    heads = _heads(fixed)
    if len(heads) != len(live):
        raise InputError(f"{name}: {len(heads)} entries found, translate-toolkit read {len(live)}")
    pieces, cursor = [], 0
    for (old, new), (head, flags) in zip(live, heads, strict=True):
        if new.isheader() or new.isfuzzy() or _strings(old.target) == _strings(new.target):
            continue
        if flags is None:
            pieces += [fixed[cursor:head], "#, fuzzy\n"]
            cursor = head
        else:
            end = fixed.index("\n", flags) if "\n" in fixed[flags:] else len(fixed)
            pieces += [fixed[cursor:end], ", fuzzy"]
            cursor = end
    return "".join(pieces) + fixed[cursor:]


def segments(text: str, name: str) -> list[Segment]:
    """The ``msgstr`` segments, for the repair."""
    return segments_of(entries(text, name))

"""Reading and writing documents byte-faithfully: BOM, line endings and the final newline are kept.

The runner sees a document as its lines joined by LF, without a BOM; ``encode`` puts every line's
own ending back, so a CRLF file stays CRLF and a file without a final newline stays without one.

>>> doc = decode(b"\\xef\\xbb\\xbfa\\r\\nb", "x.txt")
>>> doc.text, doc.bom, doc.endings
('a\\nb', True, ('\\r\\n', ''))
>>> encode(doc, "A\\nB")
b'\\xef\\xbb\\xbfA\\r\\nB'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

BOM = "\ufeff"


class InputError(ValueError):
    """Input the tool cannot process; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Document:
    """A decoded text file: LF-joined lines, each line's own ending, and whether it had a BOM."""

    name: str
    text: str
    endings: tuple[str, ...]
    bom: bool

    @property
    def line_count(self) -> int:
        """Number of lines (a final line without a newline counts)."""
        return len(self.endings)


def decode(data: bytes, name: str) -> Document:
    """Decode UTF-8 bytes into a ``Document``; binary or non-UTF-8 data raises ``InputError``."""
    nul = data.find(b"\0")
    if nul != -1:
        raise InputError(f"{name}: binary file (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    lines = text.split("\n")
    endings = ["\n"] * (len(lines) - 1) + [""]
    if "\r" in text:
        for i, line in enumerate(lines[:-1]):
            if line.endswith("\r"):
                lines[i] = line[:-1]
                endings[i] = "\r\n"
        text = "\n".join(lines)
    if lines[-1] == "" and len(lines) > 1:
        endings.pop()
        text = text[:-1]
    return Document(name, text, tuple(endings), bom)


def encode(doc: Document, text: str) -> bytes:
    """The bytes of ``text`` (LF-joined, as the runner returns it) with ``doc``'s BOM and line endings."""
    lines = text.split("\n")
    if len(lines) != len(doc.endings):
        raise ValueError(f"{doc.name}: {len(lines)} lines after repair, {len(doc.endings)} before")
    if all(e == "\n" for e in doc.endings[:-1]):
        body = text + doc.endings[-1]
    else:
        body = "".join(line + ending for line, ending in zip(lines, doc.endings, strict=True))
    return ((BOM if doc.bom else "") + body).encode("utf-8")


def read_document(path: Path) -> Document:
    """Read and decode ``path``; a missing, unreadable, binary or non-UTF-8 file raises ``InputError``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    return decode(data, str(path))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise

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
import errno
import os
import shutil
import stat
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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


def decode(data: bytes, name: str, offset: int = 0) -> Document:
    """Decode UTF-8 bytes into a ``Document``; binary or non-UTF-8 data raises ``InputError``.

    ``offset`` is where ``data`` starts in the file when it is one chunk of it: errors name file
    offsets, and only the chunk at offset 0 can start with a BOM.
    """
    nul = data.find(b"\0")
    if nul != -1:
        raise InputError(f"{name}: binary file (NUL byte at offset {offset + nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[error.start]:02x} at offset {offset + error.start})"
        ) from None
    bom = offset == 0 and text.startswith(BOM)
    if bom:
        text = text[1:]
    count = text.count("\n") + 1
    endings = ["\n"] * (count - 1) + [""]
    if "\r" in text:
        lines = text.split("\n")
        for i, line in enumerate(lines[:-1]):
            if line.endswith("\r"):
                lines[i] = line[:-1]
                endings[i] = "\r\n"
        text = "\n".join(lines)
    if count > 1 and text.endswith("\n"):
        endings.pop()
        text = text[:-1]
    return Document(name, text, tuple(endings), bom)


def encode(doc: Document, text: str) -> bytes:
    """The bytes of ``text`` (LF-joined, as the runner returns it) with ``doc``'s BOM and line endings."""
    count = text.count("\n") + 1
    if count != len(doc.endings):
        raise ValueError(f"{doc.name}: {count} lines after repair, {len(doc.endings)} before")
    if "\r\n" not in doc.endings[:-1]:
        body = text + doc.endings[-1]
    else:
        body = "".join(line + ending for line, ending in zip(text.split("\n"), doc.endings, strict=True))
    return ((BOM if doc.bom else "") + body).encode("utf-8")


@contextlib.contextmanager
def reading(path: Path | str) -> Iterator[None]:
    """Turn the OS errors of opening or reading ``path`` into one-line ``InputError``s."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def read_document(path: Path) -> Document:
    """Read and decode ``path``; a missing, unreadable, binary, non-UTF-8 or non-regular file raises ``InputError``."""
    with open_binary(path) as handle, reading(path):
        data = handle.read()
    return decode(data, str(path))


def open_binary(path: Path) -> BinaryIO:
    """Open the regular file ``path`` for reading bytes; anything else raises ``InputError``.

    A FIFO, a device (``/dev/zero``) or a folder is refused before a byte is read: a FIFO would
    block until a writer comes, a device may never end. The file is opened without blocking, so
    that opening a FIFO cannot hang either.
    """
    with reading(path):
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                raise InputError(f"{path}: not a regular file (a FIFO, socket or device); pipe it to '-' instead")
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            return os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise


@contextlib.contextmanager
def writing(name: str) -> Iterator[None]:
    """Turn the OS errors of writing ``name`` (a full disk, a closed stream) into one-line ``InputError``s.

    A broken pipe is left as it is: the reader went away, which is no error of this run.
    """
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise InputError(f"{name}: cannot write ({error.strerror or error})") from None


def create_file(path: Path) -> BinaryIO:
    """A new file at ``path`` for writing bytes, with the mode the umask gives (``open`` with ``x``)."""
    return path.open("xb")


def stdin_binary() -> BinaryIO:
    """The standard input as bytes; a closed standard input raises ``InputError``."""
    if sys.stdin is None:
        raise InputError("<stdin>: closed; give a file, or '-' with input piped in")
    return sys.stdin.buffer


def stdout_binary() -> BinaryIO:
    """The standard output as bytes; a closed standard output raises ``InputError``."""
    if sys.stdout is None:
        raise InputError("<stdout>: closed; nowhere to write")
    return sys.stdout.buffer


_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(name: str) -> str:
    r"""``name`` safe to show in a terminal, a report or a diff header: controls and undecodable bytes escaped.

    A newline, a terminal escape, a bidi control or a byte that was not UTF-8 in a file name (kept by
    Python as a lone surrogate) becomes its escape; everything else is kept.

    >>> printable("a\nb\x1b[31m.txt"), printable("lat\udce9.txt"), printable("Привет.txt")
    ('a\\nb\\x1b[31m.txt', 'lat\\xe9.txt', 'Привет.txt')
    """
    if name.isprintable():
        return name
    shown = []
    for char in name:
        if "\udc80" <= char <= "\udcff":
            shown.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif unicodedata.category(char) == "Cc":
            shown.append(char.encode("unicode_escape").decode("ascii"))
        elif unicodedata.category(char) == "Cs" or char in _BIDI_CONTROLS:
            shown.append(f"\\u{ord(char):04x}")
        else:
            shown.append(char)
    return "".join(shown)


def copy_out(spool: BinaryIO, out: BinaryIO, block: int = 1 << 20) -> None:
    """Copy the whole of ``spool`` (a file) to ``out``: inside the kernel where the system can, else by blocks.

    ``os.sendfile`` copies 50 MB from a temporary file in about 0.03 s; reading and writing it
    through Python buffers takes about 0.25 s.
    """
    out.flush()
    size, sent = spool.seek(0, os.SEEK_END), 0
    target = descriptor(out) if hasattr(os, "sendfile") else None
    if target is not None:
        try:
            while sent < size and (count := os.sendfile(target, spool.fileno(), sent, size - sent)):
                sent += count
            return
        except OSError as error:
            if sent or error.errno not in (errno.EINVAL, errno.ENOSYS):  # only "not between these two files"
                raise
    spool.seek(0)
    shutil.copyfileobj(spool, out, block)


def descriptor(stream: BinaryIO) -> int | None:
    """The file descriptor behind ``stream``, or None for an in-memory stream."""
    try:
        return stream.fileno()
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        return None

"""Streaming repair: an input read, repaired and written in chunks of whole lines, on one or more processes.

Peak memory depends on the chunk size and the number of chunks in flight, not on the input size.
Each chunk is checked (UTF-8, no NUL byte) as it is decoded; on bad input the whole input is read
again for the error the whole file would give (its first bad byte). Results may come before that
error, so a caller that writes them holds them back until the stream ends (``fix`` spools them to a
temporary file): bad input gives a clear error and no half-written output. A pipe is first copied
to a temporary file, so that it can be read again.

With several processes, workers forked from the reader (where the platform can fork) read their
chunks from the open input themselves: only a chunk's place in the file goes to them, and only its
repaired bytes come back.

Rules judge each line on its own and read document facts computed once from the start of the
input (``runner.FACT_WINDOW``) and settled (``batch.file_facts``), so the output does not depend on
the chunk size or the number of processes: it equals ``fix_text`` over the whole document. An input
of one chunk is repaired by ``fix_text`` at once, which settles the facts on the repair it returns.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import itertools
import multiprocessing
import multiprocessing.context
import os
import shutil
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from .batch import file_facts
from .config import Config
from .model import Rule
from .profiling import Profile
from .registry import doc_fact_functions, select_rules
from .reports.lint import Problem, problems
from .runner import FACT_WINDOW, Result, fix_text
from .textio import Document, InputError, decode, descriptor, encode

CHUNK_BYTES = 1 << 20
PARALLEL_MIN_BYTES = 4 * CHUNK_BYTES
BLOCK = 1 << 20
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


def default_jobs() -> int:
    """All the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def max_jobs() -> int:
    """The most processes a run may start: 4 per core, and at least 64."""
    return max(64, 4 * (os.cpu_count() or 1))


def check_input(read: Callable[[int], bytes], name: str) -> None:
    """Raise the error ``textio.decode`` would give for the whole input (a NUL byte first, then UTF-8).

    ``read(offset)`` returns the next block of the input, from its start; empty at the end.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, utf8_error = 0, None
    while block := read(offset):
        nul = block.find(b"\0")
        if nul != -1:
            raise InputError(f"{name}: binary file (NUL byte at offset {offset + nul})")
        if utf8_error is None:
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                at = offset - pending + error.start
                utf8_error = f"{name}: not UTF-8 text (invalid byte 0x{error.object[error.start]:02x} at offset {at})"
        offset += len(block)
    if utf8_error is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as error:
            at = offset - len(error.object) + error.start
            utf8_error = f"{name}: not UTF-8 text (invalid byte 0x{error.object[error.start]:02x} at offset {at})"
    if utf8_error is not None:
        raise InputError(utf8_error)


def seekable(binary: BinaryIO) -> BinaryIO:
    """``binary`` itself if it can seek, else a temporary copy of it (the caller closes it)."""
    if binary.seekable():
        return binary
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the caller closes it
    shutil.copyfileobj(binary, handle, BLOCK)
    handle.seek(0)
    return handle


def _reader(handle: BinaryIO, start: int) -> Callable[[int], bytes]:
    """Blocks of ``handle`` from ``start``, by seeking."""

    def read(offset: int) -> bytes:
        handle.seek(start + offset)
        return handle.read(BLOCK)

    return read


@dataclass(frozen=True)
class Chunk:
    """Whole lines of the input: their bytes, where they start, and their aligned source lines."""

    data: bytes
    offset: int
    first_line: int
    source: tuple[str, ...] | None = None


def read_chunks(handle: BinaryIO, size: int = CHUNK_BYTES, source: Iterable[str] | None = None) -> Iterator[Chunk]:
    """Chunks of about ``size`` bytes, each ending at a line end (the last one may not)."""
    source_lines = iter(source) if source is not None else None
    offset, line = 0, 0
    while data := handle.read(size):
        if not data.endswith(b"\n"):
            data += handle.readline()
        count = data.count(b"\n") + (not data.endswith(b"\n"))
        aligned = tuple(itertools.islice(source_lines, count)) if source_lines is not None else None
        yield Chunk(data, offset, line, aligned)
        offset += len(data)
        line += count


def head_facts(handle: BinaryIO, name: str, config: Config | None = None,
               source: Sequence[str] | None = None) -> dict[str, Any]:
    """Document facts of the input, from its first ``FACT_WINDOW`` characters; the handle is rewound.

    They are settled as ``fix_text`` settles them over the whole input (``batch.file_facts``), with
    the rules ``config`` selects and the ``source`` lines aligned with the input.
    """
    if not doc_fact_functions():
        return {}
    start = handle.tell()
    texts, length = [], 0
    for chunk in read_chunks(handle):
        text = decode(chunk.data, name, chunk.offset).text
        texts.append(text)
        length += len(text) + 1
        if length > FACT_WINDOW:
            break
    handle.seek(start)
    return file_facts("\n".join(texts), config or Config(), source)


@dataclass(frozen=True)
class Settings:
    """What every chunk of a run needs; sent once to each worker process."""

    config: Config
    name: str
    mode: str  # "fix" (repaired bytes) or "check" (problems)
    profile: bool = False
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass
class ChunkResult:
    """The repaired bytes (``fix``) or the problems (``check``) of one chunk."""

    data: bytes = b""
    problems: list[Problem] = field(default_factory=list)
    lines: int = 0
    profile: Profile | None = None


@dataclass(frozen=True)
class FileSlice:
    """A chunk sent by where it lies in the input file: a worker forked from the reader reads it itself."""

    offset: int
    size: int
    first_line: int

    def read(self, fd: int) -> Chunk:
        """The chunk, read from the open file ``fd`` without moving its position."""
        data = os.pread(fd, self.size, self.offset)
        while len(data) < self.size and (more := os.pread(fd, self.size - len(data), self.offset + len(data))):
            data += more
        return Chunk(data, self.offset, self.first_line)


_worker: tuple[Settings, tuple[Rule, ...], int | None] | None = None


def _die_with_parent(parent: int) -> None:
    """End this worker when the run ends, however it ends: a worker must not outlive its parent.

    Ctrl-C reaches every process of the terminal's group; the parent handles it and ends its
    workers, so a worker ignores SIGINT and leaves SIGTERM at its default (end quietly). On Linux
    the kernel also sends SIGTERM when the parent dies, even by SIGKILL.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def _init_worker(settings: Settings, fd: int | None, parent: int) -> None:
    global _worker
    _die_with_parent(parent)
    _worker = (settings, select_rules(settings.config.select, settings.config.ignore), fd)


def _run_in_worker(item: Chunk | FileSlice) -> ChunkResult:
    assert _worker is not None
    settings, rules, fd = _worker
    if isinstance(item, FileSlice):
        assert fd is not None, "a file slice goes only to workers forked with the file open"
        item = item.read(fd)
    return repair_chunk(item, settings, rules)


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """The fork start method where the platform has it: workers then share the parent's open input."""
    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def repair_chunk(chunk: Chunk, settings: Settings, rules: tuple[Rule, ...]) -> ChunkResult:
    """Repair one chunk as a document of its own, with the input's facts; lines count from the chunk's."""
    doc = decode(chunk.data, settings.name, chunk.offset)
    profile = Profile() if settings.profile else None
    result = fix_text(doc.text, rules, apply_review=settings.config.apply_review, source=chunk.source,
                      doc=settings.facts, profile=profile, first_line=chunk.first_line)
    return _chunk_result(doc, result, settings, chunk.first_line, profile)


def _chunk_result(doc: Document, result: Result, settings: Settings, first_line: int,
                  profile: Profile | None) -> ChunkResult:
    """What a chunk gives: its repaired bytes (``fix``) or its problems (``check``)."""
    if settings.mode == "fix":
        return ChunkResult(encode(doc, result.text), lines=doc.line_count, profile=profile)
    found = problems(settings.name, result.edits, result.findings, result.raw, first_line)
    return ChunkResult(problems=found, lines=doc.line_count, profile=profile)


def _repair_whole(handle: BinaryIO, settings: Settings, source: Sequence[str] | None,
                  source_path: Path | None) -> ChunkResult:
    """Repair an input of one chunk at once: ``fix_text`` settles its facts on the repair it returns,
    where facts settled apart would cost a second repair of the same text."""
    start = handle.tell()
    doc = decode(handle.read(), settings.name)
    if source is not None:
        _check_alignment(_reader(handle, start), settings.name, source, source_path)
    profile = Profile() if settings.profile else None
    rules = select_rules(settings.config.select, settings.config.ignore)
    result = fix_text(doc.text, rules, apply_review=settings.config.apply_review, source=source, profile=profile)
    return _chunk_result(doc, result, settings, 0, profile)


def run_chunks(chunks: Iterable[Chunk], settings: Settings, jobs: int, fd: int | None = None) -> Iterator[ChunkResult]:
    """Results of every chunk, in input order, from ``jobs`` processes (at most 2 chunks each in flight).

    ``fd``, the open file the chunks come from, lets forked workers read each chunk themselves, so
    only its place in the file goes through the pipe to them.
    """
    if jobs <= 1:
        rules = select_rules(settings.config.select, settings.config.ignore)
        for chunk in chunks:
            yield repair_chunk(chunk, settings, rules)
        return
    context = _fork_context()
    shared = fd if context is not None else None
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                               initargs=(settings, shared, os.getpid()))
    pending: deque[Future[ChunkResult]] = deque()
    try:
        for chunk in chunks:
            item = chunk if shared is None or chunk.source is not None else FileSlice(
                chunk.offset, len(chunk.data), chunk.first_line)
            pending.append(pool.submit(_run_in_worker, item))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """End ``pool`` now: cancel what waits, and end the workers instead of letting them finish their chunk."""
    workers = list(getattr(pool, "_processes", {}).values())  # the executor has no public way to them
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=5)


def stream(binary: BinaryIO, settings: Settings, jobs: int, source: Sequence[str] | None = None,
           source_path: Path | None = None) -> Iterator[ChunkResult]:
    """Compute the facts of ``binary``, then repair it chunk by chunk (on ``jobs`` processes if large).

    Raises ``InputError`` for bad input, possibly after yielding the results of the chunks before
    it. ``source`` holds the lines of the source file ``source_path``, which must be line-aligned
    with the input.
    """
    handle = seekable(binary)
    start = handle.tell()
    try:
        if _remaining(handle) <= CHUNK_BYTES:
            yield _repair_whole(handle, settings, source, source_path)
            return
        settings = replace(settings, facts=head_facts(handle, settings.name, settings.config, source))
        if source is not None:
            _check_alignment(_reader(handle, start), settings.name, source, source_path)
            handle.seek(start)
        workers = jobs if _remaining(handle) >= PARALLEL_MIN_BYTES and source is None else 1
        yield from run_chunks(read_chunks(handle, source=source), settings, workers, descriptor(handle))
    except InputError:
        check_input(_reader(handle, start), settings.name)  # bad bytes first, named as in the whole input
        raise
    finally:
        if handle is not binary:
            handle.close()


def _check_alignment(read: Callable[[int], bytes], name: str, source: Sequence[str], path: Path | None) -> None:
    """Raise ``InputError`` unless the input has as many lines as ``source`` (as ``sources.aligned_source``)."""
    offset, newlines, last = 0, 0, b""
    while block := read(offset):
        newlines += block.count(b"\n")
        offset, last = offset + len(block), block
    lines = newlines + (not last.endswith(b"\n"))
    if lines != len(source):
        raise InputError(f"{path}: source has {len(source)} lines, but {name} has {lines}; "
                         "a source must be line-aligned with its translation")


def _remaining(handle: BinaryIO) -> int:
    here = handle.tell()
    end = handle.seek(0, os.SEEK_END)
    handle.seek(here)
    return end - here

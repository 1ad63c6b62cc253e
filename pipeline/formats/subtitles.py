"""Subtitles: the cue text of SRT (read with ``srt``) and WebVTT (read with ``webvtt-py``) files.

The library parses the file; each cue's text is then found right after its timing line, and read
with the HTML tokenizer of ``formats.html``, so styling tags (``<i>``, ``<v Bob>``) and entities are
atoms. Cue numbers, identifiers, timecodes, cue settings, ``NOTE``, ``STYLE`` and ``REGION`` blocks are
never seen. One segment per cue, one prose line per line of cue text.

>>> text = "1\\n00:00:01,000 --> 00:00:02,500\\nAt 08: 15 <i>sharp</i> , go\\n"
>>> [[text[p.start:p.end] if isinstance(p, Run) else p.shown for p in line]
...  for s in segments(text, "a.srt") for line in s.lines]
[['At 08: 15 ', '', 'sharp', '', ' , go']]
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import srt
import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from ..textio import InputError
from . import Run, Segment
from .html import inline_pieces


def _cue_texts(text: str, name: str) -> Iterable[tuple[str, str]]:
    """(label, cue text) of each cue, in file order, as the format's library reads them."""
    if name.lower().endswith(".vtt"):
        try:
            captions = webvtt.from_buffer(io.StringIO(text)).captions
        except (MalformedFileError, MalformedCaptionError) as error:
            raise InputError(f"{name}: not a WebVTT file ({error})") from None
        for n, caption in enumerate(captions, 1):
            yield caption.identifier or f"cue {n}", caption.raw_text
        return
    try:
        for subtitle in srt.parse(text):
            yield str(subtitle.index), subtitle.content
    except srt.SRTParseError as error:
        raise InputError(f"{name}: not an SRT file ({error})") from None


def segments(text: str, name: str) -> list[Segment]:
    """The prose of the subtitle file ``text``: one segment per cue."""
    found = []
    cursor = 0
    for label, cue in _cue_texts(text, name):
        timing = text.find("-->", cursor)
        start = text.find("\n", timing) + 1 if timing >= 0 else 0
        if timing < 0 or start == 0 or not text.startswith(cue, start):
            raise InputError(f"{name}: cannot find the text of cue {label} after its timing line")
        cursor = start + len(cue)
        lines = tuple(line for line in inline_pieces(text, start, cursor) if any(isinstance(p, Run) for p in line))
        if lines:
            found.append(Segment(lines, label=label))
    return found

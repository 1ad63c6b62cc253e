"""The repair as a pure function over a batch of lines: what a Dask, Spark or Beam job maps.

>>> from mtfix.config import Config
>>> lines, edits = fix_lines(["at 08: 15 , then", "clean line"], Config())
>>> lines
['at 08:15, then', 'clean line']
>>> [(e.rule_id, e.line) for e in edits]
[('typo.clock_time', 1), ('typo.space_before_punct', 1)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .config import Config
from .model import Edit
from .registry import select_rules
from .runner import Result, fix_text, settle_facts


def fix_lines(
    lines: Iterable[str],
    config: Config,
    *,
    doc: Mapping[str, Any] | None = None,
    source: Sequence[str] | None = None,
    first_line: int = 0,
) -> tuple[list[str], list[Edit]]:
    """Repair ``lines`` (without their line endings); returns the fixed lines and every edit and suggestion.

    ``doc`` holds the document facts of the file the batch comes from (``runner.document_facts``
    over its text); without it they are computed from the batch. ``source`` holds the source lines
    aligned with ``lines``. Edit positions count from the batch's first line; ``first_line`` is
    that line's index in its file, for rules that name lines in messages. Output has as many lines
    as input; no line may contain a line break. ``lines`` may be any iterable of str (a list, a
    generator, a Spark partition); a bare str is refused (``TypeError``), since it would be read
    one character per line.
    """
    if isinstance(lines, str | bytes):
        raise TypeError("fix_lines: expected an iterable of lines, got a single str; wrap it in a list")
    lines = list(lines)
    if not all(isinstance(line, str) for line in lines):
        raise TypeError("fix_lines: every line must be a str")
    if any("\n" in line for line in lines):
        raise ValueError("fix_lines: a line contains a line break; pass lines without their endings")
    rules = select_rules(config.select, config.ignore)
    result = fix_text("\n".join(lines), rules, apply_review=config.apply_review, source=source, doc=doc,
                      first_line=first_line)
    return result.text.split("\n") if lines else [], result.edits


def file_facts(text: str, config: Config, source: Sequence[str] | None = None) -> dict[str, Any]:
    """The document facts of a file with text ``text``, for ``fix_lines(..., doc=...)`` over its batches.

    Read from the start of the text and settled as ``fix_text`` settles them
    (``runner.settle_facts``), so that fixing the fixed file again changes nothing. ``text`` may be
    the whole file or only its first ``runner.FACT_WINDOW`` characters or more, in whole lines.
    """
    rules = select_rules(config.select, config.ignore)

    def fix_head(head: str, facts: Mapping[str, Any]) -> Result:
        aligned = source[: head.count("\n") + 1] if source is not None else None
        return fix_text(head, rules, apply_review=config.apply_review, source=aligned, doc=facts)

    return settle_facts(text, fix_head)[0]

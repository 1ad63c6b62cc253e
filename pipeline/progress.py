"""A progress bar on stderr, shown only when stderr is a terminal and the work is large enough."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")

LARGE_INPUT = 4_000_000


def progress(items: Iterable[T], count: int, total_chars: int, label: str) -> Iterable[T]:
    """``items`` (``count`` of them), wrapped in a bar when there is more than one or they are large,
    on a terminal."""
    wanted = (count > 1 or total_chars > LARGE_INPUT) and sys.stderr.isatty()
    if not wanted:
        return items
    from tqdm import tqdm  # only a terminal run pays for importing it

    return tqdm(items, total=count, desc=label, unit="file", file=sys.stderr)

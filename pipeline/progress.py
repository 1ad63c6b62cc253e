"""A progress bar on stderr, shown only when stderr is a terminal and the work is large enough."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

LARGE_INPUT = 4_000_000


def progress(items: Sequence[T], total_chars: int, label: str) -> Iterable[T]:
    """``items``, wrapped in a bar when there is more than one or they are large, on a terminal."""
    wanted = (len(items) > 1 or total_chars > LARGE_INPUT) and sys.stderr.isatty()
    if not wanted:
        return items
    from tqdm import tqdm  # only a terminal run pays for importing it

    return tqdm(items, desc=label, unit="file", file=sys.stderr)

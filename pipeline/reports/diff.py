"""The unified diff from the raw text to the fixed text."""

from __future__ import annotations

import difflib


def unified_diff(raw: str, fixed: str, raw_name: str, fixed_name: str) -> str:
    """A unified diff of two LF-joined texts, empty when they are equal.

    >>> print(unified_diff("a\\nb 08: 15", "a\\nb 08:15", "raw/x.txt", "fixed/x.txt"), end="")
    --- raw/x.txt
    +++ fixed/x.txt
    @@ -1,2 +1,2 @@
     a
    -b 08: 15
    +b 08:15
    """
    lines = difflib.unified_diff(raw.split("\n"), fixed.split("\n"), raw_name, fixed_name, lineterm="")
    return "".join(line + "\n" for line in lines)

"""The unified diff from the raw text to the fixed text.

Repairs keep every line in its place (line *i* of the fixed text is line *i* of the raw text,
repaired), so the diff needs no alignment search: the changed lines are those that differ at the
same index, which takes time linear in the text. ``difflib`` would search for an alignment, which
is quadratic in bad cases (4 minutes for a 6 MB file). The format is ``difflib.unified_diff``'s,
with 3 lines of context and hunks joined when at most 6 unchanged lines part them. Only a file
that gains lines besides its repairs (a PO entry marked ``#, fuzzy`` for review) is aligned by
``difflib``.
"""

from __future__ import annotations

import difflib

CONTEXT = 3


def _range(start: int, length: int) -> str:
    """A hunk's range as unified diffs write it: ``start`` counts from 1; a length of 1 is left out."""
    return str(start + 1) if length == 1 else f"{start + 1},{length}"


def unified_diff(raw: str, fixed: str, raw_name: str, fixed_name: str) -> str:
    """A unified diff of two LF-joined texts, empty when they are equal (linear when lines are kept).

    >>> print(unified_diff("a\\nb 08: 15", "a\\nb 08:15", "raw/x.txt", "fixed/x.txt"), end="")
    --- raw/x.txt
    +++ fixed/x.txt
    @@ -1,2 +1,2 @@
     a
    -b 08: 15
    +b 08:15
    """
    old, new = raw.split("\n"), fixed.split("\n")
    if len(old) != len(new):
        return "".join(f"{line}\n" if not line.endswith("\n") else line
                       for line in difflib.unified_diff(old, new, raw_name, fixed_name, lineterm=""))
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    if not changed:
        return ""
    out = [f"--- {raw_name}\n", f"+++ {fixed_name}\n"]
    k = 0
    while k < len(changed):
        last = k
        while last + 1 < len(changed) and changed[last + 1] - changed[last] - 1 <= 2 * CONTEXT:
            last += 1
        start, end = max(0, changed[k] - CONTEXT), min(len(old), changed[last] + 1 + CONTEXT)
        out.append(f"@@ -{_range(start, end - start)} +{_range(start, end - start)} @@\n")
        i = start
        while i < end:
            if old[i] == new[i]:
                out.append(f" {old[i]}\n")
                i += 1
                continue
            run = i
            while run < end and old[run] != new[run]:
                run += 1
            out.extend(f"-{line}\n" for line in old[i:run])
            out.extend(f"+{line}\n" for line in new[i:run])
            i = run
        k = last + 1
    return "".join(out)

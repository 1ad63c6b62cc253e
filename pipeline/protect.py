"""Protected spans: URLs, e-mail addresses, file paths and code in backticks are never edited.

>>> [text[s:e] for text in ["see https://x.org/a?b=1 , now"] for s, e in protected_spans(text)]
['https://x.org/a?b=1']
>>> protected_spans("run `a , b` here")
[(4, 11)]
"""

from __future__ import annotations

import regex

PROTECTED = regex.compile(
    r"""
    `[^`\n]+`                                        # code in backticks
    | \b(?:https?|ftp)://[^\s<>"“”]+                 # URLs with a scheme
    | \bwww\.[^\s<>"“”]+                             # bare www. addresses
    | \b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b               # e-mail addresses
    | (?<![\w/])(?:[A-Za-z]:\\|~/|\.{1,2}/|/)(?:[\w.-]+[/\\])+[\w.-]*  # file paths
    """,
    regex.VERBOSE,
)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of ``text`` that no rule may edit."""
    return [m.span() for m in PROTECTED.finditer(text)]

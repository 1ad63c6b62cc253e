"""``index.html`` of a folder run: every document with its counts, worst first, each linking to its page.

A self-contained page like the review pages (no scripts at all): a table of documents sorted by
findings, then review suggestions, then edits, with totals; a checkbox hides the documents that
need nothing (pure CSS), ticked by default for ``--changed-only`` and for runs of many documents.

>>> rows = [IndexEntry("a.txt", "a.html", 0, 0, 0, 3, 0), IndexEntry("b.txt", "b.html", 2, 1, 0, 9, 2)]
>>> [e.name for e in worst_first(rows)]
['b.txt', 'a.txt']
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from .. import __version__

MANY = 20  # above this many documents, the index opens with only those that need something


@dataclass(frozen=True)
class IndexEntry:
    """One document of the run: its name, its review page (relative link) and what the run found."""

    name: str
    page: str
    edits: int
    suggestions: int
    findings: int
    lines: int
    changed_lines: int

    @property
    def clean(self) -> bool:
        """Nothing to look at: no edit, suggestion or finding."""
        return not (self.edits or self.suggestions or self.findings)


def worst_first(entries: Sequence[IndexEntry]) -> list[IndexEntry]:
    """Documents by findings, then suggestions, then edits (most first), then name."""
    return sorted(entries, key=lambda e: (-e.findings, -e.suggestions, -e.edits, e.name))


STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222}
header{padding:.8em 1.5em;border-bottom:1px solid #ddd} h1{font-size:1.3em;margin:.2em 0}
main{padding:.6em 1.5em 2em}
table{border-collapse:collapse;width:100%;max-width:60em}
th,td{padding:3px 8px;border-top:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left;overflow-wrap:anywhere}
tfoot td{font-weight:600;border-top:2px solid #ccc}
tr.findings td:first-child{border-left:3px solid #c33} tr.suggestions td:first-child{border-left:3px solid #d90}
tr.edits td:first-child{border-left:3px solid #4a4} tr.unchanged{color:#777}
#changed-only:checked~table tbody tr.unchanged{display:none}
@media (max-width:600px){main,header{padding-left:.6em;padding-right:.6em}th,td{padding:3px 4px}
 .lines{display:none}}
"""


def _row(entry: IndexEntry) -> str:
    kind = "findings" if entry.findings else "suggestions" if entry.suggestions else "edits" if entry.edits else ""
    cls = kind or "unchanged"
    href = html.escape(quote(os.fsencode(entry.page)))
    return (f'<tr class="{cls}"><td><a href="{href}">{html.escape(entry.name)}</a></td>'
            f"<td>{entry.findings}</td><td>{entry.suggestions}</td><td>{entry.edits}</td>"
            f'<td class="lines">{entry.changed_lines} / {entry.lines}</td></tr>')


def index_html(entries: Sequence[IndexEntry], changed_only: bool = False) -> str:
    """The index page of one run's documents."""
    ordered = worst_first(entries)
    totals = [sum(getattr(e, name) for e in entries)
              for name in ("findings", "suggestions", "edits", "changed_lines", "lines")]
    unchanged = sum(e.clean for e in entries)
    ticked = " checked" if changed_only or len(entries) > MANY else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>mtfix: {len(entries)} documents</title><style>{STYLE}</style></head><body>"
        f"<header><h1>mtfix: {len(entries)} documents</h1><p>{len(entries) - unchanged} with something to "
        f"review or repaired, {unchanged} unchanged. Worst first: findings, then review suggestions, then edits. "
        f"mtfix {__version__}.</p></header><main>"
        f'<input type="checkbox" id="changed-only"{ticked}> <label for="changed-only">changed documents only '
        f"(hide {unchanged} unchanged)</label>"
        '<table><thead><tr><th>document</th><th>findings</th><th>suggestions</th><th>edits</th>'
        '<th class="lines">changed lines</th></tr></thead><tbody>'
        + "".join(_row(e) for e in ordered)
        + f'</tbody><tfoot><tr><td>all {len(entries)}</td><td>{totals[0]}</td><td>{totals[1]}</td>'
        f'<td>{totals[2]}</td><td class="lines">{totals[3]} / {totals[4]}</td></tr></tfoot></table>'
        "</main></body></html>\n"
    )

"""The quality measures of a document as people read them: an HTML section for the review page, and
the lines ``fix`` prints after each document."""

from __future__ import annotations

import html
from typing import Any

from ..quality import Quality
from ..scores import format_table


def quality_html(quality: Quality) -> str:
    """A small HTML section: the scores table (with a reference) and the counts per 1,000 words."""
    parts = []
    if quality.scores is not None:
        rows = "".join(
            f"<tr><td>{m.name}</td><td>{m.raw:.2f}</td><td>{m.fixed:.2f}</td><td>{m.fixed - m.raw:+.2f}</td>"
            f"<td>{'no change' if m.p_value is None else f'{m.p_value:.4f}'}</td>"
            f"<td><code>{html.escape(m.fixed_signature)}</code></td></tr>"
            for m in quality.scores.metrics
        )
        parts.append(
            f"<h2>Scores against {html.escape(quality.reference or '')}</h2><table class=\"scores\">"
            "<tr><th>metric</th><th>raw</th><th>fixed</th><th>change</th><th>p (paired bootstrap)</th>"
            f"<th>signature</th></tr>{rows}</table>"
        )
    rows = []
    for kind in ("artifacts", "findings"):
        for family, row in quality.counts[kind].items():
            rows.append(_count_row(f"{kind}: {family}", row))
    grammar = quality.counts["grammar"]
    if grammar is not None:
        rows.append(_count_row(f"grammar issues on {_checked(grammar)} ({grammar['checker']}; "
                               f"{grammar['brought']} brought, {grammar['removed']} removed by the repair)", grammar))
    parts.append("<h2>Per 1,000 words</h2><table class=\"counts\"><tr><th></th><th>before</th><th>after</th></tr>"
                 f"{''.join(rows)}</table>")
    return "".join(parts)


def _count_row(label: str, row: dict[str, Any]) -> str:
    return (f"<tr><td>{html.escape(label)}</td><td>{row['before_per_1000']:.2f} ({row['before']})</td>"
            f"<td>{row['after_per_1000']:.2f} ({row['after']})</td></tr>")


def terminal_summary(quality: Quality) -> str:
    """The lines printed after ``fix``: the scores table, artifacts and grammar per 1,000 words."""
    lines = []
    if quality.scores is not None:
        lines.append(format_table(quality.scores, f"  scores against {quality.reference}:"))
    total = quality.counts["artifacts"]["total"]
    lines.append(f"  artifacts per 1,000 words: {total['before_per_1000']:.2f} -> {total['after_per_1000']:.2f}")
    grammar = quality.counts["grammar"]
    if grammar is not None:
        lines.append(f"  grammar issues on {_checked(grammar)} ({grammar['checker']}): {grammar['before']} -> "
                     f"{grammar['after']}, {grammar['brought']} brought and {grammar['removed']} removed by the repair")
    return "\n".join(lines)


def _checked(grammar: dict[str, Any]) -> str:
    lines = grammar["lines"]
    what = "line" if lines == 1 else "lines"
    return f"all {lines} {what}" if grammar["scope"] == "full" else f"the {lines} changed {what}"

"""The JSON report of one document: every edit, suggestion, finding and conflict, with the tool version.

Edits a reviewer rejected are listed under ``rejected`` (not applied, ``"decision": "reject"``);
``raw_sha256`` identifies the raw text that the spans index (see ``pipeline.decisions``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import __version__
from ..config import Config
from ..decisions import raw_hash
from ..runner import Result


def json_report(result: Result, input_name: str, config: Config) -> dict[str, Any]:
    """The JSON-ready report of a run on ``input_name``."""
    applied = result.applied
    return {
        "tool": {"name": "mtfix", "version": __version__},
        "input": input_name,
        "raw_sha256": raw_hash(result.raw),
        "lines": result.raw.count("\n") + 1,
        "config": {
            "select": list(config.select),
            "ignore": list(config.ignore),
            "apply_review": config.apply_review,
        },
        "counts": {
            "edits": len(applied),
            "suggestions": len(result.suggestions),
            "findings": len(result.findings),
            "conflicts": len(result.conflicts),
            "rejected": len(result.rejected),
            "by_rule": dict(sorted(Counter(e.rule_id for e in applied).items())),
        },
        "edits": [e.to_json() for e in applied],
        "suggestions": [e.to_json() for e in result.suggestions],
        "findings": [f.to_json() for f in result.findings],
        "rejected": [e.to_json() for e in result.rejected],
        "conflicts": [c.to_json() for c in result.conflicts],
    }

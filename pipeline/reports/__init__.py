"""Reports of a run: unified diff, JSON ledger, self-contained HTML page, lint lines for ``check``."""

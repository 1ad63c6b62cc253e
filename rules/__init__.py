"""Staged rule modules: one module per artifact family, each declaring its STAGE and RULES."""

"""Run settings: command-line options merged over ``[tool.mtfix]`` of ``pyproject.toml``.

An unknown key is an error, never silently ignored.

>>> parse_table({"select": ["typo"], "apply-review": True}, "pyproject.toml")
{'select': ('typo',), 'apply_review': True}
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """A configuration the tool refuses: unknown key, wrong type, unknown rule."""


@dataclass(frozen=True)
class Config:
    """Which rules run and which tiers are applied."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    apply_review: bool = False


KEYS: Mapping[str, type] = {"select": list, "ignore": list, "apply-review": bool}


def parse_table(table: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """Check a ``[tool.mtfix]`` table and return it with Python names (``apply_review``)."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{origin}: [tool.mtfix] must be a table of settings, got {type(table).__name__}")
    parsed: dict[str, Any] = {}
    for key, value in table.items():
        expected = KEYS.get(key)
        if expected is None:
            raise ConfigError(f"{origin}: unknown [tool.mtfix] key {key!r} (known: {', '.join(sorted(KEYS))})")
        if not isinstance(value, expected) or (expected is list and not all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{origin}: [tool.mtfix] {key} must be a {expected.__name__}")
        parsed[key.replace("-", "_")] = tuple(value) if expected is list else value
    return parsed


def load_file_settings(directory: Path) -> dict[str, Any]:
    """The ``[tool.mtfix]`` settings of ``directory/pyproject.toml``, or none."""
    path = directory / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror})") from None
    tool = data.get("tool", {})
    return parse_table(tool.get("mtfix", {}) if isinstance(tool, dict) else tool, str(path))


def build_config(
    select: list[str] | None, ignore: list[str] | None, apply_review: bool | None, directory: Path
) -> Config:
    """Command-line values where given, else the file's, else the defaults."""
    settings = load_file_settings(directory)
    return Config(
        select=tuple(select) if select else settings.get("select", ()),
        ignore=tuple(ignore) if ignore else settings.get("ignore", ()),
        apply_review=apply_review if apply_review is not None else settings.get("apply_review", False),
    )

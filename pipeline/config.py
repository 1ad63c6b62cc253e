"""Run settings: command-line options merged over the nearest configuration file.

The file is found as Ruff finds its own: from the folder of the inputs upwards, the first folder
holding an ``mtfix.toml`` (settings at its top level) or a ``pyproject.toml`` with a ``[tool.mtfix]``
table (a ``pyproject.toml`` without one is passed over). ``--config FILE`` names the file instead.
An unknown key is an error, never silently ignored.

>>> parse_table({"select": ["typo"], "apply-review": True}, "pyproject.toml")
{'select': ('typo',), 'apply_review': True}
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
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
FILE_NAME = "mtfix.toml"


def parse_table(table: Mapping[str, Any], origin: str, section: str = "[tool.mtfix]") -> dict[str, Any]:
    """Check a ``[tool.mtfix]`` table (or an ``mtfix.toml``) and return it with Python names (``apply_review``)."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{origin}: {section} must be a table of settings, got {type(table).__name__}")
    parsed: dict[str, Any] = {}
    for key, value in table.items():
        expected = KEYS.get(key)
        if expected is None:
            raise ConfigError(f"{origin}: unknown {section} key {key!r} (known: {', '.join(sorted(KEYS))})")
        if not isinstance(value, expected) or (expected is list and not all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{origin}: {section} {key} must be a {expected.__name__}")
        parsed[key.replace("-", "_")] = tuple(value) if expected is list else value
    return parsed


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None


def _table(path: Path, data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The mtfix settings of a parsed file: ``[tool.mtfix]`` of a pyproject.toml, else the whole file."""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: [tool] must be a table")
        table = tool.get("mtfix")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.mtfix] must be a table")
        return table
    return data


def find_config(start: Path) -> Path | None:
    """The configuration file that applies to ``start`` (a folder): the nearest one upwards, or none."""
    for folder in (start, *start.parents):
        own = folder / FILE_NAME
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _table(pyproject, _read_toml(pyproject)) is not None:
            return pyproject
    return None


def start_folder(paths: Sequence[str]) -> Path:
    """Where the search for a configuration starts: the folder holding every input (cwd for stdin)."""
    folders = [Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent
               for p in paths if p != "-"]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd().resolve()


def load_file_settings(path: Path | None) -> dict[str, Any]:
    """The checked settings of the configuration file ``path`` (none for ``None``)."""
    if path is None:
        return {}
    section = "[tool.mtfix]" if path.name == "pyproject.toml" else path.name
    return parse_table(_table(path, _read_toml(path)) or {}, str(path), section)


def build_config(
    select: list[str] | None, ignore: list[str] | None, apply_review: bool | None, path: Path | None
) -> Config:
    """Command-line values where given, else those of the configuration file ``path``, else the defaults."""
    settings = load_file_settings(path)
    return Config(
        select=tuple(select) if select else settings.get("select", ()),
        ignore=tuple(ignore) if ignore else settings.get("ignore", ()),
        apply_review=apply_review if apply_review is not None else settings.get("apply_review", False),
    )

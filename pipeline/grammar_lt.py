"""LanguageTool as a grammar checker, through ``language-tool-python``: a server by URL, or a local install.

``--languagetool`` chooses:

- ``URL``: a running LanguageTool server (``remote_server``), e.g. a team's own;
- ``local``: language-tool-python starts LanguageTool itself (it needs Java, and downloads LanguageTool
  on first use unless one is on disk: ``LTP_PATH`` names its download folder, ``LTP_JAR_DIR_PATH``
  skips the download);
- ``auto``: the server named by ``MTFIX_LANGUAGETOOL_URL``, else a LanguageTool already on disk (never a
  download), else unavailable;
- ``off``: no LanguageTool.

``open_languagetool`` raises ``GrammarUnavailable`` with the reason when it cannot give a checker;
``pipeline.grammar.GrammarSession`` turns that into the one-line notice and goes on without it.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from .grammar import (
    DEFAULT_TIMEOUT,
    Checker,
    GrammarSession,
    GrammarSettings,
    GrammarUnavailable,
    HarperChecker,
    Match,
    Notice,
    reason,
)

SERVER_ENV = "MTFIX_LANGUAGETOOL_URL"
LANGUAGE = "en-US"
MODES = ("auto", "local", "off")


class LanguageToolChecker:
    """A ``language_tool_python.LanguageTool`` in use: one ``/v2/check`` request per text."""

    family = "lt"

    def __init__(self, tool: object, where: str) -> None:
        self._tool = tool
        self.name = f"LanguageTool ({where})"

    def matches(self, text: str) -> list[Match]:
        """Every match LanguageTool reports on ``text``; offsets are Python string offsets."""
        found = []
        for m in self._tool.check(text):  # type: ignore[attr-defined]
            spelling = m.category == "TYPOS" or m.rule_issue_type == "misspelling"
            found.append(Match(m.rule_id, m.message, m.offset, m.offset + m.error_length, spelling))
        return found

    def close(self) -> None:
        """Stop a local server this checker started (a remote one is left alone)."""
        self._tool.close()  # type: ignore[attr-defined]


def _tool_class(timeout: float) -> type:
    """language-tool-python's ``LanguageTool`` with a request timeout of ``timeout`` seconds."""
    from language_tool_python import LanguageTool

    class TimedLanguageTool(LanguageTool):
        _TIMEOUT = timeout  # type: ignore[assignment]

    return TimedLanguageTool


def installed_languagetool(env: Mapping[str, str]) -> str | None:
    """The version of a LanguageTool already on disk (in ``LTP_PATH`` or the default cache), if any."""
    folder = Path(env.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    if not folder.is_dir():
        return None
    versions = sorted(p.name.removeprefix("LanguageTool-") for p in folder.glob("LanguageTool-*") if p.is_dir())
    return versions[-1] if versions else None


def _open(mode: str, timeout: float, env: Mapping[str, str]) -> LanguageToolChecker:
    tool_class = _tool_class(timeout)
    if mode not in MODES:
        return LanguageToolChecker(tool_class(LANGUAGE, remote_server=mode), mode)
    if mode == "local":
        return LanguageToolChecker(tool_class(LANGUAGE), "local")
    server = env.get(SERVER_ENV)
    if server:
        return LanguageToolChecker(tool_class(LANGUAGE, remote_server=server), server)
    if shutil.which("java") is None:
        raise GrammarUnavailable(f"no server in {SERVER_ENV} and no Java for a local LanguageTool")
    version = installed_languagetool(env)
    if version is not None:
        return LanguageToolChecker(tool_class(LANGUAGE, language_tool_download_version=version), f"local {version}")
    jar_dir = env.get("LTP_JAR_DIR_PATH")
    if jar_dir and any(Path(jar_dir).glob("languagetool*.jar")):
        return LanguageToolChecker(tool_class(LANGUAGE), f"local {jar_dir}")
    raise GrammarUnavailable(f"no server in {SERVER_ENV} and no LanguageTool on disk")


def open_languagetool(
    mode: str, timeout: float = DEFAULT_TIMEOUT, env: Mapping[str, str] | None = None
) -> Checker | None:
    """The LanguageTool checker ``mode`` asks for; ``None`` for ``off``; ``GrammarUnavailable`` otherwise."""
    if mode == "off":
        return None
    try:
        return _open(mode, timeout, os.environ if env is None else env)
    except GrammarUnavailable:
        raise
    except Exception as error:  # whatever language-tool-python raises, the repair goes on
        raise GrammarUnavailable(reason(error)) from None


def open_session(settings: GrammarSettings, notice: Notice) -> GrammarSession:
    """The grammar session of a run: LanguageTool as ``settings`` ask, Harper when it is off or unavailable."""
    try:
        primary = open_languagetool(settings.languagetool, settings.timeout)
    except GrammarUnavailable as error:
        notice(f"grammar: LanguageTool unavailable ({error})")
        primary = None
    harper = functools.partial(HarperChecker, accept_capitalised=not settings.proper_names)
    return GrammarSession(primary, notice, harper, names=set(settings.names), proper_names=settings.proper_names,
                          jobs=settings.jobs)

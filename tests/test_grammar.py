"""Grammar findings: LanguageTool through a loopback server, Harper embedded, names never misspellings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import ROOT
from lt_server import languagetool_server

from mtfix.grammar import (
    GrammarSession,
    GrammarSettings,
    GrammarUnavailable,
    HarperChecker,
    Match,
    build_issues,
    document_names,
    load_names,
)
from mtfix.grammar_lt import open_languagetool, open_session

TEXT = "Chicherin recieved the the note in xnumx.\nChicherin left."


@pytest.fixture(scope="module")
def harper() -> HarperChecker:
    return HarperChecker()


def session_for(mode: str, notices: list[str], timeout: float = 5.0, names: set[str] | None = None,
                proper_names: bool = False) -> GrammarSession:
    settings = GrammarSettings(languagetool=mode, timeout=timeout, names=frozenset(names or ()),
                               proper_names=proper_names)
    return open_session(settings, notices.append)


def test_languagetool_matches_become_findings() -> None:
    notices: list[str] = []
    with languagetool_server() as server:
        session = session_for(server.url, notices)
        [result] = session.check([TEXT])
    assert notices == []
    assert server.checks[0]["language"] == "en-US" and server.checks[0]["text"] == TEXT
    assert result.checker == f"LanguageTool ({server.url})"
    found = [(i.rule_id, i.line, i.col, i.text) for i in result.issues]
    assert found == [
        ("grammar.lt.MORFOLOGIK_RULE_EN_US", 1, 11, "recieved"),
        ("grammar.lt.ENGLISH_WORD_REPEAT_RULE", 1, 20, "the the"),
        ("grammar.lt.MORFOLOGIK_RULE_EN_US", 1, 36, "xnumx"),
    ]
    assert result.names_skipped == 2  # "Chicherin" twice: a capitalised word recurring in the document
    assert result.issues[0].message == "Possible spelling mistake found."


def test_languagetool_offsets_after_characters_outside_the_bmp() -> None:
    with languagetool_server() as server:
        [result] = session_for(server.url, []).check(["Wow 🙂🙂 recieved"])
    [issue] = result.issues
    assert (issue.col, issue.text) == (8, "recieved")


def test_languagetool_names_file_and_proper_names(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("# people\nxnumx\n", encoding="utf-8")
    with languagetool_server() as server:
        text = "Chicherin recieved the note in xnumx."
        [checked] = session_for(server.url, [], names=load_names(names), proper_names=True).check([text])
    assert [i.text for i in checked.issues] == ["Chicherin", "recieved"]
    assert load_names(tmp_path / "missing.txt") == set()


@pytest.mark.parametrize(("mode", "timeout", "expected"), [("500", 5.0, "Internal Error"), ("slow", 1.0, "timed out")])
def test_server_failure_is_one_notice_then_harper(mode: str, timeout: float, expected: str) -> None:
    notices: list[str] = []
    with languagetool_server(mode, delay=3.0) as server:
        session = session_for(server.url, notices, timeout=timeout)
        began = time.perf_counter()
        results = session.check([TEXT, TEXT])
        again = session.check([TEXT])
    assert time.perf_counter() - began < 20
    assert len(notices) == 1, notices
    assert notices[0].startswith("grammar: LanguageTool unavailable (") and expected in notices[0]
    assert "\n" not in notices[0]
    assert results is not None and again is not None
    assert {r.checker for r in [*results, *again]} == {HarperChecker().name}
    assert len(server.checks) == (1 if mode == "500" else 2)  # language-tool-python retries once on I/O errors


def test_unreachable_server_and_auto_without_languagetool(tmp_path: Path) -> None:
    notices: list[str] = []
    session = session_for("http://127.0.0.1:9/", notices, timeout=1)
    assert session.primary is None and len(notices) == 1 and notices[0].startswith("grammar: LanguageTool unavailable")
    with pytest.raises(GrammarUnavailable, match=r"no LanguageTool on disk|no Java"):
        open_languagetool("auto", env={"LTP_PATH": str(tmp_path)})
    assert open_languagetool("off") is None


def test_auto_uses_the_configured_server() -> None:
    with languagetool_server() as server:
        checker = open_languagetool("auto", timeout=5, env={"MTFIX_LANGUAGETOOL_URL": server.url})
        assert checker is not None and checker.name == f"LanguageTool ({server.url})"
        assert [m.rule for m in checker.matches("recieved")] == ["MORFOLOGIK_RULE_EN_US"]


def test_harper_on_the_sample(harper: HarperChecker) -> None:
    raw = (ROOT / "raw" / "soviet-turkish-treaty-1921.txt").read_text(encoding="utf-8").removesuffix("\n")
    session = GrammarSession(None, pytest.fail, fallback_factory=lambda: harper)
    [result] = session.check([raw])
    texts = {i.text for i in result.issues if i.rule_id == "grammar.harper.SpellCheck"}
    assert "xnumx's" in texts and "tt" in texts
    assert not any(t[0].isupper() for t in texts)  # proper names are not misspellings by default
    # Harper told that the capitalised words are words finds the same issues without spending time on them
    strict = GrammarSession(None, pytest.fail, fallback_factory=lambda: HarperChecker(accept_capitalised=False))
    [checked_as_words] = strict.check([raw])
    assert checked_as_words.names_skipped > 60 > result.names_skipped  # initials such as "G.V." are still left out
    assert checked_as_words.issues == result.issues
    assert not any(i.rule_id.startswith("grammar.harper.UpdatePlaceNames") for i in result.issues)  # "Turkey" stays
    assert not any(i.text.isspace() and i.col == 1 for i in result.issues)  # indentation is layout
    line = raw.split("\n")[result.issues[0].line - 1]
    assert line[result.issues[0].col - 1 :].startswith(result.issues[0].text)


def test_harper_accepts_british_spellings_and_document_names() -> None:
    text = "The programme of the centre was cancelled.\nThe Kheyfets report reached Kheyfets."
    harper = HarperChecker(accept_capitalised=False)  # proper names are checked too
    session = GrammarSession(None, pytest.fail, fallback_factory=lambda: harper, proper_names=True)
    [result] = session.check([text])
    assert result.issues == ()
    assert result.names_skipped == 2
    [typo] = session.check(["The programme was recieved."])[0].issues
    assert (typo.rule_id, typo.text) == ("grammar.harper.SpellCheck", "recieved")


def test_harper_failure_is_a_notice() -> None:
    def broken() -> HarperChecker:
        raise RuntimeError("no dictionary")

    notices: list[str] = []
    session = GrammarSession(None, notices.append, fallback_factory=broken)
    assert session.check(["text"]) is None and session.check(["text"]) is None
    assert notices == ["grammar: Harper unavailable (no dictionary)"]


def test_build_issues_positions_and_names() -> None:
    text = "ab\n  Kars cd"
    matches = [Match("R", "m", 6, 7, False), Match("S", "s", 5, 9, True), Match("I", "i", 3, 5, False)]
    issues, skipped = build_issues(text, matches, {"Kars"}, proper_names=True, family="lt")
    assert [(i.rule_id, i.line, i.col, i.text) for i in issues] == [("grammar.lt.R", 2, 4, "a")]
    assert skipped == 1
    assert document_names("Kars’s fort. Kars fell. Ankara.") == {"Kars"}


def test_auto_tries_a_languagetool_jar_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jars, cache = tmp_path / "jars", tmp_path / "cache"
    jars.mkdir()
    (jars / "languagetool-server.jar").write_bytes(b"not a jar")
    monkeypatch.setenv("LTP_JAR_DIR_PATH", str(jars))
    monkeypatch.setenv("LTP_PATH", str(cache))
    env = {"LTP_JAR_DIR_PATH": str(jars), "LTP_PATH": str(cache)}
    with pytest.raises(GrammarUnavailable) as raised:
        open_languagetool("auto", timeout=5, env=env)
    assert "no LanguageTool on disk" not in str(raised.value)  # it was tried: language-tool-python's own reason

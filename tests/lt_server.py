"""A small LanguageTool-compatible HTTP server on 127.0.0.1 for the tests.

It answers ``GET /v2/languages`` and ``POST /v2/check`` in LanguageTool's documented JSON format, from
the recorded response shapes in ``tests/fixtures/languagetool/``: for each recorded match it finds the
flagged words in the posted text and reports them there, with offsets in UTF-16 code units as
LanguageTool counts them. ``mode`` makes it fail: ``"500"`` answers HTTP 500 with LanguageTool's plain
text error, ``"slow"`` waits ``delay`` seconds before answering (to trip a client's timeout).
"""

from __future__ import annotations

import copy
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from conftest import FIXTURES

RECORDED = FIXTURES / "languagetool"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class FakeLanguageTool:
    """What the server does and what it saw."""

    mode: str = "ok"
    delay: float = 2.0
    checks: list[dict[str, str]] = field(default_factory=list)
    url: str = ""

    def response(self, text: str) -> dict[str, Any]:
        recorded = json.loads((RECORDED / "check.json").read_text(encoding="utf-8"))
        matches = []
        for template in recorded["matches"]:
            context = template["context"]
            flagged = context["text"][context["offset"] : context["offset"] + context["length"]]
            start = text.find(flagged)
            while start != -1:
                match = copy.deepcopy(template)
                begin = max(0, start - 20)
                match["offset"] = utf16_len(text[:start])
                match["length"] = utf16_len(flagged)
                match["context"] = {"text": text[begin : start + len(flagged) + 20],
                                    "offset": utf16_len(text[begin:start]), "length": utf16_len(flagged)}
                match["sentence"] = text
                matches.append(match)
                start = text.find(flagged, start + len(flagged))
        matches.sort(key=lambda m: m["offset"])
        recorded["matches"] = matches
        recorded["sentenceRanges"] = [[0, utf16_len(text)]]
        return recorded


def _handler(fake: FakeLanguageTool) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if urllib.parse.urlparse(self.path).path == "/v2/languages":
                self._send(200, (RECORDED / "languages.json").read_bytes(), "application/json")
            else:
                self._send(404, b"Error: unknown path", "text/plain")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
            if urllib.parse.urlparse(self.path).path != "/v2/check":
                self._send(404, b"Error: unknown path", "text/plain")
                return
            fake.checks.append(form)
            if fake.mode == "500":
                self._send(500, (RECORDED / "error-500.txt").read_bytes(), "text/plain")
                return
            if fake.mode == "slow":
                time.sleep(fake.delay)
            body = json.dumps(fake.response(form.get("text", ""))).encode("utf-8")
            self._send(200, body, "application/json")

    return Handler


@contextmanager
def languagetool_server(mode: str = "ok", delay: float = 2.0) -> Iterator[FakeLanguageTool]:
    """Run the fake server on a free port of 127.0.0.1 for the duration of the block."""
    fake = FakeLanguageTool(mode, delay)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

"""A real HTTP server on 127.0.0.1 that replays recorded responses and faults, for the clients.

Routes map a path to a list of steps, served in order (the last one repeats). A step is a
``Reply``: status, body (a fixture file name or raw text), headers, and a delay before answering.
Every request is recorded so tests can assert what was (or was not) asked.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "http"


@dataclass
class Reply:
    status: int = 200
    fixture: str | None = None  # path under fixtures/http
    body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_type: str = "application/json; charset=utf-8"

    def payload(self) -> bytes:
        if self.fixture is not None:
            return (FIXTURES / self.fixture).read_bytes()
        return (self.body or "").encode()


class ReplayServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                server.requests.append(
                    {
                        "path": parts.path,
                        "query": parse_qs(parts.query),
                        "headers": dict(self.headers),
                    }
                )
                action = parse_qs(parts.query).get("action", [""])[0]
                steps = (
                    server.routes.get(f"{parts.path}?action={action}")
                    or server.routes.get(parts.path)
                    or [Reply(404, body=json.dumps({"detail": "no route"}))]
                )
                reply = steps.pop(0) if len(steps) > 1 else steps[0]
                if reply.delay:
                    time.sleep(reply.delay)
                data = reply.payload()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(data)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def route(self, path: str, *steps: Reply) -> None:
        self.routes[path] = list(steps)

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r["path"] == path)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

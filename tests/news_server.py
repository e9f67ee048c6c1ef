"""A real HTTP server on 127.0.0.1 serving the news pages in tests/fixtures/web, and misbehaving on request.

Tests that fetch pages start it with ``serve()`` (a context manager) and allow
127.0.0.1 through ``FACTCHECK_FETCH_ALLOWED_NETWORKS``; it never listens on
any other address.
"""

import threading
import time
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

WEB = Path(__file__).parent / "fixtures" / "web"
TRANSCRIPTS = Path(__file__).parent / "fixtures" / "transcripts"
TRANSCRIPT_TYPES = {".vtt": "text/vtt", ".srt": "application/x-subrip", ".txt": "text/plain; charset=utf-8"}
MEGABYTE = 1024 * 1024


class NewsHandler(BaseHTTPRequestHandler):
    """Routes: /pages/NAME.html[?delay=SECONDS], /transcripts/NAME (.vtt, .srt, .txt), /redirect?to=URL,
    /loop, /json, /untyped, /huge, /endless,
    /slow, /trickle, /drip?every=SECONDS (the body a byte at a time), /drip-headers?every=SECONDS (the
    status line and headers a byte at a time), /slow-redirect?hops=N (a redirect after a second, N times);
    anything else is a 404."""

    def log_message(self, format, *args):  # keep test output clean
        pass

    def _send(self, status, body=b"", content_type="text/html; charset=utf-8", length=True, headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            with suppress(BrokenPipeError, ConnectionResetError):  # the client went away (a test killed it)
                self.wfile.write(body)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        self.server.requests.append(self.path)
        if path.startswith("/pages/") and (WEB / path.removeprefix("/pages/")).is_file():
            if query.startswith("delay="):
                time.sleep(float(query.removeprefix("delay=")))  # a slow site: the worker waits mid-import
            self._send(200, (WEB / path.removeprefix("/pages/")).read_bytes())
        elif path.startswith("/transcripts/") and (TRANSCRIPTS / path.removeprefix("/transcripts/")).is_file():
            served = TRANSCRIPTS / path.removeprefix("/transcripts/")
            self._send(200, served.read_bytes(), content_type=TRANSCRIPT_TYPES[served.suffix])
        elif path == "/redirect":
            self._send(302, headers=[("Location", unquote(query.removeprefix("to=")))])
        elif path == "/loop":
            self._send(302, headers=[("Location", "/loop")])
        elif path == "/json":
            self._send(200, b'{"title": "not a page"}', content_type="application/json")
        elif path == "/untyped":
            self._send(200, b"<html><body>no type</body></html>", content_type="")
        elif path == "/huge":
            self._send(200, b"<html>" + b"x" * (3 * MEGABYTE) + b"</html>")
        elif path == "/endless":
            # No Content-Length: the size is only known as the page streams in.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(3 * 16):
                    self.wfile.write(b"<p>" + b"y" * (64 * 1024) + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            time.sleep(3)
            self._send(200, (WEB / "herald_budget_guardian_style.html").read_bytes())
        elif path == "/trickle":
            body = (WEB / "herald_budget_guardian_style.html").read_bytes()
            self._send(200, b"", length=False, headers=[("Content-Length", str(len(body)))])
            try:
                for start in range(0, len(body), 400):
                    self.wfile.write(body[start : start + 400])
                    self.wfile.flush()
                    time.sleep(0.3)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path in ("/drip", "/drip-headers"):
            # One byte at a time, never finishing: each read gets a byte, so no read times out.
            every = float(query.removeprefix("every=") or 0.2)
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
            drip = head if path == "/drip-headers" else b""
            if path == "/drip":
                self.wfile.write(head)
                self.wfile.flush()
            try:
                for position in range(100_000):
                    self.wfile.write(drip[position : position + 1] or b"<")
                    self.wfile.flush()
                    time.sleep(every)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow-redirect":
            hops = int(query.removeprefix("hops="))
            time.sleep(1)
            following = f"/slow-redirect?hops={hops - 1}" if hops > 1 else "/pages/herald_budget_guardian_style.html"
            self._send(302, headers=[("Location", following)])
        else:
            self._send(404, b"<html><body>Not found</body></html>")


@contextmanager
def serve():
    """A running server; yields its base URL ("http://127.0.0.1:PORT") and stops it afterwards."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), NewsHandler)
    server.daemon_threads = True
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def base_url(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


HERALD_HEADLINE = "Carter defends spring budget as jobless figures fall"


def herald_edition(number: int) -> str:
    """The Herald page made into a different article: its own headline, address and paragraph."""
    html = (WEB / "herald_budget_guardian_style.html").read_text(encoding="utf-8")
    html = html.replace(HERALD_HEADLINE, f"{HERALD_HEADLINE}, day {number}")
    html = html.replace("carter-defends-spring-budget", f"carter-defends-spring-budget-day-{number}")
    extra = f"<p>On day {number}, the council said {number * 7} roads would be resurfaced by 2027 for £{number}m.</p>"
    return html.replace("<p>The budget will be put to a vote", extra + "<p>The budget will be put to a vote")

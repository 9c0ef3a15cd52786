"""A static server on 127.0.0.1 that compresses text like a real host (nginx ``gzip on``).

Python's http.server sends every file uncompressed, which would make
Lighthouse and page-weight figures describe no real deployment.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Python's plain static handler, without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Handler(QuietHandler):
    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        content_type = self.guess_type(str(path))
        if not (path.is_file() and wants_gzip and content_type.startswith(COMPRESSED_TYPES)):
            if not path.exists() and (Path(self.directory) / "404.html").is_file():
                return self._send(Path(self.directory) / "404.html", 404, "text/html", wants_gzip)
            return super().send_head()
        return self._send(path, 200, content_type, True)

    def _send(self, path: Path, status: int, content_type: str, compress: bool):  # type: ignore[no-untyped-def]
        body = path.read_bytes()
        if compress:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path, handler_class: type[http.server.BaseHTTPRequestHandler] | None = None) -> Iterator[str]:
    """Serve a built site on a free port of 127.0.0.1; yields the base URL.

    By default text is compressed as a real host would; ``QuietHandler`` serves files as they are.
    """
    handler = functools.partial(handler_class or _Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

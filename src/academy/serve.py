"""Serve a built folder on the loopback interface only."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path


def make_server(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def serve_forever(directory: Path, port: int) -> None:
    server = make_server(directory, port)
    print(f"serving {directory} on http://127.0.0.1:{server.server_port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

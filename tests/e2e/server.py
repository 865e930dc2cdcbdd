"""A quiet static server for the tests: serves a folder on 127.0.0.1, with
.wasm as application/wasm, optional extra headers (e.g. a CSP) per path prefix,
and a /slow/ prefix that delays answers (for testing loading states)."""
import functools
import http.server
import json
import os
import sys
import time

port = int(sys.argv[1])
directory = sys.argv[2]
headers = json.loads(os.environ.get("SSB_TEST_HEADERS", "{}"))


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript"}

    def end_headers(self):
        for prefix, extra in headers.items():
            if self.path.startswith(prefix):
                for k, v in extra.items():
                    self.send_header(k, v)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=directory)).serve_forever()

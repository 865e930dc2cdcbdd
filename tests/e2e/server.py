"""A quiet static server for the tests: serves a folder on 127.0.0.1, with
.wasm as application/wasm and optional extra headers (e.g. a CSP or CORS) per
path prefix. A few prefixes act as misbehaving servers, each bounded in time:
  /slow/<ms>/<path>   serves <path> after <ms> milliseconds (at most 30 s)
  /hang/<path>        accepts the request and never answers (gives up after 60 s)
  /stream/<mb>/<path> sends <mb> MB of JSON-looking bytes, chunked, with no
                      Content-Length; stops as soon as the client hangs up
"""
import functools
import http.server
import json
import os
import re
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

    def do_GET(self):
        slow = re.match(r"^/slow/(\d+)(/.*)$", self.path)
        if slow:
            time.sleep(min(int(slow.group(1)), 30000) / 1000)
            self.path = slow.group(2)
        elif self.path.startswith("/hang/"):
            time.sleep(60)
            return
        stream = re.match(r"^/stream/(\d+)/", self.path)
        if stream:
            return self.stream(int(stream.group(1)))
        return super().do_GET()

    def stream(self, megabytes):
        self.protocol_version = "HTTP/1.1"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b'{"padding": "' + b"x" * (64 * 1024 - 14) + b'",'
        sent = 0
        deadline = time.time() + 60
        try:
            while sent < megabytes * 1024 * 1024 and time.time() < deadline:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=directory)).serve_forever()

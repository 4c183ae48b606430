"""Helpers for the portal's browser tests: enter as a visitor, watch for CSP violations, translate."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils import translation

from tests.services.test_identity import SECRET, token
from wagtail_feedback.models import SigningKey, Visitor


def signing_key():
    return SigningKey.objects.get_or_create(kid="host-1", defaults={"secret": SECRET})[0]


def host_token(sub="user-42", name="山田 花子", language="ja-JP", **claims):
    signing_key()
    return token(sub=sub, name=name, language=language, email=f"{sub}@example.jp", **claims)


def enter(page, live_server, **claims):
    """Open the portal with a signed link, as the host product's "Suggest a feature" link does."""
    page.goto(f"{live_server.url}/feedback/enter/?token={host_token(**claims)}")
    return Visitor.objects.get(host_id=claims.get("sub", "user-42"))


def t(language, message):
    """``message`` as the portal shows it in ``language`` (tests stay right whatever the catalogue holds)."""
    with translation.override(language):
        return translation.gettext(message)


class ConsoleWatch:
    """Every console error and failed policy check of a page (a CSP violation is a console error)."""

    def __init__(self, page):
        self.messages = []
        page.on("console", lambda message: message.type == "error" and self.messages.append(
            f"{message.text} at {message.location.get('url')}"))
        page.on("pageerror", lambda error: self.messages.append(f"uncaught: {error}"))

    def csp_violations(self):
        return [m for m in self.messages if "Content Security Policy" in m]

    def errors(self):
        # A form sent back with its errors answers 400 on purpose; Chromium logs that too.
        return [m for m in self.messages if "favicon" not in m and "status of 400" not in m]


class SecondOrigin:
    """A tiny web server on another port: the stand-in host product, on a different origin than the portal."""

    def __init__(self, html=""):
        self.html = html
        self.json = {}  # path -> callable returning a JSON string (e.g. a host's token endpoint)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                make_json = outer.json.get(self.path)
                body = (make_json() if make_json else outer.html).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json" if make_json else "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def shot(page, name):
    """A full-page screenshot from the top (the portal's header is sticky: scrolled, it would sit mid-page)."""
    from tests.browser.conftest import screenshot

    page.evaluate("() => window.scrollTo(0, 0)")
    return screenshot(page, name)

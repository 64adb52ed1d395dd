"""Response headers: the security headers every response carries, download names."""

from __future__ import annotations

import mimetypes
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import quote

from reportlint.output.html.assets import content_security_policy

# The page: its own script and style sheet only, nothing from elsewhere, never framed.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", PAGE_CSP.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
# What is uploaded or checked is never kept by a cache on the way.
NO_STORE = (b"cache-control", b"no-store")

MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".markdown": "text/markdown; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
}


def report_csp() -> str:
    """The HTML audit report's own policy (its inline script by hash), sandboxed, and
    framed by the page only."""
    return f"{content_security_policy()}; sandbox allow-scripts; frame-ancestors 'self'"


def media_type(suffix: str) -> str:
    return MEDIA_TYPES.get(suffix.lower()) or mimetypes.types_map.get(suffix.lower()) or "application/octet-stream"


def content_disposition(filename: str, inline: bool = False) -> str:
    """``attachment; filename="…"; filename*=UTF-8''…`` (RFC 6266 / RFC 5987): the
    UTF-8 name for every browser today, a plain ASCII one for the rest."""
    fallback = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;%' else "_" for ch in filename)
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


ASGIApp = Callable[[MutableMapping[str, Any], Any, Any], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware: the security headers on every response (a route's own
    Content-Security-Policy or X-Frame-Options wins), no-store on the API."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope.get("path", "").startswith("/api/")

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if api and NO_STORE[0] not in present:
                    headers.append(NO_STORE)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

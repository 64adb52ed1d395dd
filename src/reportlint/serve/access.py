"""Who may use the server: the access token (cookie or header), same-origin uploads."""

from __future__ import annotations

import hmac
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request

TOKEN_COOKIE = "reportlint_token"
PUBLIC_PREFIX = "/static/"  # the page's script and style sheet: nothing of anyone's


def token_matches(given: str | None, token: str) -> bool:
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode("utf-8"))


def presented_token(scope: dict[str, Any] | Any) -> str | None:
    """The token a request carries: ``Authorization: Bearer T``, else the cookie."""
    cookie_value = None
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            text = value.decode("latin-1")
            scheme, _, credentials = text.partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                return credentials.strip()
        elif name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header is no token
                continue
            if TOKEN_COOKIE in jar:
                cookie_value = jar[TOKEN_COOKIE].value
    return cookie_value


def query_token(scope: dict[str, Any] | Any) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[0] if values else None


def needs_token(path: str) -> bool:
    return not path.startswith(PUBLIC_PREFIX)


def same_origin(request: Request) -> bool:
    """An upload sent with an ``Origin`` header must come from this server's own page
    (a form on another site could otherwise post to a server on the office network)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host")
    return host is not None and origin in (f"http://{host}", f"https://{host}")

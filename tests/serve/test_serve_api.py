"""The routes around the jobs: the page, options, rule documentation, errors, the
security headers on every response, and the access token."""

from __future__ import annotations

from serve_helpers import FIXTURES, check_done, upload

from reportlint import __version__
from reportlint.core.diagnostics import CATEGORIES
from reportlint.serve.headers import PAGE_CSP, content_disposition

CHANGJI = (FIXTURES / "changji-kjj-2021.txt").read_bytes()
TOKEN = "s3cret-token"


def _has_security_headers(response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["content-security-policy"]


def test_options_describe_the_choices_and_limits(make_client) -> None:
    with make_client(max_files=7, time_limit_seconds=12) as client:
        body = client.get("/api/options").json()
        assert body["version"] == __version__ and body["lang"] == "zh"
        assert [c["key"] for c in body["categories"]] == list(CATEGORIES)
        assert body["categories"][3] == {"key": "arithmetic", "name": "勾稽关系"}
        assert [k["key"] for k in body["kinds"]] == ["department", "government", "township"]
        assert body["limits"] == {
            "max_files": 7,
            "max_upload_bytes": 100 * 1024 * 1024,
            "time_limit_seconds": 12,
            "memory_limit_bytes": 1024 * 1024 * 1024,
        }
        assert ".docx" in body["formats"] and ".zip" in body["formats"] and ".exe" not in body["formats"]
        english = client.get("/api/options?lang=en").json()
        assert english["lang"] == "en" and english["categories"][3]["name"] == "arithmetic"


def test_the_page_and_its_assets(client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == PAGE_CSP
    assert page.headers["x-frame-options"] == "DENY"
    assert 'lang="en"' in client.get("/?lang=en").text
    for asset in ("/static/app.js", "/static/app.css"):
        response = client.get(asset)
        assert response.status_code == 200, asset
        _has_security_headers(response)


def test_a_rules_documentation(client) -> None:
    body = client.get("/api/rules/RL801").json()
    assert body["code"] == "RL801" and body["name"] == "web-page-debris" and body["category"] == "artifact"
    assert body["summary"] and body["explanation"] and body["bad"]
    english = client.get("/api/rules/web-page-debris?lang=en").json()
    assert english["code"] == "RL801" and english["summary"].startswith("Web-page")
    missing = client.get("/api/rules/RL999")
    assert missing.status_code == 404 and missing.json() == {"error": "未知的规则：RL999"}


def test_errors_are_json_in_the_requests_language(client) -> None:
    assert client.get("/nowhere").json() == {"error": "没有这个地址"}
    assert client.get("/api/jobs/unknown?lang=en").json() == {
        "error": "no such check (it may have expired or been deleted)"
    }
    put = client.put("/api/options")
    assert put.status_code == 405 and put.json() == {"error": "不支持该请求方法"}


def test_every_response_carries_the_security_headers(client) -> None:
    job = check_done(client, [("changji.txt", CHANGJI)])
    entry = job["files"][0]
    urls = ["/", "/api/options", "/nowhere", f"/api/jobs/{job['id']}", "/api/rules/RL801", "/api/rules/RL999"]
    urls += [entry["report"], entry["fixed"], job["downloads"]["xlsx"], job["downloads"]["html"], "/static/app.js"]
    for url in urls:
        response = client.get(url)
        _has_security_headers(response)
        if url.startswith("/api/"):
            assert response.headers["cache-control"] == "no-store", url
    report = client.get(entry["report"])
    assert "script-src 'sha256-" in report.headers["content-security-policy"]  # the report's own policy
    assert "frame-ancestors 'self'" in report.headers["content-security-policy"]
    _has_security_headers(client.delete(f"/api/jobs/{job['id']}"))
    _has_security_headers(upload(client, [("x.exe", b"MZ")]))


def test_content_disposition_is_rfc_5987() -> None:
    value = content_disposition('报告 "一".docx')
    assert value == "attachment; filename=\"__ ___.docx\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%22%E4%B8%80%22.docx"
    assert content_disposition("a.html", inline=True).startswith("inline; ")


def test_with_a_token_every_route_but_static_needs_it(make_client) -> None:
    with make_client(token=TOKEN) as client:
        for url in ("/", "/api/options", "/api/rules/RL801", "/api/jobs/x"):
            refused = client.get(url)
            assert refused.status_code == 401, url
            assert refused.json() == {"error": "需要访问令牌：请使用启动时显示的完整网址（含 ?token=…）打开本页"}
            _has_security_headers(refused)
        assert upload(client, [("changji.txt", CHANGJI)]).status_code == 401
        assert client.get("/static/app.css").status_code == 200
        assert client.get("/api/options", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/api/options", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert client.get("/?token=wrong", follow_redirects=False).status_code == 401


def test_the_token_in_the_address_becomes_a_cookie(make_client) -> None:
    with make_client(token=TOKEN) as client:
        response = client.get(f"/?token={TOKEN}&lang=en", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/?lang=en"
        cookie = response.headers["set-cookie"]
        assert cookie.startswith(f"reportlint_token={TOKEN};")
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
        # the client keeps the cookie: the page and the API answer
        assert client.get("/").status_code == 200
        job = check_done(client, [("changji.txt", CHANGJI)])
        assert job["files"][0]["status"] == "done"


def test_an_upload_from_another_site_is_refused(client) -> None:
    response = upload(client, [("changji.txt", CHANGJI)], headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    assert response.json() == {"error": "拒绝来自其他网站的上传"}
    same = upload(client, [("changji.txt", CHANGJI)], headers={"Origin": "http://testserver"})
    assert same.status_code == 202

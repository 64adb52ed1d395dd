"""The page of `reportlint serve` (serve/page.py, serve/labels.py, serve/static/).

The document is parsed with :mod:`html.parser` and held to what the server's
Content-Security-Policy (``script-src 'self'; style-src 'self'``) and the browser tests
rely on: no inline script, style or event handler, only the two static assets, every
stable id present once, every control labelled. Both languages carry every label, and
the English page has no Chinese but the product's Chinese name and the name of the
language switch. The script reads only labels that exist, fills only ids the page has,
and never writes HTML.

The last tests run the page in the system's chromium (marked ``browser``) with every
request answered from here (Playwright's request routing, no server): the findings are
the CLI's own ``--format json`` output on real fixture reports, so what is drawn is what
a real check gives, and a hostile file name shows as text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from reportlint import __version__
from reportlint.core.diagnostics import CATEGORIES
from reportlint.serve import page as page_module
from reportlint.serve.labels import CHINESE_IN_ENGLISH, LABELS
from reportlint.serve.page import SCRIPT_URL, STYLESHEET_URL, format_size, labels_for, render_page

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
STATIC = resources.files("reportlint.serve").joinpath("static")
SCRIPT = STATIC.joinpath("app.js").read_text(encoding="utf-8")
STYLESHEET = STATIC.joinpath("app.css").read_text(encoding="utf-8")
PAGE_SOURCE = Path(page_module.__file__).read_text(encoding="utf-8")
LIMITS = {"max_files": 50, "max_upload_bytes": 100 * 1024**2, "time_limit_seconds": 60, "memory_limit_bytes": 1024**3}
# CJK characters and punctuation (“” are English quotation marks too)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# The ids the browser tests and app.js use (the comment at the top of app.js lists them).
STABLE_IDS = (
    "drop-zone",
    "file-input",
    "previous-input",
    "year",
    "kind",
    "start",
    "progress",
    "clear",
    "error",
    "download-xlsx",
    "download-html",
)
# The statuses of a file in the contract's GET /api/jobs/<id>.
FILE_STATUSES = ("queued", "running", "done", "error", "skipped")
SEVERITIES = ("error", "warning", "info")


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], line: int):
        self.tag, self.attrs, self.line = tag, attrs, line
        self.text: list[str] = []


class PageParser(HTMLParser):
    """Every element (tag, attributes, its own text) and every text node, in order."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "source", "area", "base", "col", "embed", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.texts: list[str] = []
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.getpos()[0])
        assert len(element.attrs) == len(attrs), f"attribute given twice on <{tag}> line {element.line}"
        self.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs), self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1].tag == tag, (
            f"</{tag}> does not close the open element, line {self.getpos()[0]}"
        )
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1].text.append(data)
        self.texts.append(data)


def parse(document: str) -> PageParser:
    parser = PageParser()
    parser.feed(document)
    parser.close()
    assert not parser.open, f"unclosed elements: {[e.tag for e in parser.open]}"
    return parser


def by_id(parsed: PageParser) -> dict[str, Element]:
    ids: dict[str, Element] = {}
    for element in parsed.elements:
        if "id" in element.attrs:
            key = element.attrs["id"] or ""
            assert key not in ids, f"id {key!r} used twice"
            ids[key] = element
    return ids


def body_data(parsed: PageParser) -> dict[str, Any]:
    body = next(e for e in parsed.elements if e.tag == "body")
    return {
        "lang": body.attrs["data-lang"],
        "labels": json.loads(body.attrs["data-labels"] or ""),
        "limits": json.loads(body.attrs["data-limits"] or ""),
    }


@pytest.fixture(scope="module", params=["zh", "en"])
def lang(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def parsed(lang) -> PageParser:
    return parse(render_page(lang, LIMITS))


# ---------------------------------------------------------------------------- the CSP


def test_the_document_has_no_inline_script_style_or_event_handler(parsed):
    assert parsed.doctype is not None and parsed.doctype.lower() == "doctype html"
    scripts = [e for e in parsed.elements if e.tag == "script"]
    assert [e.attrs.get("src") for e in scripts] == [SCRIPT_URL]
    assert all("".join(e.text).strip() == "" for e in scripts), "a script element with inline code"
    assert not [e for e in parsed.elements if e.tag == "style"], "an inline <style> element"
    for element in parsed.elements:
        for name, value in element.attrs.items():
            where = f"<{element.tag} {name}> line {element.line}"
            assert not name.startswith("on"), f"event handler attribute {where}"
            assert name != "style", f"inline style attribute {where}"
            if name in ("href", "src", "action", "formaction") and value:
                assert not value.strip().lower().startswith(("javascript:", "http:", "https:", "//")), where
    sheets = [e.attrs.get("href") for e in parsed.elements if e.tag == "link" and e.attrs.get("rel") == "stylesheet"]
    assert sheets == [STYLESHEET_URL]


def test_everything_the_page_loads_is_its_own_static_assets():
    # The contract serves serve/static/<name> at /static/<name>; the wheel ships the
    # package's files (hatch's wheel target is the whole src/reportlint tree).
    for url, text in ((SCRIPT_URL, SCRIPT), (STYLESHEET_URL, STYLESHEET)):
        assert url.startswith("/static/")
        assert STATIC.joinpath(url.removeprefix("/static/")).read_text(encoding="utf-8") == text
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"]
    assert wheel["wheel"]["packages"] == ["src/reportlint"] and "exclude" not in wheel["wheel"]


def test_the_script_never_writes_html():
    code = strip_js_comments(SCRIPT)
    for pattern in (
        r"\.(inner|outer)HTML\s*\+?=",
        r"insertAdjacentHTML",
        r"document\.write",
        r"\beval\s*\(",
        r"new\s+Function\b",
        r"createContextualFragment",
        r"srcdoc",
    ):
        assert not re.search(pattern, code), pattern
    assert "use strict" in SCRIPT


def strip_js_comments(code: str) -> str:
    """The script without its comments (the header comment may name what it avoids)."""
    code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)
    return re.sub(r"(?m)^\s*//.*$|\s//\s.*$", "", code)


# ---------------------------------------------------------------------------- ids, labels, a11y


def test_every_stable_id_is_in_the_page_once(parsed):
    ids = by_id(parsed)
    for key in STABLE_IDS:
        assert key in ids, key
    assert ids["file-input"].attrs.get("type") == "file" and "multiple" in ids["file-input"].attrs
    assert ids["previous-input"].attrs.get("type") == "file" and "multiple" not in ids["previous-input"].attrs
    assert ids["year"].attrs.get("type") == "number"
    assert (ids["year"].attrs.get("min"), ids["year"].attrs.get("max")) == ("2000", "2100")
    assert ids["kind"].tag == "select"
    assert ids["start"].tag == "button" and ids["start"].attrs.get("type") == "submit"
    assert ids["clear"].tag == "button" and ids["clear"].attrs.get("type") == "button"
    assert ids["progress"].attrs.get("aria-live") == "polite"
    assert ids["error"].attrs.get("role") == "alert"
    assert ids["download-xlsx"].tag == ids["download-html"].tag == "a"


def test_every_id_the_script_looks_up_is_in_the_page(parsed):
    ids = by_id(parsed)
    looked_up = set(re.findall(r"\$\('([\w-]+)'\)", SCRIPT))
    assert looked_up >= {"file-input", "start", "error", "reports"}  # the pattern still matches the script
    assert looked_up <= set(ids), looked_up - set(ids)
    for key in STABLE_IDS:  # and the script's header names every stable hook
        assert "#" + key in SCRIPT.split("*/", 1)[0], key


def test_every_control_has_a_label_and_every_reference_resolves(parsed):
    ids = by_id(parsed)
    labelled = {e.attrs.get("for") for e in parsed.elements if e.tag == "label"}
    for element in parsed.elements:
        if element.tag in ("input", "select", "textarea"):
            name = element.attrs.get("id")
            assert name in labelled or element.attrs.get("aria-label") or element.attrs.get("aria-labelledby"), name
        for attr in ("for", "aria-controls", "aria-labelledby", "aria-describedby"):
            for ref in (element.attrs.get(attr) or "").split():
                assert ref in ids, f"{attr}={ref!r} on <{element.tag}> line {element.line}"
        if element.tag == "button":
            assert element.attrs.get("type") in ("button", "submit"), f"button without a type, line {element.line}"


def test_the_page_is_in_its_language_with_every_label(parsed, lang):
    data = body_data(parsed)
    assert data["lang"] == lang
    assert data["labels"] == labels_for(lang)  # the attribute's escaping round-trips quotes and “”
    html = next(e for e in parsed.elements if e.tag == "html")
    assert html.attrs["lang"] == {"zh": "zh-CN", "en": "en"}[lang]
    text = " ".join(parsed.texts)
    for key in ("upload_heading", "drop_here", "choose_files", "year_label", "kind_label", "rules_label", "start"):
        assert LABELS[key].get(lang) in text, key
    assert LABELS["version"].get(lang).format(v=__version__) in text
    switch = by_id(parsed)["lang-switch"]
    other = "en" if lang == "zh" else "zh"
    assert switch.attrs["href"] == f"?lang={other}" and "".join(switch.text) == LABELS["switch_language"].get(lang)


def test_both_languages_have_every_label_with_the_same_fields():
    fields = lambda s: sorted(re.findall(r"\{(\w*)\}", s))
    for key, text in LABELS.items():
        assert text.zh.strip() and text.en.strip(), key
        assert fields(text.zh) == fields(text.en), key
        assert CJK.search(text.zh) or key in ("switch_language", "list_separator") or "reportlint" in text.zh, key


def chinese_in(document: str, intended: list[str]) -> list[tuple[str, str]]:
    """(where, text) of every piece of the document with Chinese in it once the intended
    texts are taken out: labels by key, then each element's attributes and text."""
    parsed = parse(document)
    seen = [
        ("label " + key, value)
        for key, value in body_data(parsed)["labels"].items()
        if CJK.search(value) and value not in intended
    ]
    for element in parsed.elements:
        for value in [v or "" for k, v in element.attrs.items() if k != "data-labels"] + element.text:
            for text in intended:
                value = value.replace(text, "")
            if CJK.search(value):
                seen.append((element.tag, value))
    return seen


def test_the_english_page_has_no_chinese_but_where_intended():
    intended = [LABELS[key].en for key in CHINESE_IN_ENGLISH]
    assert all(CJK.search(text) for text in intended)  # nothing listed as Chinese that is not
    assert chinese_in(render_page("en", LIMITS), intended) == []
    # the check bites: on the Chinese page it finds the labels and the text of the page
    found = chinese_in(render_page("zh", LIMITS), intended)
    assert ("label start", "开始检查") in found and ("button", "开始检查") in found


def test_the_script_uses_only_labels_that_exist_and_every_label_is_used():
    code = strip_js_comments(SCRIPT)
    constant = set(re.findall(r"\bt\(\s*'(\w+)'(?!\s*\+)", code))
    assert {"uploading", "rule_doc", "err_too_many"} <= constant  # the pattern still matches the script
    assert constant <= set(LABELS), constant - set(LABELS)
    # keys the script builds: t('status_' + status), t('count_' + s), …
    families = {
        "status_": FILE_STATUSES,
        "count_": SEVERITIES,
        "severity_": SEVERITIES,
        "cell_": ("table2", "table3", "table4"),
    }
    built = set()
    for prefix, values in families.items():
        assert f"'{prefix}' +" in code, prefix
        built |= {prefix + v for v in values}
    assert built <= set(LABELS), built - set(LABELS)
    # the script's other indirect uses: a conditional pick of two keys
    picked = set(re.findall(r"\?\s*'(\w+)'\s*:\s*'(\w+)'", code))
    picked_keys = {k for pair in picked for k in pair if k in LABELS}
    in_page = set(re.findall(r'\bt\("(\w+)"', PAGE_SOURCE)) | set(re.findall(r'label\["(\w+)"\]', PAGE_SOURCE))
    unused = set(LABELS) - constant - built - picked_keys - in_page
    # labels only written as a key in a list ([['bad', 'rule_bad'], …])
    unused -= set(re.findall(r"'(\w+)'\]", code))
    assert not unused, unused


# ---------------------------------------------------------------------------- limits


def test_the_limits_are_written_as_data_and_said_in_words(lang):
    parsed = parse(render_page(lang, LIMITS))
    assert body_data(parsed)["limits"] == LIMITS
    hint = "".join(by_id(parsed)["limits-hint"].text)
    assert "50" in hint and "100 MB" in hint and "60" in hint
    none = parse(render_page(lang, {"max_files": 0, "max_upload_bytes": 0, "time_limit_seconds": 0}))
    assert "".join(by_id(none)["limits-hint"].text) == ""
    assert body_data(none)["limits"] == {
        "max_files": None,
        "max_upload_bytes": None,
        "time_limit_seconds": None,
        "memory_limit_bytes": None,
    }


def test_an_unknown_language_gets_the_chinese_page():
    assert render_page("fr", LIMITS) == render_page("zh", LIMITS)
    assert render_page("<script>", LIMITS) == render_page("zh", LIMITS)


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (1023, "1023 B"),
        (1536, "1.5 KB"),
        (100 * 1024**2, "100 MB"),
        (1024**3, "1 GB"),
        (5 * 1024**4, "5120 GB"),
    ],
)
def test_sizes_read_as_the_options_write_them(size, text):
    assert format_size(size) == text


def test_the_print_stylesheet_hides_the_form_and_opens_every_report():
    start = STYLESHEET.index("@media print")
    block = STYLESHEET[start:]
    hidden = block[: block.index("display: none")]
    for selector in (".upload-form", "button", ".report-actions", ".report-frame-holder"):
        assert selector in hidden, selector
    assert re.search(r"\.report-body\.collapsed\s*\{\s*display:\s*block", block)
    assert ".report-body.collapsed" in STYLESHEET[:start] and "collapsed" in SCRIPT


# ---------------------------------------------------------------------------- in a browser


def cli_findings(path: Path, lang: str) -> list[dict[str, Any]]:
    """The findings of ``reportlint check --format json`` on ``path`` (as the server runs it)."""
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--format", "json", "--lang", lang, str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,  # a hang guard, not a speed limit
        cwd=ROOT,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return [item for item in json.loads(proc.stdout) if "code" in item]


ORIGIN = "http://reportlint.test"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# Runs before the page's script in every frame: a blocked script, style or frame becomes
# a console error, which fails the test.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error(`CSP: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`);
});
"""
HOSTILE_NAME = '<img src=x onerror="window.pwned=1">报告.txt'


class FakeServer:
    """The contract's API answered in the browser itself (Playwright request routing).

    A job's first poll has its first file done and the rest running; the next one has
    every file done (``outcomes``: per file, the CLI's findings or an error message)."""

    def __init__(self, limits: dict[str, Any], outcomes: list[list[dict[str, Any]] | str], lang: str = "zh"):
        self.limits, self.outcomes, self.lang = limits, outcomes, lang
        self.requests: list[tuple[str, str]] = []
        self.upload: bytes = b""
        self.names: list[str] = []
        self.polls = 0
        self.deleted = False

    def options(self) -> dict[str, Any]:
        from reportlint.output.rule_docs import CATEGORY_NAMES

        kinds = {
            "department": ("部门", "department"),
            "government": ("政府", "government"),
            "township": ("乡镇", "township"),
        }
        return {
            "version": __version__,
            "lang": self.lang,
            "categories": [{"key": c, "name": CATEGORY_NAMES[c].get(self.lang)} for c in CATEGORIES],
            "kinds": [{"key": k, "name": v[0] if self.lang == "zh" else v[1]} for k, v in kinds.items()],
            "limits": self.limits,
            "formats": [".txt", ".md", ".docx", ".pdf", ".zip"],
        }

    def job(self) -> dict[str, Any]:
        self.polls += 1
        files = []
        for i, (name, outcome) in enumerate(zip(self.names, self.outcomes)):
            done = self.polls > 1 or i == 0
            entry: dict[str, Any] = {"index": i, "name": name, "status": "running", "counts": None, "findings": []}
            entry.update(error=None, report=None, annotated=None, fixed=None)
            if done and isinstance(outcome, str):
                entry.update(status="error", error=outcome)
            elif done:
                counts = {s: sum(1 for f in outcome if f["severity"] == s) for s in SEVERITIES}
                entry.update(status="done", counts=counts, findings=[{**f, "path": name} for f in outcome])
                entry.update(report=f"/api/jobs/J/files/{i}/report.html", annotated=f"/api/jobs/J/files/{i}/annotated")
                if any(f["fix"] for f in outcome):
                    entry["fixed"] = f"/api/jobs/J/files/{i}/fixed"
            files.append(entry)
        finished = self.polls > 1
        downloads = {"xlsx": "/api/jobs/J/findings.xlsx", "html": "/api/jobs/J/report.html"} if finished else {}
        done_count = sum(1 for f in files if f["status"] != "running")
        state = "done" if finished else "running"
        return {"id": "J", "state": state, "total": len(files), "done": done_count, "lang": self.lang} | {
            "files": files,
            "downloads": downloads or {"xlsx": None, "html": None},
        }

    def rule(self, code: str) -> dict[str, Any]:
        from reportlint.plugins.manager import load_registry

        rule = load_registry(True).lookup(code)
        doc = rule.doc()
        return {
            "code": rule.code,
            "name": rule.name,
            "category": rule.category,
            "summary": doc.summary.get(self.lang),
        } | {
            "explanation": doc.rationale.get(self.lang),
            "bad": doc.bad,
            "good": doc.good,
        }

    def handle(self, route) -> None:
        from urllib.parse import parse_qs, urlsplit

        request = route.request
        url = urlsplit(request.url)
        self.requests.append((request.method, url.path + ("?" + url.query if url.query else "")))
        lang = parse_qs(url.query).get("lang", ["zh"])[0]
        json_answer = lambda data, status=200: route.fulfill(
            status=status, content_type="application/json", body=json.dumps(data, ensure_ascii=False)
        )
        if url.path == "/":
            route.fulfill(
                status=200,
                content_type="text/html; charset=utf-8",
                headers={"Content-Security-Policy": CSP},
                body=render_page(lang, self.limits),
            )
        elif url.path.startswith("/static/"):
            name = url.path.removeprefix("/static/")
            kind = "text/javascript" if name.endswith(".js") else "text/css"
            route.fulfill(status=200, content_type=kind, body=STATIC.joinpath(name).read_text(encoding="utf-8"))
        elif url.path == "/api/options":
            json_answer(self.options())
        elif url.path == "/api/jobs" and request.method == "POST":
            self.upload = request.post_data_buffer or b""
            self.names = re.findall(r'name="files"; filename="([^"]*)"', self.upload.decode("utf-8", "replace"))
            json_answer({"id": "J", "url": "/api/jobs/J"}, 202)
        elif url.path == "/api/jobs/J" and request.method == "DELETE":
            self.deleted = True
            route.fulfill(status=204, body="")
        elif url.path == "/api/jobs/J":
            json_answer(self.job())
        elif url.path.startswith("/api/rules/"):
            json_answer(self.rule(url.path.removeprefix("/api/rules/")))
        elif url.path.endswith("/report.html"):
            route.fulfill(
                status=200,
                content_type="text/html; charset=utf-8",
                headers={"Content-Security-Policy": "default-src 'none'; sandbox allow-scripts"},
                body="<!DOCTYPE html><title>r</title><h1>表三</h1>",
            )
        else:
            route.fulfill(status=404, content_type="application/json", body='{"error": "not found"}')


class Session:
    """One page of the fake server in a fresh context, with the problems it had."""

    def __init__(self, browser, server: FakeServer, lang: str = "zh"):
        self.server = server
        self.context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=ORIGIN)
        self.context.add_init_script(CSP_LISTENER)
        self.context.route("**/*", server.handle)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.goto("/" if lang == "zh" else f"/?lang={lang}")
        self.page.wait_for_selector("input[name=rules]", state="attached")

    def close(self) -> None:
        self.context.close()


def file_payload(path: Path, name: str | None = None) -> dict[str, Any]:
    mime = {".pdf": "application/pdf", ".txt": "text/plain"}.get(path.suffix, "application/octet-stream")
    return {"name": name or path.name, "mimeType": mime, "buffer": path.read_bytes()}


@pytest.mark.browser
def test_a_check_in_the_browser_shows_the_cli_findings_as_text(playwright_browser):
    txt, pdf = FIXTURES / "taierzhuang-kjj-2021.txt", FIXTURES / "hongze-gov-2023.pdf"
    first, second = cli_findings(txt, "zh"), cli_findings(pdf, "zh")
    assert first and second and any(f["cell"] and f["cell"].get("grid_row") for f in second)
    server = FakeServer(LIMITS, [first, second, "文件已损坏，无法读取"])
    session = Session(playwright_browser, server)
    page = session.page
    try:
        page.set_input_files("#file-input", [file_payload(txt), file_payload(pdf), file_payload(txt, HOSTILE_NAME)])
        page.set_input_files("#previous-input", [file_payload(FIXTURES / "pingtan-gov-2021.txt")])
        page.fill("#year", "2021")
        page.select_option("#kind", "department")
        page.check("input[name=rules][value=table]")
        page.check("input[name=rules][value=arithmetic]")
        page.click("#start")
        page.wait_for_selector("#download-xlsx:not([hidden])")

        sent = server.upload.decode("utf-8", "replace")
        assert server.names == [txt.name, pdf.name, HOSTILE_NAME.replace('"', "%22")]
        for field, value in (("lang", "zh"), ("year", "2021"), ("kind", "department"), ("rules", "table")):
            assert f'name="{field}"\r\n\r\n{value}\r\n' in sent, field
        assert (
            'name="rules"\r\n\r\narithmetic\r\n' in sent and 'name="previous"; filename="pingtan-gov-2021.txt"' in sent
        )
        assert page.text_content("#progress-text") == "已检查 3 / 3，全部完成"
        # the file that could not be checked is not counted among those checked
        counts = {s: sum(1 for f in first + second if f["severity"] == s) for s in SEVERITIES}
        assert page.text_content("#summary") == (
            f"已检查 2 个文件：错误 {counts['error']} 个，警告 {counts['warning']} 个，提示 {counts['info']} 个"
            "；1 个文件无法检查"
        )
        assert ("POST", "/api/jobs?lang=zh") in server.requests
        assert page.get_attribute("#download-xlsx", "href") == "/api/jobs/J/findings.xlsx"
        assert page.get_attribute("#download-html", "href") == "/api/jobs/J/report.html"

        # every finding of the CLI, in its report, grouped by category in the server's order
        for index, findings in enumerate((first, second)):
            report = page.locator(f".report[data-index='{index}']")
            assert report.get_attribute("data-status") == "done"
            drawn = report.locator(".finding").evaluate_all(
                "els => els.map(e => [e.dataset.code, e.dataset.category, e.dataset.severity])"
            )
            assert sorted(drawn) == sorted([f["code"], f["category"], f["severity"]] for f in findings)
            order = [CATEGORIES.index(c) for _, c, _ in drawn]
            assert order == sorted(order)
            for severity in SEVERITIES:
                n = sum(1 for f in findings if f["severity"] == severity)
                assert report.locator(f".count-{severity}").text_content() == LABELS[f"count_{severity}"].zh.format(n=n)
            messages = report.locator(".finding-message").all_text_contents()
            assert sorted(messages) == sorted(f["message"] for f in findings)
        assert (
            page.locator(".report[data-index='0'] a.download-fixed").get_attribute("href")
            == "/api/jobs/J/files/0/fixed"
        )
        assert page.locator(".report[data-index='1'] a.download-annotated").count() == 1

        # a table cell is named as the finding's cell says, with the page of the PDF
        cell = next(f for f in second if f["cell"] and f["cell"].get("grid_row"))
        where = page.locator(f".report[data-index='1'] .finding[data-code='{cell['code']}'] .finding-location")
        text = where.first.text_content() or ""
        assert text.startswith(f"第 {cell['page']} 页，表格单元格：表")
        assert f"文件中第 {cell['cell']['grid']} 个表格，第 {cell['cell']['grid_row']} 行" in text

        # the hostile name is text: no element was made from it, no script ran
        third = page.locator(".report[data-index='2']")
        assert third.locator(".report-name").text_content() == HOSTILE_NAME.replace('"', "%22")
        assert third.locator(".report-error").text_content() == "无法检查此文件：文件已损坏，无法读取"
        assert page.locator("img").count() == 0 and page.evaluate("window.pwned") is None

        # the rule's text one click away, and the report in a sandboxed frame
        finding = page.locator(".report[data-index='0'] .finding").first
        code = finding.get_attribute("data-code")
        toggle = page.locator(".report[data-index='0'] .toggle-findings")
        assert toggle.get_attribute("aria-expanded") == "false"  # several files: each folded until asked
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        finding.locator(".rule-doc-button").click()
        summary = finding.locator(".rule-doc .rule-doc-summary")
        summary.wait_for()
        assert summary.text_content() == server.rule(str(code))["summary"]
        page.locator(".report[data-index='1'] .view-report").click()
        frame = page.locator(".report[data-index='1'] iframe.report-frame")
        assert frame.get_attribute("sandbox") == "allow-scripts"
        # opened on the file's own report (#r1: its section, tables and all, without a click)
        assert frame.get_attribute("src") == "/api/jobs/J/files/1/report.html#r1"
        assert page.frame_locator(".report[data-index='1'] iframe.report-frame").locator("h1").text_content() == "表三"

        # printed: no form, every report's findings open
        page.emulate_media(media="print")
        assert not page.is_visible("#drop-zone") and not page.is_visible("#start")
        for index in (0, 1):
            assert page.is_visible(f".report[data-index='{index}'] .report-body")
        page.emulate_media(media="screen")

        page.click("#clear")
        # (a selector, not wait_for_function: polling a string predicate is an eval the CSP refuses)
        page.wait_for_selector(".report", state="detached")
        assert server.deleted and page.is_hidden("#results")
        assert page.text_content("#progress-text") == LABELS["cleared"].zh
        assert not session.problems, session.problems
    finally:
        session.close()


@pytest.mark.browser
def test_the_page_says_in_chinese_what_is_wrong_before_sending(playwright_browser):
    small = {"max_files": 2, "max_upload_bytes": 16 * 1024, "time_limit_seconds": 60, "memory_limit_bytes": 1024**3}
    server = FakeServer(small, [])
    session = Session(playwright_browser, server)
    page = session.page
    txt = FIXTURES / "taierzhuang-kjj-2021.txt"  # 4.7 KB
    try:

        def attempt(files: list[dict[str, Any]], year: str = "") -> str:
            while page.locator("#chosen-files li").count():
                page.locator("#chosen-files li .button").first.click()
            page.set_input_files("#file-input", files)
            page.fill("#year", year)
            page.click("#start")
            return page.text_content("#error") or ""

        assert attempt([]) == LABELS["err_no_file"].zh
        assert attempt([file_payload(txt, f"{n}.txt") for n in range(3)]) == LABELS["err_too_many"].zh.format(
            max=2, n=3
        )
        big = FIXTURES / "hongze-gov-2023.pdf"
        size = format_size(big.stat().st_size)
        assert attempt([file_payload(big)]) == LABELS["err_too_large"].zh.format(size=size, max="16 KB")
        formats = ".txt .md .docx .pdf .zip"
        assert attempt([file_payload(txt, "报告.exe")]) == LABELS["err_no_supported"].zh.format(formats=formats)
        assert page.text_content("#chosen-files .chosen-note") == LABELS["chosen_unsupported"].zh
        assert attempt([file_payload(txt)], "1999") == LABELS["err_year"].zh
        assert not [r for r in server.requests if r[0] == "POST"], "nothing is sent while the choice is wrong"
        assert not session.problems, session.problems
    finally:
        session.close()


@pytest.mark.browser
def test_the_english_page_speaks_english_to_the_api(playwright_browser):
    txt = FIXTURES / "changji-kjj-2021.txt"
    findings = cli_findings(txt, "en")
    server = FakeServer(LIMITS, [findings], lang="en")
    session = Session(playwright_browser, server, lang="en")
    page = session.page
    try:
        page.set_input_files("#file-input", [file_payload(txt)])
        page.click("#start")
        page.wait_for_selector("#download-html:not([hidden])")
        assert page.text_content("#progress-text") == "Checked 1 of 1: all done"
        assert 'name="lang"\r\n\r\nen\r\n' in server.upload.decode("utf-8", "replace")
        api = [path for method, path in server.requests if path.startswith("/api/") and method != "DELETE"]
        assert api and all(path.endswith("lang=en") for path in api), api
        assert ("POST", "/api/jobs?lang=en") in server.requests  # a refusal before the form is read: English
        counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITIES}
        assert page.text_content("#summary") == (
            f"Files checked: 1; errors: {counts['error']}, warnings: {counts['warning']}, notes: {counts['info']}"
        )
        # the kind list is as wide as its longest choice: "read it from the report" is not cut off
        fits = page.evaluate(
            """() => {
                const select = document.getElementById('kind');
                const style = getComputedStyle(select);
                const probe = document.createElement('span');
                probe.style.font = style.font;
                probe.style.whiteSpace = 'pre';
                document.body.append(probe);
                const widest = Math.max(...[...select.options].map((o) => { probe.textContent = o.text; return probe.getBoundingClientRect().width; }));
                probe.remove();
                const inner = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                return [widest, inner];
            }"""
        )
        assert fits[0] + 16 <= fits[1], fits  # the text plus the list's arrow
        # one file: its findings are open at once, with English headings around the CLI's English messages
        report = page.locator(".report[data-index='0']")
        assert report.locator(".toggle-findings").get_attribute("aria-expanded") == "true"
        chrome = report.locator(".report-status, .report-counts, h4, h5, .rule-doc-button").all_text_contents()
        assert chrome and not [text for text in chrome if CJK.search(text)]
        assert report.locator(".finding-message").all_text_contents() == [f["message"] for f in findings]
        assert not session.problems, session.problems
    finally:
        session.close()

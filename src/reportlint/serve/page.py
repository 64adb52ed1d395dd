"""The page of `reportlint serve`: one HTML document, its script and style sheet apart.

The document holds no script and no style of its own: the Content-Security-Policy of
the server (``script-src 'self'; style-src 'self'``) allows only ``/static/app.js`` and
``/static/app.css`` (files in ``serve/static/``, package data shipped in the wheel).
What the script needs from the server side — the labels in the page's language and the
upload limits — is written as data into attributes of ``<body>`` (``data-labels``,
``data-limits``, ``data-lang``), escaped like any attribute value, never as code.

The form is complete in the document (ids below are what the browser tests use); the
parts that come from ``GET /api/options`` (formats, agency kinds, rule categories) and
every result are filled in by the script, with ``textContent`` only.
"""

from __future__ import annotations

import json
import math
from html import escape
from typing import Any

from reportlint import __version__
from reportlint.core.i18n import DEFAULT_LANG, LANGS
from reportlint.serve.labels import HTML_LANG, LABELS

SCRIPT_URL = "/static/app.js"
STYLESHEET_URL = "/static/app.css"


def labels_for(lang: str) -> dict[str, str]:
    """Every label of the page in ``lang`` (the other language when asked for an unknown one)."""
    return {key: text.get(lang) for key, text in LABELS.items()}


def format_size(size: int) -> str:
    """``104857600`` → ``100 MB`` (binary units, as ``--max-upload-size`` reads them)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "B" or value >= 100 or value == int(value) else f"{value:.1f}"
            return f"{text} {unit}"
        value /= 1024
    raise AssertionError("unreachable")  # the loop returns at GB


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _limit(limits: dict[str, Any], key: str) -> int | None:
    """A positive whole number from ``limits``, rounded up (0, missing or not a number: no limit)."""
    value = limits.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    return math.ceil(value)


def limits_hint(lang: str, limits: dict[str, Any]) -> str:
    """The sentence under the drop zone that says how much may be sent at once."""
    label = labels_for(lang)
    parts = []
    files, size = _limit(limits, "max_files"), _limit(limits, "max_upload_bytes")
    if files and size:
        parts.append(label["limits_files"].format(files=files, size=format_size(size)))
    seconds = _limit(limits, "time_limit_seconds")
    if seconds:
        parts.append(label["limits_time"].format(seconds=seconds))
    return ("" if lang == "zh" else " ").join(parts)


def render_page(lang: str, limits: dict[str, Any]) -> str:
    """The whole document for ``GET /`` (``lang``: ``zh`` or ``en``; anything else: ``zh``)."""
    if lang not in LANGS:
        lang = DEFAULT_LANG
    label = labels_for(lang)
    other = "en" if lang == "zh" else "zh"
    public_limits = {
        key: _limit(limits, key)
        for key in ("max_files", "max_upload_bytes", "time_limit_seconds", "memory_limit_bytes")
    }

    def t(key: str, **params: Any) -> str:
        text = label[key]
        return escape(text.format(**params) if params else text)

    return f"""<!DOCTYPE html>
<html lang="{HTML_LANG[lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{t("title")}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{STYLESHEET_URL}">
<script src="{SCRIPT_URL}" defer></script>
</head>
<body data-lang="{lang}" data-labels="{_attr(json.dumps(label, ensure_ascii=False))}" data-limits="{_attr(json.dumps(public_limits))}">
<header class="site-header">
<h1><span class="product">reportlint</span> <span class="tagline">{t("tagline")}</span></h1>
<p class="site-meta"><span class="version">{t("version", v=__version__)}</span>
<a id="lang-switch" href="?lang={other}" hreflang="{HTML_LANG[other]}" lang="{HTML_LANG[other]}" title="{t("switch_language_hint")}">{t("switch_language")}</a></p>
</header>
<main>
<noscript><p class="noscript">{t("needs_script")}</p></noscript>
<form id="upload-form" class="upload-form" novalidate>
<section class="panel" aria-labelledby="upload-heading">
<h2 id="upload-heading">{t("upload_heading")}</h2>
<div id="drop-zone" class="drop-zone">
<p class="drop-text">{t("drop_here")}</p>
<p class="drop-or">{t("drop_or")}</p>
<input type="file" id="file-input" name="files" multiple class="visually-hidden">
<label for="file-input" class="button primary-outline">{t("choose_files")}</label>
<p id="formats-hint" class="hint"></p>
<p id="limits-hint" class="hint">{escape(limits_hint(lang, limits))}</p>
</div>
<p id="chosen-summary" class="chosen-summary">{t("chosen_none")}</p>
<ul id="chosen-files" class="chosen-files"></ul>
<div class="field previous-field">
<label for="previous-input" class="field-label">{t("previous_label")}</label>
<span class="previous-row">
<input type="file" id="previous-input" name="previous" class="visually-hidden">
<label for="previous-input" class="button small">{t("choose_file")}</label>
<span id="previous-name" class="previous-name">{t("previous_none")}</span>
<button type="button" id="previous-clear" class="button small link" hidden>{t("previous_clear")}</button>
</span>
</div>
</section>
<section class="panel" aria-labelledby="options-heading">
<h2 id="options-heading">{t("options_heading")}</h2>
<div class="options-row">
<div class="field">
<label for="year">{t("year_label")}</label>
<input type="number" id="year" name="year" min="2000" max="2100" step="1" inputmode="numeric" aria-describedby="year-hint">
<span id="year-hint" class="hint">{t("year_hint")}</span>
</div>
<div class="field">
<label for="kind">{t("kind_label")}</label>
<select id="kind" name="kind">
<option value="">{t("kind_auto")}</option>
</select>
</div>
</div>
<fieldset id="rules" class="rules">
<legend>{t("rules_label")}</legend>
<div id="rules-list" class="rules-list"><span class="hint">{t("options_loading")}</span></div>
<p class="hint">{t("rules_hint")}</p>
</fieldset>
</section>
<div class="actions">
<button type="submit" id="start" class="button primary">{t("start")}</button>
<button type="button" id="clear" class="button" hidden>{t("clear")}</button>
</div>
<div id="error" class="error" role="alert"></div>
</form>
<section id="progress" class="panel progress" aria-label="{t("progress_heading")}" aria-live="polite" hidden>
<progress id="progress-bar" max="1" value="0" aria-labelledby="progress-text"></progress>
<p id="progress-text" class="progress-text"></p>
</section>
<section id="results" class="results" aria-labelledby="results-heading" hidden>
<h2 id="results-heading">{t("results_heading")}</h2>
<p id="summary" class="summary"></p>
<p class="job-downloads">
<a id="download-xlsx" class="button" download hidden>{t("download_xlsx")}</a>
<a id="download-html" class="button" download hidden>{t("download_html")}</a>
</p>
<ol id="reports" class="reports"></ol>
</section>
</main>
</body>
</html>
"""

"""Everything the page of `reportlint serve` says, in Chinese and English: one place.

The page (:mod:`.page`) writes the labels of its own language into the document as
data (a ``data-labels`` attribute), and ``static/app.js`` reads every text it shows
from there with ``t("key")``, so the script holds no language of its own and an
English page has every label in English. Fields are ``str.format`` style (``{n}``);
the script fills them the same way.

The messages of the API (upload errors, a file that could not be checked) and the
names of rule categories and agency kinds come from the server in the request's
language; they are not here.
"""

from __future__ import annotations

from reportlint.core.i18n import T, Text

HTML_LANG = {"zh": "zh-CN", "en": "en"}

# Keys whose English text keeps Chinese on purpose: the product's Chinese name (what
# the staff call the document they write) and the name of the other language in its
# own script on the language switch.
CHINESE_IN_ENGLISH = frozenset({"tagline", "switch_language"})

LABELS: dict[str, Text] = {
    # the header
    "title": T("reportlint：年度报告检查", "reportlint: annual report checker"),
    "tagline": T(
        "政府信息公开工作年度报告检查",
        "Checks 政府信息公开工作年度报告 (government information-disclosure annual reports)",
    ),
    "version": T("版本 {v}", "version {v}"),
    "switch_language": T("English", "中文"),
    "switch_language_hint": T("切换到英文界面", "Switch to the Chinese page"),
    "needs_script": T(
        "此页面需要启用 JavaScript 才能上传和检查文件。", "This page needs JavaScript to upload and check files."
    ),
    # choosing the files
    "upload_heading": T("选择要检查的报告", "Choose the reports to check"),
    "drop_here": T("把报告文件拖到这里", "Drop report files here"),
    "drop_or": T("或", "or"),
    "choose_files": T("选择文件", "Choose files"),
    "formats": T(
        "支持的格式：{formats}（可把一个文件夹压缩成 .zip 上传）",
        "Formats: {formats} (a folder can be sent as one .zip)",
    ),
    "limits_files": T("一次最多 {files} 个文件，合计不超过 {size}。", "Up to {files} files at a time, {size} in all."),
    "limits_time": T("每个文件最多检查 {seconds} 秒。", "Each file is checked for at most {seconds} seconds."),
    "chosen_none": T("尚未选择文件。", "No file chosen yet."),
    "chosen_count": T("已选择 {n} 个文件，共 {size}", "Files chosen: {n} ({size} in all)"),
    "chosen_unsupported": T("格式不支持，不会上传", "format not supported, will not be sent"),
    "remove_file": T("移除", "Remove"),
    "remove_file_named": T("移除 {name}", "Remove {name}"),
    "previous_label": T(
        "去年的报告（可选，用于跨年度核对）", "Last year's report (optional, for the cross-year checks)"
    ),
    "choose_file": T("选择文件", "Choose a file"),
    "previous_none": T("未选择", "none chosen"),
    "previous_clear": T("不用去年的报告", "Do not use last year's report"),
    # options
    "options_heading": T("检查选项", "Options"),
    "year_label": T("报告年度", "Report year"),
    "year_hint": T("留空则从报告中识别", "leave empty to read it from the report"),
    "kind_label": T("机关类型", "Agency kind"),
    "kind_auto": T("从报告中识别", "read it from the report"),
    "rules_label": T("检查的规则类别", "Rule categories to check"),
    "rules_hint": T("都不选则按默认规则检查", "none chosen: the default rules"),
    "options_loading": T("正在载入选项……", "Loading the options…"),
    "start": T("开始检查", "Start checking"),
    "clear": T("清除结果", "Clear the results"),
    # client-side checks
    "err_no_file": T("请先选择要检查的报告文件。", "Choose the report files to check first."),
    "err_no_supported": T(
        "所选文件都不是支持的格式（支持：{formats}）。",
        "None of the chosen files is in a supported format ({formats}).",
    ),
    "err_too_many": T(
        "一次最多检查 {max} 个文件，现在选择了 {n} 个；请分批上传。",
        "At most {max} files can be checked at a time; {n} are chosen. Send them in batches.",
    ),
    "err_too_large": T(
        "所选文件合计 {size}，超过了 {max} 的上限；请分批上传。",
        "The chosen files come to {size}, over the {max} limit. Send them in batches.",
    ),
    "err_previous_format": T(
        "去年的报告“{name}”不是支持的格式。", "Last year's report “{name}” is not in a supported format."
    ),
    "err_year": T(
        "报告年度应为 2000 至 2100 之间的整数。", "The report year must be a whole number from 2000 to 2100."
    ),
    "err_network": T(
        "无法连接检查服务，请确认 reportlint serve 仍在运行后重试。",
        "Cannot reach the checking service: make sure reportlint serve is still running, then try again.",
    ),
    "err_http": T(
        "检查服务返回错误（HTTP {status}）。", "The checking service answered with an error (HTTP {status})."
    ),
    "err_expired": T(
        "检查结果已过期或已清除，请重新上传。", "The results have expired or been cleared: send the files again."
    ),
    "err_options": T(
        "无法载入检查选项，将按默认设置检查。", "The options could not be loaded: the default settings will be used."
    ),
    # progress
    "progress_heading": T("检查进度", "Progress"),
    "uploading": T("正在上传……{p}%", "Uploading… {p}%"),
    "uploaded": T("上传完成，等待检查……", "Uploaded, waiting to be checked…"),
    "checked_of": T("已检查 {k} / {n}", "Checked {k} of {n}"),
    "all_done": T("已检查 {k} / {n}，全部完成", "Checked {k} of {n}: all done"),
    "summary": T(
        "已检查 {n} 个文件：错误 {e} 个，警告 {w} 个，提示 {i} 个",
        "Files checked: {n}; errors: {e}, warnings: {w}, notes: {i}",
    ),
    "summary_failed": T("；{m} 个文件无法检查", "; could not be checked: {m}"),
    "cleared": T("结果已清除。", "The results were cleared."),
    # the job's downloads
    "results_heading": T("检查结果", "Results"),
    "download_xlsx": T("下载 Excel（xlsx）", "Download Excel (xlsx)"),
    "download_html": T("下载 HTML 审查报告", "Download the HTML audit report"),
    # one report
    "status_queued": T("排队中", "queued"),
    "status_running": T("检查中", "checking"),
    "status_done": T("已完成", "done"),
    "status_error": T("无法检查", "could not be checked"),
    "status_skipped": T("已跳过", "skipped"),
    "severity_error": T("错误", "Errors"),
    "severity_warning": T("警告", "Warnings"),
    "severity_info": T("提示", "Notes"),
    "count_error": T("错误 {n}", "Errors {n}"),
    "count_warning": T("警告 {n}", "Warnings {n}"),
    "count_info": T("提示 {n}", "Notes {n}"),
    "no_findings": T("未发现问题。", "No problems found."),
    "show_findings": T("查看问题", "Show the findings"),
    "hide_findings": T("收起问题", "Hide the findings"),
    "group_count": T("{name}（{n}）", "{name} ({n})"),
    "file_error": T("无法检查此文件：{reason}", "This file could not be checked: {reason}"),
    "file_skipped": T("已跳过此文件：{reason}", "This file was skipped: {reason}"),
    "view_report": T("查看表格与原文", "Show the tables and the text"),
    "hide_report": T("收起表格与原文", "Hide the tables and the text"),
    "report_frame_title": T("{name} 的审查报告", "Audit report of {name}"),
    "download_annotated": T("下载批注版", "Download the annotated copy"),
    "download_fixed": T("下载修复版", "Download the fixed copy"),
    # one finding
    "at_line": T("第 {l} 行，第 {c} 列", "line {l}, column {c}"),
    "at_page": T("第 {p} 页", "page {p}"),
    "at_paragraph": T("第 {p} 段", "paragraph {p}"),
    "cell": T("表格单元格：{cell}", "table cell: {cell}"),
    "cell_table2": T("表二", "table 2"),
    "cell_table3": T("表三", "table 3"),
    "cell_table4": T("表四", "table 4"),
    "cell_row": T("“{r}”行", "row “{r}”"),
    "cell_column": T("“{c}”列", "column “{c}”"),
    "cell_grid": T("文件中第 {g} 个表格", "table {g} in the file"),
    "cell_grid_row": T("第 {r} 行", "row {r}"),
    "cell_grid_column": T("第 {c} 列", "column {c}"),
    "list_separator": T("，", ", "),
    "fix_safe": T("可自动修复：", "Fix (applied in the fixed copy): "),
    "fix_unsafe": T("建议修改（需人工确认）：", "Suggested fix (review it first): "),
    "edit_replace": T("改为“{text}”", "change to “{text}”"),
    "edit_insert": T("插入“{text}”", "insert “{text}”"),
    "edit_more": T("另有 {n} 处修改", "edits not shown: {n}"),
    "edit_delete": T("删除该处文字", "delete the text"),
    "rule_doc": T("规则说明", "About this rule"),
    "rule_doc_hide": T("收起规则说明", "Hide the rule"),
    "rule_doc_loading": T("正在载入规则说明……", "Loading the rule…"),
    "rule_doc_failed": T("无法载入规则说明。", "The rule's description could not be loaded."),
    "rule_why": T("为什么", "Why"),
    "rule_bad": T("错误示例", "Wrong"),
    "rule_good": T("正确示例", "Right"),
}

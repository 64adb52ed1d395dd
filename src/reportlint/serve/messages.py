"""Every text of the server a user reads, in Chinese and English (core.i18n)."""

from __future__ import annotations

from reportlint.core.i18n import T

# errors of a request (the body's "error")
NO_FILE = T("请选择要检查的文件", "choose the files to check")
TOO_MANY_FILES = T(
    "文件太多：一次最多检查 {n} 个文件（含 .zip 中的文件）",
    "too many files: at most {n} files at once (counting the files inside .zip files)",
)
UPLOAD_TOO_LARGE = T(
    "上传的内容太大：一次最多 {size}",
    "the upload is too large: at most {size} at once",
)
NOT_MULTIPART = T("请用表单（multipart/form-data）上传文件", "upload the files as a form (multipart/form-data)")
BAD_FORM = T("无法读取上传的表单：{why}", "cannot read the uploaded form: {why}")
NO_SUPPORTED_FILE = T(
    "没有可检查的文件：支持的格式为 {formats}",
    "no file that can be checked: the formats read are {formats}",
)
BAD_YEAR = T("年度无效：{v}（应为 2000 到 2100 之间的年份）", "invalid year: {v} (a year from 2000 to 2100)")
BAD_KIND = T(
    "机关类别无效：{v}（可选：department、government、township）",
    "invalid agency kind: {v} (department, government or township)",
)
BAD_RULES = T("未知的规则类别：{v}（可选：{known}）", "unknown rule category: {v} (one of {known})")
BAD_LANG = T("语言无效：{v}（可选：zh、en）", "invalid language: {v} (zh or en)")
BAD_PREVIOUS = T(
    "上一年度报告的格式无法检查：{name}（支持的格式为 {formats}）",
    "last year's report is not in a format that can be checked: {name} (the formats read are {formats})",
)
ZIP_TOO_MANY_ENTRIES = T(
    "压缩包 {name} 中的条目太多（超过 {n} 个），未展开",
    "the archive {name} has too many entries (more than {n}): not expanded",
)
ZIP_TOO_LARGE = T(
    "压缩包解压后太大（超过 {size}），未展开",
    "the archives expand to too much (more than {size}): not expanded",
)
ZIP_BOMB = T(
    "压缩包 {name} 中的 {entry} 压缩比异常（超过 {ratio} 倍），疑为“压缩炸弹”，未展开",
    "in the archive {name}, {entry} is compressed more than {ratio} times: a suspected zip bomb, not expanded",
)
UNAUTHORIZED = T(
    "需要访问令牌：请使用启动时显示的完整网址（含 ?token=…）打开本页",
    "an access token is needed: open the page with the full address printed at start-up (with ?token=…)",
)
CROSS_ORIGIN = T("拒绝来自其他网站的上传", "uploads from another site are refused")
NOT_FOUND = T("没有这个检查任务（可能已过期或已删除）", "no such check (it may have expired or been deleted)")
NO_SUCH_PAGE = T("没有这个地址", "no such address")
NO_SUCH_RULE = T("未知的规则：{c}", "unknown rule: {c}")
METHOD_NOT_ALLOWED = T("不支持该请求方法", "method not allowed")
BUSY = T("服务器正忙，请稍后再试", "the server is busy: try again later")
INTERNAL = T("服务器内部错误", "internal server error")

# a file's "error" (status error or skipped)
UNSUPPORTED_FORMAT = T("不支持的格式（{ext}），未检查", "a format that is not read ({ext}): not checked")
NESTED_ZIP = T("压缩包中的压缩包不会展开，未检查", "an archive inside an archive is not expanded: not checked")
HIDDEN_ENTRY = T(
    "隐藏文件或 Office 临时文件，不是报告，未检查",
    "a hidden file or an Office lock file, not a report: not checked",
)
DAMAGED_ZIP = T(
    "无法读取该压缩包（.zip 已损坏或不是 .zip 文件）", "cannot read the archive (damaged, or not a .zip file)"
)
ENCRYPTED_ENTRY = T("压缩包中的文件已加密，无法检查", "the file is encrypted in the archive: cannot be checked")
ZIP_ENTRY_UNREADABLE = T("无法从压缩包中读出该文件", "cannot read the file out of the archive")
KILLED = T(
    "检查超过时间上限（{s:g} 秒），已停止",
    "the check took longer than the time limit ({s:g} s) and was stopped",
)
CHECK_FAILED = T("检查未能完成：{why}", "the check did not complete: {why}")
NO_OUTPUT = T("检查程序没有给出结果", "the check gave no result")

# download names: （批注）/（修复） after the uploaded name
ANNOTATED_SUFFIX = T("（批注）", " (annotated)")
FIXED_SUFFIX = T("（修复）", " (fixed)")
XLSX_NAME = T("检查结果.xlsx", "reportlint-findings.xlsx")
HTML_NAME = T("检查报告.html", "reportlint-report.html")

# printed by `reportlint serve`
NON_LOOPBACK_WARNING = T(
    "警告：{host} 不是本机地址，局域网内的其他电脑也能打开本页。请只在可信的网络中使用，"
    "并把含访问令牌的网址只发给需要的人。",
    "warning: {host} is not a loopback address: other computers on the network can open the page. "
    "Use it on a trusted network only, and give the address with its access token only to those who need it.",
)
MISSING_EXTRA = T(
    "reportlint serve 需要额外的组件：pip install 'reportlint[serve]'",
    "reportlint serve needs the extra: pip install 'reportlint[serve]'",
)
CANNOT_LISTEN = T("无法监听 {host}:{port}：{why}", "cannot listen on {host}:{port}: {why}")
BAD_SIZE = T("{opt} 的值无效：{v}（例如 100MB）", "invalid {opt}: {v} (e.g. 100MB)")
BAD_SECONDS = T(
    "{opt} 的值无效：{v}（秒数，例如 60；0 表示不限）", "invalid {opt}: {v} (seconds, e.g. 60; 0: no limit)"
)

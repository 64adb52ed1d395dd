"""The commented starter ``.reportlint.yaml`` written by ``reportlint init``.

Every key is shown. The active values are the defaults, so the file changes
nothing until edited; each key is followed by a commented example. With
``examples=True`` the examples are written active instead (the tests load that
variant too, so every example stays valid).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint.core.lazy_dataclass import dataclass

if TYPE_CHECKING:  # pragma: no cover
    from reportlint.plugins.manager import Registry


@dataclass(frozen=True)
class _Block:
    """One key of the starter file: its comment in both languages and its YAML."""

    key: str
    zh: str  # comment lines (Chinese)
    en: str  # comment lines (English)
    active: str | None  # YAML written active (None: the key is shown commented only)
    example: str | None  # YAML shown commented (active with examples=True)
    example_activatable: bool = True


_HEADER = {
    "zh": """\
reportlint 配置文件（.reportlint.yaml，也可命名为 .reportlint.yml）

reportlint 从每个被检查文件所在的目录向上查找最近的配置文件；也可以用
--config 指定。下面列出了全部配置项：未注释的值就是默认值，注释中的“例如”
给出了写法。运行 `reportlint config 文件名` 可查看某个文件实际生效的配置。

规则选择器可以是：规则代码（RL101）、代码前缀（RL1）、规则名称
（missing-section）、类别（structure、template、table、arithmetic、
consistency、period、placeholder、artifact、script）或 ALL。
选择器越具体优先级越高：代码 > 前缀 > 类别 > ALL。""",
    "en": """\
reportlint configuration (.reportlint.yaml; .reportlint.yml also works)

reportlint walks up from each checked file's directory to the nearest
configuration file, unless --config names one. Every key is listed below: the
active values are the defaults, and the commented "for example" lines show how
to write them. Run `reportlint config FILE` to see the settings in effect for a file.

A rule selector is a rule code (RL101), a code prefix (RL1), a rule name
(missing-section), a category (structure, template, table, arithmetic,
consistency, period, placeholder, artifact, script) or ALL. The more specific
selector wins: code > prefix > category > ALL.""",
}

_EXAMPLE_LABEL = {"zh": "例如：", "en": "For example:"}

_CUSTOM_RULES_EXAMPLE = """\
custom-rules:
  - code: ORG001
    name: no-draft-mark
    type: existence
    tokens: [征求意见稿, 内部资料, 草稿]
    patterns: ['第\\s*[0-9]+\\s*稿']
    message: {zh: "正式报告中不应出现“{match}”", en: "'{match}' should not appear in the published report"}
    description: {zh: 正式报告中不应保留草稿标记, en: Draft marks must not remain in the published report}
    severity: error
    category: artifact
    ignore-case: false
    scope: view
  - code: ORG002
    name: official-regulation-name
    type: substitution
    swap:
      信息公开条例: 政府信息公开条例
    message: {zh: "应写作“{right}”，而非“{match}”", en: "write '{right}' instead of '{match}'"}
    severity: warning
    category: template"""

_BLOCKS = (
    _Block(
        "extend",
        "继承另一个配置文件（路径相对于本文件）；本文件中的设置优先。",
        "Inherit another configuration file (path relative to this file); this file's settings win.",
        None,
        "extend: ../.reportlint.yaml",
        example_activatable=False,
    ),
    _Block(
        "select",
        "启用哪些规则。省略时启用全部内置规则；写了就只启用列出的规则。",
        "Which rules run. Without it every built-in rule runs; with it, exactly the rules listed.",
        "select: [ALL]",
        "select: [structure, table, arithmetic, placeholder]",
    ),
    _Block(
        "extend-select",
        "在 select 的基础上再启用这些规则。",
        "Rules enabled on top of select.",
        "extend-select: []",
        "extend-select: [ORG001]",
    ),
    _Block(
        "ignore",
        "关闭这些规则（更具体的选择器优先，例如 ignore: [table] 加 extend-select: [某个表格规则代码]）。",
        "Rules turned off (the more specific selector wins, e.g. ignore: [table] with extend-select: [one table rule code]).",
        "ignore: []",
        "ignore: [script]",
    ),
    _Block(
        "severity",
        "调整严重级别：规则选择器 → error | warning | info | off（off 即关闭）。",
        "Change severities: rule selector → error | warning | info | off (off turns the rule off).",
        "severity: {}",
        "severity:\n  table: error\n  arithmetic: error\n  placeholder: warning\n  ORG002: info",
    ),
    _Block(
        "options",
        "规则选项：规则代码或名称 → {选项: 值}。`reportlint rule 代码` 列出每条规则的选项及默认值；\n写错选项名会报错。",
        "Rule options: rule code or name → {option: value}. `reportlint rule CODE` lists a rule's options and\n"
        "their defaults; an unknown option name is an error.",
        "options: {}",
        None,  # filled from the registry when it has a rule with options
        example_activatable=False,
    ),
    _Block(
        "per-file-ignores",
        "按文件关闭规则：glob 模式（相对于本文件所在目录，支持 **）→ 规则选择器列表。",
        "Rules turned off per file: glob pattern (relative to this file's directory, ** supported) → rule selectors.",
        "per-file-ignores: {}",
        'per-file-ignores:\n  "archive/2019/**": [template, table]\n  "**/*-草稿.txt": [placeholder, ORG001]',
    ),
    _Block(
        "exclude",
        "不检查的文件：glob 模式（相对于本文件所在目录）。在命令行上直接指定的文件同样排除。",
        "Files never checked: glob patterns (relative to this file's directory); honoured for files named\n"
        "on the command line too.",
        "exclude: []",
        'exclude: ["drafts/**", "*.bak.txt"]',
    ),
    _Block(
        "report",
        "报告的基本事实，设置后不再自动推断：\n"
        "  kind: department（部门）| government（政府）| township（乡镇、街道）——决定发布期限\n"
        "  year: 报告年度\n"
        '  format: "2021" | "2019" | pre2019 ——报告应遵循的格式\n'
        "  script: simplified（简体）| traditional（繁体）| any",
        "Facts about the report that override inference:\n"
        "  kind: department | government | township — sets the publication deadline\n"
        "  year: the year reported on\n"
        '  format: "2021" | "2019" | pre2019 — the format the report must follow\n'
        "  script: simplified | traditional | any",
        "report: {}",
        'report:\n  kind: department\n  year: 2021\n  format: "2021"\n  script: simplified',
    ),
    _Block(
        "max-file-size",
        "可读取的最大文件大小：字节数，或如 20MB、512KB。",
        "Largest file read: a number of bytes, or a size such as 20MB or 512KB.",
        "max-file-size: 20MB",
        "max-file-size: 50MB",
    ),
    _Block(
        "placeholders",
        "额外的占位符文字（模板中未替换的“XX”之类），供占位符规则识别。",
        "Extra placeholder tokens (template text left unreplaced, like “XX”) for the placeholder rules.",
        "placeholders: []",
        'placeholders: ["××局", "XX年", "待填写"]',
    ),
    _Block(
        "force-report",
        "不像年度报告的文件（没有报告标题、没有任何部分、没有表格，如 README、通知）默认只给一条提示（RL003），"
        "不按报告检查；设为 true 则照常按报告检查（同 --force-report）。",
        "Files that do not look like an annual report (no report title, none of the sections, no tables: a README,\n"
        "a notice) get one note (RL003) and are not checked as reports; true checks them anyway (as --force-report).",
        "force-report: false",
        "force-report: true",
    ),
    _Block(
        "deadlines",
        "本地规定的年报发布期限（次年的“月-日”），按机关类别：department（部门）、government（政府）、\n"
        "township（乡镇、街道）；未列出的类别按条例（部门1月31日、政府3月31日）。RL609 与审计记录的期限都用它。\n"
        "某一级机关（如县级政府）另有期限时，在其报告所在目录另放一个 .reportlint.yaml。",
        "Local publication deadlines (month-day of the following year) by agency kind: department, government,\n"
        "township; kinds not listed keep the statutory dates (departments 31 January, governments 31 March). RL609\n"
        "and the audit records both use them. For one level's own dates (county governments), put a\n"
        ".reportlint.yaml in the folder of its reports.",
        None,
        'deadlines:\n  department: "01-28"\n  government: "03-20"\n  township: "01-31"',
    ),
    _Block(
        "scoring",
        "评分方案：随附方案的名称（suqian、quanzhou-licheng），或方案 YAML 文件的路径（相对于本文件所在目录）；\n"
        "同 --scoring。格式见 docs/scoring.md。",
        "Scoring profile: a shipped profile's name (suqian, quanzhou-licheng) or the path of a profile YAML file\n"
        "(relative to this file's directory); as --scoring. The format: docs/scoring.md.",
        None,
        "scoring: suqian",
    ),
    _Block(
        "near-duplicates",
        "一批报告中，两个不同单位的报告正文相同部分（按较短的一份计）达到这个比例即列为雷同（与其他单位雷同），\n"
        "默认 0.5。与本单位上一年度报告的雷同由规则 RL522 检查（options: {RL522: {threshold: 0.5}}）。",
        "In a batch, two different agencies' reports whose narratives share this much (of the shorter one) are\n"
        "listed as near duplicates; default 0.5. Text repeated from the agency's own last report is RL522's\n"
        "check (options: {RL522: {threshold: 0.5}}).",
        "near-duplicates: 0.5",
        "near-duplicates: 0.6",
    ),
    _Block(
        "hierarchy",
        "与 --hierarchy、--roster 一起：上级报告与名单“上级”列所列下级报告之和比较的数字（见 rules/hierarchy.yaml，\n"
        "默认表三“本年新收”总计 table3.new.total），mode: at-least（不小于下级之和，默认）或 equal（等于）。\n"
        "见 docs/hierarchy.md。",
        "With --hierarchy and --roster: the figures a parent's report is compared on against the sum of the\n"
        "reports the roster's parent column puts under it (rules/hierarchy.yaml; default table3.new.total), and\n"
        "mode: at-least (default) or equal. See docs/hierarchy.md.",
        None,
        "hierarchy:\n  figures: [table3.new.total]\n  mode: at-least",
    ),
    _Block(
        "custom-rules",
        "自定义规则（类似 Vale）：\n"
        "  type: existence    —— 出现 tokens（字面文字）或 patterns（正则表达式，RE2 线性时间，不支持反向引用和环视）即报告\n"
        "  type: substitution —— 把 swap 中的错误写法替换为正确写法（附自动修复）\n"
        "  code: 2–8 个大写字母加 3–4 位数字（不能与已有规则重复）；name: kebab-case\n"
        "  message: 字符串或 {zh:, en:}，可用 {match}（原文）和 {right}（正确写法），不能带格式说明\n"
        "  severity: error | warning | info；category: 九个类别之一\n"
        "  ignore-case: 是否忽略大小写；scope: view（规范化文本，默认）| text（原文）",
        "Custom rules, Vale-style:\n"
        "  type: existence    — report every match of tokens (literal text) or patterns (regular expressions;\n"
        "                       RE2, linear time: no back-references or look-around)\n"
        "  type: substitution — report each wrong form in swap, with a fix to the right one\n"
        "  code: 2–8 capital letters and 3–4 digits (not an existing code); name: kebab-case\n"
        "  message: a string or {zh:, en:}; may use plain {match} (the text as written) and {right}\n"
        "  severity: error | warning | info; category: one of the nine categories\n"
        "  ignore-case: match regardless of case; scope: view (normalised text, default) | text (as written)",
        "custom-rules: []",
        _CUSTOM_RULES_EXAMPLE,
    ),
)


def _options_example(registry: Registry | None) -> str | None:
    if registry is None:
        return None
    for code, rule in registry.rules.items():
        opts = {k: v for k, v in dict(rule.options).items() if isinstance(v, (bool, int, float, str))}
        if opts:
            from io import StringIO

            from ruamel.yaml import YAML

            yaml = YAML(typ="safe", pure=True)
            yaml.default_flow_style = False
            buf = StringIO()
            yaml.dump({"options": {code: opts}}, buf)
            return buf.getvalue().rstrip("\n")
    return None


def _comment(text: str) -> list[str]:
    return [("# " + line).rstrip() for line in text.splitlines()]


def starter_config(lang: str = "zh", registry: Registry | None = None, *, examples: bool = False) -> str:
    """A commented starter ``.reportlint.yaml`` showing every key.

    ``lang`` (``zh`` / ``en``) picks the language of the comments. With a
    ``registry`` the ``options`` example uses a real rule. ``examples=True`` writes
    the examples active instead of the defaults.
    """
    lang = "en" if lang == "en" else "zh"
    lines = _comment(_HEADER[lang])
    generic_options = (
        "options:\n  <代码或名称>:\n    <选项>: <值>"
        if lang == "zh"
        else "options:\n  <code or name>:\n    <option>: <value>"
    )
    for block in _BLOCKS:
        example = block.example
        activatable = block.example_activatable
        if block.key == "options":
            real = _options_example(registry)
            example, activatable = (real, True) if real else (generic_options, False)
        lines.append("")
        lines.extend(_comment(block.zh if lang == "zh" else block.en))
        if examples and activatable and example is not None:
            lines.extend(example.splitlines())
            continue
        if block.active is not None:
            lines.extend(block.active.splitlines())
        if example is not None:
            lines.append("# " + _EXAMPLE_LABEL[lang])
            lines.extend(_comment(example))
    return "\n".join(lines) + "\n"


def starter_keys() -> list[str]:
    """The keys the starter file shows (all of them)."""
    return [b.key for b in _BLOCKS]

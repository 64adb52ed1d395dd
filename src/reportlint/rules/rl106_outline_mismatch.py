"""RL106 outline-mismatch."""

from __future__ import annotations

from reportlint.analysis import outline
from reportlint.core import pattern_store
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.document.numerals import cn_to_int
from reportlint.rules.base import Rule

_COUNT = pattern_store.compile(r"([一二三四五六七八九十]|\d{1,2})\s*个?\s*部分")


class OutlineMismatch(Rule):
    """The sentence listing the report's parts does not match the sections present.

    Many reports open with ``全文包括总体情况、主动公开政府信息情况……六个部分``. When the
    list or the count disagrees with the headings that follow — a part listed that the
    report does not have, a section present but not listed, "six parts" over five — the
    reader is misled about what the report contains. A section the format requires
    but the report lacks is reported once, by RL102, whose message also asks to list it
    here; a sentence that truthfully lists what is there is not reported again.

    Bad:
        常熟市科学技术局2021年政府信息公开工作年度报告
        全文包括总体情况、主动公开政府信息情况、存在的主要问题及改进情况六个部分。
        一、总体情况
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        六、其他需要报告的事项
    Good:
        常熟市科学技术局2021年政府信息公开工作年度报告
        全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。
        一、总体情况
        二、主动公开政府信息情况
        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        六、其他需要报告的事项
    """

    code = "RL106"
    name = "outline-mismatch"
    category = "structure"
    severity = Severity.WARNING
    summary_zh = "“全文包括…”一句与实际的部分不符。"
    rationale_zh = (
        "很多报告开头写“全文包括总体情况、主动公开政府信息情况……六个部分”。列出的内容或部分数与后面的"
        "标题不一致（列出了报告中没有的部分、漏列了正文中的部分、说“六个部分”实际只有五个），会误导读者。"
        "格式要求而报告缺少的部分只由 RL102 报告一次（其提示会要求在此句中一并列出）；如实列出现有"
        "部分的句子不再重复报告。"
    )
    messages = {
        "mismatch": T(
            "开头列出各部分的句子与正文不符：{details_zh}；请按正文实际的各部分改写这句话",
            "the opening sentence listing the parts does not match the report: {details_en}; "
            "rewrite it to list the parts the report has",
        ),
    }

    def check(self, doc):
        meta = doc.meta
        if meta.outline_span is None or not meta.outline_keys:
            return
        fmt = outline.report_format(doc)
        present = [s.key for s in doc.sections]
        if not present:
            return
        missing_required = [k for k in outline.required_keys(fmt) if k not in present]
        expected_doc = set(present) | set(missing_required)
        listed = meta.outline_keys
        zh, en = [], []
        extra = [k for k in listed if k not in expected_doc]
        if extra:
            names = "、".join(f"“{_title(k)}”" for k in extra)
            zh.append(f"列出了{names}，但正文没有这{'一' if len(extra) == 1 else '些'}部分")
            en.append(f"it lists {', '.join(_title(k) for k in extra)}, which the report does not have")
        unlisted = [k for k in present if k not in listed]
        if unlisted:
            names = "、".join(f"“{_title(k)}”" for k in unlisted)
            zh.append(f"没有列出正文中的{names}")
            en.append(f"it does not list {', '.join(_title(k) for k in unlisted)}")
        s, e = meta.outline_span
        m = _COUNT.search(doc.view.text, doc.view.to_view(s), doc.view.to_view(e))
        if m is not None:
            claimed = cn_to_int(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
            # a sentence that counts the statistical table or an annex as a part
            # (`…改进措施和统计表共七个部分`) may say one more than the sections
            sentence = doc.view.text[doc.view.to_view(s) : doc.view.to_view(e)]
            annex = any(w in sentence for w in outline.data().get("outline_annex_words", ()))
            allowed = {len(present), len(expected_doc)}
            if annex:
                allowed |= {n + 1 for n in allowed}
            if claimed is not None and claimed not in allowed:
                zh.append(f"说是{m.group(1)}个部分，正文实际有{len(present)}个部分")
                en.append(f"it says {claimed} parts, the report has {len(present)}")
        if zh:
            yield self.report(
                doc,
                meta.outline_span,
                "mismatch",
                details_zh="；".join(zh),
                details_en="; ".join(en),
                data={"listed": list(listed), "present": present},
            )


def _title(key: str) -> str:
    entry = outline.official(key)
    return entry.title if entry else key

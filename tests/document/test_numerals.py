"""Chinese numerals and dates."""

from __future__ import annotations

import re
from datetime import date

import pytest

from reportlint.document.numerals import (
    DATE,
    cn_to_int,
    find_dates,
    int_to_cn,
    is_partial_date,
    parse_date,
)


@pytest.mark.parametrize(
    "text,value",
    [
        ("一", 1),
        ("五", 5),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十八", 28),
        ("三十一", 31),
        ("九十九", 99),
        ("一百零五", 105),
        ("二〇二二", 2022),
        ("二○二二", 2022),
        ("二零二一", 2021),
        ("二0二二", 2022),
        ("一九九九", 1999),
        ("两", 2),
        ("2022", 2022),
        ("", None),
        ("abc", None),
        ("二x", None),
    ],
)
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize(
    "n,text", [(1, "一"), (6, "六"), (10, "十"), (11, "十一"), (20, "二十"), (26, "二十六"), (99, "九十九")]
)
def test_int_to_cn(n, text):
    assert int_to_cn(n) == text
    assert cn_to_int(text) == n


def test_int_to_cn_range():
    with pytest.raises(ValueError):
        int_to_cn(0)
    with pytest.raises(ValueError):
        int_to_cn(100)


@pytest.mark.parametrize(
    "text,value",
    [
        ("2022年1月18日", date(2022, 1, 18)),
        ("2024 年 12 月 31 日", date(2024, 12, 31)),
        ("2024 年\n12 月 31 日", date(2024, 12, 31)),  # PDF line break inside
        ("2022年01月08日", date(2022, 1, 8)),
        ("2022年1月18号", date(2022, 1, 18)),
        ("二〇二二年一月二十八日", date(2022, 1, 28)),
        ("二○二二年一月二十八日", date(2022, 1, 28)),
        ("二〇二一年十二月三十一日", date(2021, 12, 31)),
        ("二〇二二年十月十日", date(2022, 10, 10)),
        ("二〇二二年二月三日", date(2022, 2, 3)),
        ("2022-01-18", date(2022, 1, 18)),
        ("2022.1.18", date(2022, 1, 18)),
        ("2022年2月30日", None),  # not a calendar date
        ("2022年13月1日", None),
        ("二○", None),
        ("", None),
        ("2022年1月18日起", None),  # the whole string must be a date
    ],
)
def test_parse_date(text, value):
    assert parse_date(text) == value


def test_parse_date_default_year():
    assert parse_date("12月31日", default_year=2021) == date(2021, 12, 31)
    assert parse_date("十二月三十一日", default_year=2021) == date(2021, 12, 31)
    assert parse_date("12月31日") is None


def test_find_dates_in_text():
    text = "统计期限自2021年1月1日起至2021年12月31日止，二〇二二年一月二十八日发布，2022年2月30日无效。"
    found = [(m.group(), d) for m, d in find_dates(text)]
    assert found == [
        ("2021年1月1日", date(2021, 1, 1)),
        ("2021年12月31日", date(2021, 12, 31)),
        ("二〇二二年一月二十八日", date(2022, 1, 28)),
    ]


def test_date_pattern_is_embeddable():
    # no groups, so it can go inside larger patterns
    assert re.compile(DATE).groups == 0


@pytest.mark.parametrize(
    "text,partial",
    [
        ("二○", True),
        ("二〇二二年", True),
        ("二〇二二年一月", True),
        ("2022年1月", True),
        ("20", True),
        ("二", True),
        ("2022年1月18日", False),  # complete
        ("二〇二二年一月二十八日", False),  # complete
        ("0", False),
        ("3119", False),
        ("本局", False),
        ("", False),
    ],
)
def test_is_partial_date(text, partial):
    assert is_partial_date(text) is partial

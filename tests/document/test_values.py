"""Cell value parsing (reportlint.document.values)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportlint.document.values import (
    is_blank_mark,
    is_number_token,
    is_value_token,
    parse_value,
    to_json_number,
)


@pytest.mark.parametrize(
    "raw, kind, value",
    [
        ("0", "count", 0),
        ("3119", "count", 3119),
        ("  42 ", "count", 42),
        ("３１１９", "count", 3119),  # full-width digits
        ("3,119", "count", 3119),
        ("447228", "count", 447228),
        ("96171.6", "money", Decimal("96171.6")),
        ("0", "money", Decimal("0")),
        ("251000元", "money", Decimal("251000")),
        ("12.5万元", "money", Decimal("12.5")),
        ("+3", "change", 3),
        ("-2", "change", -2),
        ("－2", "change", -2),  # full-width minus
        ("减4", "change", -4),
        ("減3", "change", -3),  # a page served in traditional characters
        ("增3", "change", 3),
        ("减少 4", "change", -4),
        ("5件", "count", 5),
    ],
)
def test_numbers(raw, kind, value):
    p = parse_value(raw, kind)
    assert p.value == value
    assert type(p.value) is type(value)
    assert not p.blank and not p.invalid


def test_unit_kept():
    assert parse_value("251000元", "money").unit == "元"
    assert parse_value("12.5万元", "money").unit == "万元"
    assert parse_value("7", "count").unit is None


@pytest.mark.parametrize("raw", ["", "  ", "/", "—", "——", "-", "_", "无", "&nbsp;", "／", "\u3000"])
def test_blanks(raw):
    p = parse_value(raw)
    assert p.value is None and p.blank and not p.invalid
    assert is_blank_mark(raw)


@pytest.mark.parametrize("raw", ["XX", "若干", "1.2.3", "3件4", "一"])
def test_invalid(raw):
    p = parse_value(raw)
    assert p.value is None and p.invalid and not p.blank


def test_fraction_in_count_is_decimal():
    # A count should be whole; keep what was written so a rule can flag it.
    assert parse_value("2.5", "count").value == Decimal("2.5")


def test_tokens():
    assert is_value_token("0") and is_number_token("0")
    assert is_value_token("/") and not is_number_token("/")
    assert is_value_token("96171.6")
    assert not is_value_token("2.没有现成信息")
    assert not is_value_token("1、")
    assert not is_value_token("法提供")


def test_json_numbers():
    assert to_json_number(None) is None
    assert to_json_number(3) == 3
    assert to_json_number(Decimal("96171.6")) == 96171.6
    assert to_json_number(Decimal("0")) == 0 and isinstance(to_json_number(Decimal("0")), int)

"""Counts in prose: every way a figure is written, and the things that only look like figures."""

from __future__ import annotations

import pytest

from workers.stages.prose.numbers import find_counts, parse_number


@pytest.mark.parametrize(
    ("raw", "value"),
    [("573", 573), ("1,154", 1154), ("一千一百五十四", 1154), ("两万三千", 23000), ("十二", 12), ("一百零五", 105)],
)
def test_parse_number_reads_arabic_separated_and_chinese_numerals(raw: str, value: float) -> None:
    assert parse_number(raw) == value


def test_parse_number_applies_wan_magnitude_to_decimals() -> None:
    assert parse_number("1.2", "万") == 12000


def test_full_width_digits_are_read_like_ascii_digits() -> None:
    assert [c.value for c in find_counts("共收到申请１２件")] == [12]


def test_count_carries_its_unit_and_offsets() -> None:
    text = "主动公开信息357条"
    [c] = find_counts(text)
    assert (c.value, c.unit, text[c.start : c.end]) == (357, "条", "357条")


def test_ren_ci_is_one_unit_not_ren() -> None:
    assert find_counts("接待咨询88人次")[0].unit == "人次"


@pytest.mark.parametrize(
    "text", ["共发布信息10余条", "受理近300件", "约50件", "访问807人次左右", "共3万余条", "培训120多名", "5条以上"]
)
def test_approximate_counts_are_flagged(text: str) -> None:
    assert find_counts(text)[0].approx


def test_exact_count_is_not_flagged_approximate() -> None:
    assert not find_counts("收到申请25件")[0].approx


def test_wan_with_approximation_gives_the_scaled_value() -> None:
    [c] = find_counts("发布短信共计4.8万余条")
    assert (c.value, c.approx) == (48000, True)


def test_wan_yuan_stays_in_wan_yuan_as_written() -> None:
    [c] = find_counts("收取费用2.5万元")
    assert (c.value, c.unit) == (2.5, "万元")


@pytest.mark.parametrize(
    "text",
    [
        "依据《条例》第二十条规定",
        "〔2016〕35号文件",
        "电话:0571-8888123",
        "邮编:310012",
        "统计期限自2015年1月1日至2015年12月31日",
        "公开率达到98%",
        "网址www.example123.gov.cn",
        "每日更新5条/天",
        "落实十三五规划",
    ],
)
def test_things_that_only_look_like_figures_are_not_counts(text: str) -> None:
    assert find_counts(text) == []


def test_chinese_numeral_count_is_marked_as_chinese() -> None:
    assert find_counts("受理申请两件")[0].chinese

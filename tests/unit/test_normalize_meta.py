"""Page metadata read from normalized text."""

from __future__ import annotations

from datetime import date

import pytest

from schemas.document import Limits, Meta
from workers.stages.normalize import normalize


def _meta(raw: str) -> Meta:
    return normalize(raw.encode(), "t.txt", None, Limits()).meta


def test_title_is_the_report_line_not_the_site_banner_above_it() -> None:
    meta = _meta(
        "青禾县人民政府\n\n政府信息公开\n\n青禾县2015年度政府信息公开工作报告\n2016-01-05 来源:青禾县人民政府\n"
    )
    assert (meta.title, meta.report_year, meta.publisher) == (
        "青禾县2015年度政府信息公开工作报告",
        2015,
        "青禾县人民政府",
    )


def test_title_wrapped_onto_a_second_line_is_joined() -> None:
    assert (
        _meta("正文\n2022 年青禾县统计局政府信息公开工作\n年度报告\n一、总体情况").title
        == "2022年青禾县统计局政府信息公开工作年度报告"
    )


def test_title_starting_with_its_year_takes_the_body_name_from_the_line_above() -> None:
    assert (
        _meta("青禾县人民政府\n2023 年政府信息公开工作年度报告\n本报告…").title
        == "青禾县人民政府2023年政府信息公开工作年度报告"
    )


def test_labels_spaced_out_and_values_in_table_cells_are_read() -> None:
    meta = _meta("| 索 引 号: | 11330682/2015-00017 | 发 布 机 构 | 青禾镇 |\n| 公开日期: | 2015-07-27 16:32 | |")
    assert (meta.index_no, meta.publisher, meta.published_date) == ("11330682/2015-00017", "青禾镇", date(2015, 7, 27))


def test_an_empty_label_does_not_take_the_next_label_as_its_value() -> None:
    meta = _meta("索引号: 发布机构: 青禾区人民政府\n成文日期:\n发文字号:\n发布时间: 2020-08-13")
    assert (meta.index_no, meta.publisher, meta.written_date, meta.published_date) == (
        None,
        "青禾区人民政府",
        None,
        date(2020, 8, 13),
    )


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("发布日期:2014年01月10日 23:20", date(2014, 1, 10)),
        ("发布时间:2014/1/10", date(2014, 1, 10)),
        ("发布日期:2014.01.10", date(2014, 1, 10)),
        ("发布日期:20140110", date(2014, 1, 10)),
    ],
)
def test_published_date_formats(printed: str, expected: date) -> None:
    assert _meta(f"青禾县2013年政府信息公开年度报告\n{printed}\n一、概述").published_date == expected


def test_closing_date_in_chinese_numerals_is_the_written_date() -> None:
    assert _meta("一、概述\n正文。\n青禾县人民政府办公室\n二〇一四年一月十日").written_date == date(2014, 1, 10)


def test_report_year_sources_record_what_title_period_and_publication_say() -> None:
    meta = _meta(
        "青禾县2016年政府信息公开年度报告\n发布日期:2017-02-01\n本报告统计期限自2015年1月1日起至2015年12月31日止。"
    )
    assert meta.year_sources == {"title": 2016, "period": 2015, "text": 2016, "published": 2016}
    assert meta.report_year == 2016


def test_period_with_the_year_run_into_the_month_still_gives_the_year() -> None:
    assert _meta("本报告中所列数据的统计期限自20201月1日起至202012月31日止。").year_sources["period"] == 2020


def test_title_whose_office_name_holds_a_bracketed_part_is_found() -> None:
    assert _meta("青禾县财政局（本级）2019年政府信息公开工作年度报告\n一、总体情况").title == (
        "青禾县财政局(本级)2019年政府信息公开工作年度报告"
    )


@pytest.mark.parametrize(
    "title",
    [
        "关于印发《青禾县2018年政府信息公开工作年度报告》的通知",
        "青禾县人民政府办公室关于2018年政府信息公开工作年度报告的公告",
        "关于公布青禾县2018年度政务公开工作报告的通告",
    ],
)
def test_title_of_a_notice_carrying_the_report_is_the_page_title(title: str) -> None:
    assert _meta(f"首页 | 政务公开\n{title}\n发布时间:2019-03-01\n一、总体情况").title == title


def test_title_with_its_year_in_brackets_after_it_is_found_and_gives_the_year() -> None:
    meta = _meta("青禾乡政府信息公开工作年度报告（2019年度）\n发布时间:2020-01-20\n一、总体情况")
    assert (meta.title, meta.year_sources.get("title")) == ("青禾乡政府信息公开工作年度报告(2019年度)", 2019)


def test_breadcrumb_ending_in_the_report_name_is_not_the_title() -> None:
    meta = _meta(
        "首页>政务公开>政府信息公开年报>青禾镇2019年政府信息公开工作年度报告\n"
        "青禾镇2019年政府信息公开工作年度报告\n一、总体情况"
    )
    assert meta.title == "青禾镇2019年政府信息公开工作年度报告"


def test_breadcrumb_ending_in_a_yearless_report_column_is_not_a_title() -> None:
    assert _meta("首页 > 政府信息公开 > 法定主动公开内容 > 政府信息公开年报\n一、总体情况\n正文。").title is None


@pytest.mark.parametrize("site", ["本站", "本网", "本网站", "原创"])
def test_source_naming_the_site_itself_is_not_a_publisher(site: str) -> None:
    meta = _meta(f"青禾县2019年政府信息公开工作年度报告\n来源：{site}　发布时间：2020-01-15\n一、总体情况")
    assert (meta.publisher, meta.published_date) == (None, date(2020, 1, 15))


def test_publisher_label_after_a_site_source_is_read() -> None:
    meta = _meta("青禾县2019年政府信息公开工作年度报告\n来源：本站\n发布机构：青禾县统计局\n一、总体情况")
    assert meta.publisher == "青禾县统计局"


def test_issue_date_label_is_the_written_date_not_the_publish_date() -> None:
    meta = _meta("青禾县2020年政府信息公开工作年度报告\n发文日期：2021-01-20　发布时间：2021-01-22\n一、总体情况")
    assert (meta.written_date, meta.published_date) == (date(2021, 1, 20), date(2021, 1, 22))


def test_excerpt_title_found_below_login_and_breadcrumb_chrome_with_its_click_counter_date() -> None:
    meta = _meta(
        "登录 |   注册\n\n当前位置：首页 > 信息公开\n青禾乡2020年政府信息公开工作年度报告\n\n"
        "发布日期:2021-01-29    点击数:\n\n一、总体情况\n本年度报告是按照《条例》编制。"
    )
    assert (meta.title, meta.published_date) == ("青禾乡2020年政府信息公开工作年度报告", date(2021, 1, 29))


@pytest.mark.parametrize(
    "period",
    [
        "统计期限自20201月1日起至202012月31日止",
        "统计期限自2020.1.1至2020.12.31",
        "统计期限为2020-01-01至2020-12-31",
        "数据统计期限为2020年度",
    ],
)
def test_report_year_from_period_sentences_run_together_dotted_or_by_year(period: str) -> None:
    meta = _meta(f"本报告由青禾乡人民政府编制。本报告中所列数据的{period}。\n一、总体情况")
    assert (meta.year_sources.get("period"), meta.report_year) == (2020, 2020)


@pytest.mark.parametrize("tail", ["  发布日期:2021-01-29 点击数:", "　2021-01-29 10:20", " 来源：青禾乡人民政府"])
def test_title_with_the_page_date_or_source_run_on_after_it_is_found(tail: str) -> None:
    assert _meta(f"登录 | 注册\n青禾乡2020年政府信息公开工作年度报告{tail}\n一、总体情况").title == (
        "青禾乡2020年政府信息公开工作年度报告"
    )


@pytest.mark.parametrize(
    "printed",
    [
        "# 青禾县2021年政府信息公开工作年度报告",
        "## 青禾县2021年政府信息公开工作年度报告 ##",
        "**青禾县2021年政府信息公开工作年度报告**",
    ],
)
def test_markdown_heading_and_bold_marks_are_not_part_of_the_title(printed: str) -> None:
    assert (
        _meta(f"{printed}\n\n发布日期：2022-01-20\n\n## 一、总体情况\n正文。").title
        == "青禾县2021年政府信息公开工作年度报告"
    )


def test_a_label_in_markdown_bold_is_still_read() -> None:
    meta = _meta(
        "# 青禾县2021年政府信息公开工作年度报告\n**发布日期**：2022-01-20 **来源**：青禾县政府办\n一、总体情况"
    )
    assert (meta.published_date, meta.publisher) == (date(2022, 1, 20), "青禾县政府办")


def test_title_on_a_one_line_page_is_cut_where_the_page_date_starts() -> None:
    meta = _meta(
        "青禾乡人民政府2008年政府信息公开工作年度报告 发布日期：2009-03-20 根据《条例》规定，现将我乡2008年政府信息"
        "公开工作情况报告如下：一、概述 我乡成立了领导小组，确定兼职工作人员2名，编制了公开目录和公开指南。"
    )
    assert (meta.title, meta.report_year) == ("青禾乡人民政府2008年政府信息公开工作年度报告", 2008)


def test_title_on_a_one_line_page_is_cut_where_the_body_starts_with_no_gap() -> None:
    meta = _meta(
        "青禾乡人民政府2008年政府信息公开工作年度报告根据《中华人民共和国政府信息公开条例》规定，现将我乡2008年政府"
        "信息公开工作情况报告如下：一、概述 我乡成立了领导小组，确定兼职工作人员2名，编制了公开目录和公开指南。"
    )
    assert meta.title == "青禾乡人民政府2008年政府信息公开工作年度报告"


def test_title_with_a_spaced_body_name_on_a_one_line_page_is_found_at_a_later_gap() -> None:
    meta = _meta(
        "青禾县人民政府 2019年政府信息公开工作年度报告 来源：青禾县政府办 根据《条例》规定，现将本县2019年政府信息"
        "公开工作情况报告如下：一、总体情况 全年主动公开信息100条，依申请公开5件，未收取任何费用。"
    )
    assert (meta.title, meta.publisher) == ("青禾县人民政府2019年政府信息公开工作年度报告", "青禾县政府办")


@pytest.mark.parametrize("year", ["二〇一九", "二○一九", "二0一九"])
def test_a_written_out_year_in_the_title_is_the_report_year(year: str) -> None:
    assert _meta(f"青禾县{year}年政府信息公开工作年度报告\n一、概述\n正文。").report_year == 2019


@pytest.mark.parametrize("printed", ["二○二○年一月二十日", "二0二0年一月二十日"])
def test_closing_date_with_a_circle_or_a_digit_for_zero_is_the_written_date(printed: str) -> None:
    assert _meta(f"一、概述\n正文。\n青禾县人民政府办公室\n{printed}").written_date == date(2020, 1, 20)


def test_a_long_label_run_on_after_a_value_with_no_gap_ends_that_value() -> None:
    meta = _meta("青禾县2019年政府信息公开工作年度报告\n发布机构：青禾县统计局发布日期：2020-01-20\n一、总体情况")
    assert (meta.publisher, meta.published_date) == ("青禾县统计局", date(2020, 1, 20))


def test_a_short_label_word_inside_a_sentence_is_not_a_publisher() -> None:
    assert _meta("青禾县2019年政府信息公开工作年度报告\n项目资金来源：县财政\n一、总体情况").publisher is None


def test_an_index_number_run_on_into_the_body_ends_where_the_han_text_starts() -> None:
    assert _meta(
        "青禾县2019年政府信息公开工作年度报告\n索引号：QH-0101-2020-00003根据《条例》规定\n一、总体情况"
    ).index_no == ("QH-0101-2020-00003")


def test_title_after_a_breadcrumb_on_a_flattened_line_is_found() -> None:
    meta = _meta("首页 > 信息公开 > 年度报告 青禾县农业局2013年政府信息公开工作年度报告发布日期：2014-02-18\n一、概述")
    assert (meta.title, meta.published_date) == ("青禾县农业局2013年政府信息公开工作年度报告", date(2014, 2, 18))


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("《青禾县2019年政府信息公开工作年度报告》", "青禾县2019年政府信息公开工作年度报告"),
        ("青禾县水利局政府信息公开工作2011年度报告", "青禾县水利局政府信息公开工作2011年度报告"),
        ("青禾县2019年政府信息公开工作年度报告(摘要)", "青禾县2019年政府信息公开工作年度报告(摘要)"),
    ],
)
def test_title_forms_in_book_marks_with_the_year_after_the_subject_or_with_a_note(printed: str, expected: str) -> None:
    assert _meta(f"{printed}\n一、概述\n正文。").title == expected


@pytest.mark.parametrize(
    ("tail", "written"),
    [
        # a statistics list appended after the signature
        ("某县财政局\n二〇一一年元月二十日\n附表:\n指标名称\n" + "主动公开信息数\n条 3\n" * 12, "2011-01-20"),
        # the signature run on after the last sentence, on one line
        ("六、其他需要报告的事项本年度无收取信息处理费情况。某区旅游局 2020年1月2日", "2020-01-02"),
        # what follows a signature (抄送, 印发) run on after the date
        ("某区市场监督管理局\n2022年1月7日抄送:驻区纪检组。某区市场监督管理局办公室\n2022年1月7日印发", "2022-01-07"),
    ],
)
def test_the_closing_date_is_found_wherever_the_signature_stands(tail: str, written: str) -> None:
    body = "一、概述\n" + "我局认真贯彻落实条例,扎实推进政府信息公开工作。\n" * 20
    doc = normalize((body + tail).encode(), "report.txt", None, Limits())
    assert doc.meta.written_date is not None and doc.meta.written_date.isoformat() == written


def test_the_report_year_from_the_lead_in_that_hands_the_report_over() -> None:
    text = "某县交通局政府信息公开工作年度报告\n根据条例要求,现将我局2014年政府信息公开情况报告如下:\n一、概述\n正文。"
    doc = normalize(text.encode(), "report.txt", None, Limits())
    assert doc.meta.report_year == 2014 and doc.meta.year_sources == {"lead_in": 2014}


def test_a_closing_date_with_the_attached_tables_title_run_onto_it_is_the_written_date() -> None:
    meta = _meta(
        "一、概述\n" + "正文。" * 40 + "附件:2017年青禾县文体局政府信息公开数据统计表 青禾县文体局 2018年1月11日"
        "2017年青禾县文体局政府信息公开数据统计表指标名称计量单位2017年度主动公开文件数条47"
        "其中:1.政府网站公开数条47 2.政府公报公开数条0 受理政府信息公开申请总数条0"
    )
    assert meta.written_date == date(2018, 1, 11)
    assert _meta("一、概述\n" + "正文。" * 40 + "\n青禾县文体局 2018年1月11日2018年3月2日补充").written_date is None

"""One-line pages get their line breaks back before anything reads lines (workers/stages/normalize/reflow.py).
The texts are shaped on the crawler dumps of ../shared/corpus2 (a whole page on one line, blocks joined by
single spaces)."""

from __future__ import annotations

from schemas.document import Limits
from workers.stages.normalize import normalize
from workers.stages.normalize.reflow import reflow
from workers.stages.segment import segment

ONE_LINE_PAGE = (
    "当前位置： 首页政务公开政府信息公开年报 某县财政局2009年度政府信息公开年度报告 来源：某县财政局 "
    "时间：2010-05-12 00:00 --> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： 2009年，为确保我局政府信息"
    "全面、及时、准确公开，认真做好信息公开工作。现将我局信息公开工作报告如下： 一、年度政府信息公开工作概述 "
    "我局综合科负责全局政府信息公开的日常工作。 二、政府信息主动公开情况 （一）公开内容 2009年1月1日至2009年"
    "12月31日，本局共主动公开政府信息6条。 三、依申请公开政府信息情况 2009年度，我局没有收到信息公开申请。 "
    "四、收费及减免情况 无收费及减免情况。 五、存在的主要问题和改进措施 一是经办人员少。 某县财政局 "
    "二○一○年四月十日 附件下载"
)


def test_a_one_line_page_gets_a_line_per_block_and_keeps_its_length() -> None:
    out = reflow(ONE_LINE_PAGE)
    assert len(out) == len(ONE_LINE_PAGE)
    assert "\n一、年度政府信息公开工作概述\n" in out
    assert "\n（一）公开内容\n2009年1月1日" in out


def test_spaces_beside_digits_and_latin_letters_stay_spaces() -> None:
    out = reflow(ONE_LINE_PAGE)
    assert "2010-05-12 00:00" in out


def test_an_ordinary_paragraph_with_a_space_or_two_is_left_alone() -> None:
    para = "全年共受理政府信息公开申请 12 件，" * 30 + "其中 同意公开9件。"
    assert reflow(para) == para


def test_a_heading_after_the_last_cell_of_a_flattened_table_starts_its_own_line() -> None:
    line = "二、主动公开政府信息情况 行政许可0 行政处罚0 行政事业性收费0 三、收到和处理政府信息公开申请情况 " * 8
    assert "收费0\n三、收到" in reflow(line)


def test_the_body_of_a_one_line_page_survives_its_breadcrumb_and_share_bar() -> None:
    doc = normalize(ONE_LINE_PAGE.encode(), "page.txt", None, Limits())
    assert "本局共主动公开政府信息6条" in doc.text
    assert "QQ空间" not in doc.text and "全真版" not in doc.text


def test_the_sections_of_a_one_line_page_are_found() -> None:
    doc = normalize(ONE_LINE_PAGE.encode(), "page.txt", None, Limits())
    headings = [s.heading for s in segment(doc).sections]
    assert headings == [
        "一、年度政府信息公开工作概述",
        "二、政府信息主动公开情况",
        "三、依申请公开政府信息情况",
        "四、收费及减免情况",
        "五、存在的主要问题和改进措施",
    ]

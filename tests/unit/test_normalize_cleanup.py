"""Character cleaning: widths, enumerators, zeros in dates, pinyin, spam and mojibake."""

from __future__ import annotations

from schemas.document import Limits
from workers.stages.normalize import normalize
from workers.stages.normalize.cleanup import fix_date_zeros, fold_width


def _text(raw: str) -> str:
    return normalize(raw.encode(), "t.txt", None, Limits()).text


def test_full_width_ascii_and_ideographic_spaces_become_half_width() -> None:
    assert fold_width("（一）主动公开１２３条，ＡＢＣ：\u3000完") == "(一)主动公开123条,ABC: 完"


def test_circled_and_parenthesized_enumerators_keep_their_meaning() -> None:
    assert fold_width("①12件 ⑴3件 ⒈4件 ㈠5件") == "①12件 ⑴3件 ⒈4件 ㈠5件"


def test_letter_o_and_circles_in_dates_read_as_zero() -> None:
    assert fix_date_zeros("二○一四年一月十日 二O一五年 2O16年1O月") == "二〇一四年一月十日 二〇一五年 2016年10月"


def test_letter_o_outside_dates_is_left_alone() -> None:
    assert fix_date_zeros("O2O模式 SOHO年会") == "O2O模式 SOHO年会"


def test_pinyin_after_characters_is_removed_and_recorded() -> None:
    doc = normalize("當(dāng)前工作報(bào)告(app)".encode(), "t", None, Limits())
    assert doc.text == "当前工作报告(app)"
    assert [(r.kind, r.removed, r.at) for r in doc.removed] == [("pinyin", "(dāng)", 1), ("pinyin", "(bào)", 5)]


def test_gambling_spam_spliced_into_a_sentence_is_removed_and_recorded() -> None:
    doc = normalize(
        "我镇在新葡京娱乐_葡京官网【手机app下载】:区政务公开办的指导下开展工作。".encode(), "t", None, Limits()
    )
    assert doc.text == "我镇在区政务公开办的指导下开展工作。"
    assert doc.removed[0].kind == "spam" and doc.removed[0].at == 3


def test_place_names_that_share_a_brand_word_are_not_spam() -> None:
    assert _text("金沙江流域治理和永利村道路建设情况。") == "金沙江流域治理和永利村道路建设情况。"


def test_mojibake_is_kept_and_located() -> None:
    doc = normalize("推进工作上?? ???¤?,取得成效。一个问题?".encode(), "t", None, Limits())
    assert "上?? ???¤?" in doc.text
    assert [(g.kind, doc.text[g.start : g.end]) for g in doc.garbled] == [("question_marks", "?? ???¤?")]


def test_replacement_characters_are_located() -> None:
    doc = normalize("信息\ufffd\ufffd公开".encode(), "t", None, Limits())
    assert [(g.kind, g.start, g.end) for g in doc.garbled] == [("replacement_char", 2, 4)]


def test_chrome_lines_in_saved_text_are_dropped_but_metadata_on_the_same_line_stays() -> None:
    raw = "发布时间:2018-03-09 13:34:24 【字体:大 中 小】\n正文第一句。\n关闭窗口\n甘公网安备 62050202000103号"
    assert _text(raw) == "发布时间:2018-03-09 13:34:24\n正文第一句。"


def test_every_removal_points_at_the_place_its_text_was_cut_from() -> None:
    raw = (
        "发布时间:2018-03-09 【字体:大 中 小】\n关闭窗口\n"
        "公(gōng)开工作,新葡京娱乐_葡京官网【注册】:取得成效。信(xìn)息"
    )
    doc = normalize(raw.encode(), "t", None, Limits())
    assert doc.text == "发布时间:2018-03-09\n公开工作,取得成效。信息"
    assert [(r.kind, doc.text[r.at - 1]) for r in doc.removed] == [("pinyin", "公"), ("spam", ","), ("pinyin", "信")]


def test_windows_line_ends_give_single_line_breaks() -> None:
    assert _text("第一行\r\n第二行\r\n\r\n第三行") == "第一行\n第二行\n\n第三行"


def test_chrome_lines_before_the_text_leave_no_blank_lines_behind() -> None:
    assert _text("\n  \n首页 | 登录\n网站地图\n\n正文第一句。") == "正文第一句。"


def test_chrome_in_a_table_cell_empties_the_cell_but_keeps_its_place() -> None:
    from workers.stages.normalize.assemble import assemble
    from workers.stages.normalize.blocks import Extracted, Table

    grid = assemble(Extracted(blocks=[Table(rows=[["项目", "打印本页", "数量"], ["规章", "关闭窗口", "3"]])])).grids[0]
    assert grid.rows == [["项目", "", "数量"], ["规章", "", "3"]]


def test_spam_beyond_the_word_list_brands_of_digits_and_random_runs_is_cut_and_addresses_are_kept() -> None:
    from schemas.document import Limits
    from workers.stages.normalize import normalize

    text = (
        "一、概述\n我局认真落实条例365体育官网,扎实推进公开工作。365bet(中国)官方网站全年主动公开信息12条。"
        "kJ8xQ2mZ9pLw3Rt7我局高度重视。网址http://www.example.gov.cn/kJ8xQ2mZ9pLw3Rt7 "
        "索引号11350128MB1A98765K 12345热线 闽政通APP下载\n"
    )
    doc = normalize(text.encode(), "spam.txt", None, Limits())
    assert [r.removed for r in doc.removed] == ["365体育官网", "365bet(中国)官方网站", "kJ8xQ2mZ9pLw3Rt7"]
    assert "example.gov.cn/kJ8xQ2mZ9pLw3Rt7" in doc.text and "11350128MB1A98765K" in doc.text
    assert "12345热线 闽政通APP下载" in doc.text


def test_what_a_page_pasted_from_word_keeps_of_its_settings_and_style_sheet_is_chrome() -> None:
    word = (
        "Normal 0 7.8 磅 0 2 false false false EN-US ZH-CN X-NONE /* Style Definitions */ table.MsoNormalTable "
        '{mso-style-name:普通表格; mso-padding-alt:0cm 5.4pt 0cm 5.4pt; font-family:"Times New Roman","serif";}'
    )
    text = _text(f"一、总体情况\n正文第一句。\n青禾县交通局 2022年1月7日 {word} 附件下载")
    assert "Normal" not in text and "mso" not in text and "2022年1月7日" in text
    assert normalize(f"正文。\n青禾县交通局 2022年1月7日 {word}".encode(), "t", None, Limits()).meta.written_date

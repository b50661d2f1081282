"""Table 三 and 四 read from every layout the field uses, with invented tables (no corpus text)."""

from __future__ import annotations

from schemas import Document, Grid, Segmentation
from workers.stages.tables import read_tables

# An invented F21 table 三: label and the seven cells of each row, in template order.
F21_ROWS = [
    ("一、本年新收政府信息公开申请数量", [5, 1, 0, 0, 0, 0, 6]),
    ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ("（一）予以公开", [2, 1, 0, 0, 0, 0, 3]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [1, 0, 0, 0, 0, 0, 1]),
    ("1.属于国家秘密", [0] * 7),
    ("2.其他法律行政法规禁止公开", [0] * 7),
    ("3.危及“三安全一稳定”", [0] * 7),
    ("4.保护第三方合法权益", [0] * 7),
    ("5.属于三类内部事务信息", [0] * 7),
    ("6.属于四类过程性信息", [1, 0, 0, 0, 0, 0, 1]),
    ("7.属于行政执法案卷", [0] * 7),
    ("8.属于行政查询事项", [0] * 7),
    ("1.本机关不掌握相关政府信息", [1, 0, 0, 0, 0, 0, 1]),
    ("2.没有现成信息需要另行制作", [0] * 7),
    ("3.补正后申请内容仍不明确", [0] * 7),
    ("1.信访举报投诉类申请", [0] * 7),
    ("2.重复申请", [0] * 7),
    ("3.要求提供公开出版物", [0] * 7),
    ("4.无正当理由大量反复申请", [0] * 7),
    ("5.要求行政机关确认或重新出具已获取信息", [0] * 7),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("3.其他", [1, 0, 0, 0, 0, 0, 1]),
    ("（七）总计", [6, 1, 0, 0, 0, 0, 7]),
    ("四、结转下年度继续办理", [0] * 7),
]
HEAD3 = "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
HEAD4 = "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n"
REVIEW = [2, 0, 1, 0, 3, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
TAIL = "五、存在的主要问题及改进情况\n无。\n"


def _read(text: str, grids: list[Grid] | None = None) -> tuple[dict, dict, str]:
    tables, template = read_tables(Document(text=text, detected_format="text", grids=grids or []), Segmentation())
    dumped = tables.model_dump()
    return dumped.get("requests") or {}, dumped.get("review_litigation") or {}, template


def _value(block: dict, row: str, col: str) -> float | None:
    return block[row][col]["value"]


def test_pipe_rows_with_a_group_label_merged_into_the_first_row() -> None:
    lines = [
        f"| {'三、本年度办理结果 | ' if i == 2 else ''}{lab} | " + " | ".join(map(str, v)) + " |"
        for i, (lab, v) in enumerate(F21_ROWS)
    ]
    req, _, _ = _read(HEAD3 + "申请人情况\n" + "\n".join(lines) + "\n" + HEAD4 + " ".join(map(str, REVIEW)) + "\n")
    assert _value(req, "granted", "total") == 3
    assert _value(req, "other.other", "natural_person") == 1
    assert _value(req, "total_processed", "total") == 7


def test_one_cell_per_line_with_lone_pipes_for_blank_cells_and_padding_lines() -> None:
    out = [HEAD3, "申请人情况 |", "||||||||", "自然人 |", "总计 |", "|||||"]
    for lab, vals in F21_ROWS[:3]:
        out += [f"{lab} |", *(("|" if lab.startswith("（一）") else f"{v} |") for v in vals), "||"]
    req, _, _ = _read("\n".join(out) + "\n")
    assert _value(req, "new_received", "total") == 6
    assert _value(req, "granted", "natural_person") is None
    assert req["granted"]["natural_person"]["semantic"] == "blank"


def test_labels_and_numbers_on_separate_lines_are_placed_by_template_order() -> None:
    out = [HEAD3, "申请人情况"]
    for i, (lab, vals) in enumerate(F21_ROWS):
        nums = " ".join(map(str, vals))
        # Alternate: label on the row, label floating before, label floating after (PDF text order).
        out += [f"{lab} {nums}"] if i % 3 == 0 else [lab, nums] if i % 3 == 1 else [nums, lab]
    req, _, _ = _read("\n".join(out) + "\n" + HEAD4 + " ".join(map(str, REVIEW)) + "\n")
    assert _value(req, "denied.process_info", "total") == 1
    assert _value(req, "unable.not_held", "natural_person") == 1
    assert _value(req, "other.other", "total") == 1
    assert _value(req, "carried_forward", "total") == 0


def test_vertical_group_label_glyphs_interleaved_with_rows_are_ignored() -> None:
    out = [HEAD3, "申请人情况"]
    glyphs = iter("三、本年度办理结果")
    for lab, vals in F21_ROWS:
        out.append(f"{next(glyphs, '')} {lab} {' '.join(map(str, vals))}".strip())
    req, _, _ = _read("\n".join(out) + "\n")
    assert _value(req, "granted", "total") == 3
    assert _value(req, "partially_granted", "natural_person") == 1


def test_unlabeled_rows_between_labeled_rows_fill_the_template_gap() -> None:
    out = [HEAD3, "申请人情况"]
    for i, (lab, vals) in enumerate(F21_ROWS):
        cells = " | ".join(map(str, vals))
        out.append(f"| {lab} | {cells} |" if i % 4 == 0 else f"| {cells} |")
    req, _, _ = _read("\n".join(out) + "\n")
    assert _value(req, "denied.process_info", "total") == 1
    assert _value(req, "unable.not_held", "total") == 1


def test_html_grid_with_spans_repeated_reads_columns_from_the_header() -> None:
    header = [
        ["申请人情况"] * 9,
        ["", "", "自然人", *["法人或其他组织"] * 5, "总计"],
        ["", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
    ]
    body = [["三、本年度办理结果" if 2 <= i < 23 else lab, lab, *map(str, v)] for i, (lab, v) in enumerate(F21_ROWS)]
    rows = header + body
    rendered = "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"
    text = HEAD3 + rendered + TAIL
    grid = Grid(rows=rows, start=len(HEAD3), end=len(HEAD3) + len(rendered))
    req, _, _ = _read(text, [grid])
    assert _value(req, "new_received", "commercial_enterprise") == 1
    assert _value(req, "other.other", "total") == 1


def test_table_four_as_fifteen_numbers_on_one_line() -> None:
    _, rev, _ = _read(HEAD4 + " ".join(map(str, REVIEW)) + "\n" + TAIL)
    assert _value(rev, "review", "total") == 3
    assert _value(rev, "litigation_direct", "total") == 1


def test_table_four_printed_one_block_per_row() -> None:
    text = HEAD4 + "行政复议 2 0 1 0 3\n未经复议直接起诉 0 0 0 1 1\n复议后起诉 0 0 0 0 0\n" + TAIL
    _, rev, _ = _read(text)
    assert _value(rev, "litigation_direct", "pending") == 1


def test_no_template_table_gives_unknown() -> None:
    assert _read("一、概述\n本年度共公开信息120条。\n")[2] == "unknown"

"""Tables whose cells' digits run together (workers/stages/tables/runon.py), in the shapes of the crawler dumps
of ../shared/corpus2: the template's widths and identities decide how a run of digits splits into cells."""

from __future__ import annotations

from workers.stages.tables.runon import (
    is_run_on,
    pieces,
    read_proactive_runon,
    read_requests_runon,
    read_review_runon,
    readings,
)

ROWS = (
    ("一、本年新收政府信息公开申请数量", "new_received"),
    ("二、上年结转政府信息公开申请数量", "carried_over"),
    ("三、本年度办理结果(一)予以公开", "granted"),
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "partially_granted"),
    ("(三)不予公开1.属于国家秘密", "denied.state_secret"),
    ("2.其他法律行政法规禁止公开", "denied.law_prohibited"),
    ("3.危及“三安全一稳定”", "denied.three_security_one_stability"),
    ("4.保护第三方合法权益", "denied.third_party_rights"),
    ("5.属于三类内部事务信息", "denied.internal_affairs"),
    ("6.属于四类过程性信息", "denied.process_info"),
    ("7.属于行政执法案卷", "denied.enforcement_file"),
    ("8.属于行政查询事项", "denied.admin_inquiry"),
    ("(四)无法提供1.本机关不掌握相关政府信息", "unable.not_held"),
    ("2.没有现成信息需要另行制作", "unable.needs_creation"),
    ("3.补正后申请内容仍不明确", "unable.unclear"),
    ("(五)不予处理1.信访举报投诉类申请", "not_processed.petition_complaint"),
    ("2.重复申请", "not_processed.duplicate"),
    ("3.要求提供公开出版物", "not_processed.publication"),
    ("4.无正当理由大量反复申请", "not_processed.mass_repeated"),
    ("5.要求行政机关确认或重新出具已获取信息", "not_processed.confirm_or_reissue"),
    ("(六)其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other.overdue_correction"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other.overdue_fee"),
    ("3.其他", "other.other"),
    ("(七)总计", "total_processed"),
    ("四、结转下年度继续办理", "carried_forward"),
)


def table3(cells: dict[str, str]) -> str:
    head = "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)申请人情况自然人法人或其他组织总计商业企业"
    return head + "".join(label + cells.get(key, "0000000") for label, key in ROWS)


def values(block: dict, key: str) -> list[float | None]:
    return [c.value for c in block[key].values()]


def test_one_digit_per_cell_when_the_run_is_as_long_as_the_row() -> None:
    assert readings("0000000", 7, lambda r: True) == [(0,) * 7]


def test_a_longer_run_keeps_only_the_readings_whose_row_total_holds() -> None:
    assert readings("640020470", 7, lambda r: sum(r[:-1]) == r[-1]) == [(64, 0, 0, 2, 0, 4, 70)]


def test_spaces_in_a_run_are_cell_boundaries() -> None:
    assert readings(" 30 0 0 0 03", 7, lambda r: sum(r[:-1]) == r[-1]) == [(3, 0, 0, 0, 0, 0, 3)]


def test_the_ordinal_of_the_next_row_is_not_a_cell() -> None:
    found = pieces("1.属于国家秘密00000002.其他法律行政法规禁止公开0000000")
    assert [p.digits for p in found] == ["0000000", "0000000"]
    assert found[1].label.startswith("2.其他法律")


def test_a_whole_run_on_table_three_reads_every_row() -> None:
    block = read_requests_runon(table3({}))
    assert len(block) == len(ROWS)
    assert values(block, "carried_forward") == [0] * 7


def test_a_row_that_breaks_its_own_total_is_read_as_printed_when_the_digits_fit() -> None:
    block = read_requests_runon(table3({"new_received": "1000000"}))
    assert values(block, "new_received") == [1, 0, 0, 0, 0, 0, 0]


def test_column_identities_choose_between_readings_that_each_balance_their_row() -> None:
    # 2000201032 balances its row read as 2,0,0,0,20,10,32 and as 20,0,0,2,0,10,32; the granted and total rows,
    # printed with spaces between their cells, decide which one the columns agree with.
    assert len(readings("2000201032", 7, lambda r: sum(r[:-1]) == r[-1])) == 2
    cells = {"new_received": "2000201032", "granted": " 20 0 0 2 0 10 32", "total_processed": " 20 0 0 2 0 10 32"}
    block = read_requests_runon(table3(cells))
    assert values(block, "new_received") == [20, 0, 0, 2, 0, 10, 32]


def test_a_row_printed_with_no_digits_is_blank_not_zero_and_not_missing() -> None:
    block = read_requests_runon(table3({"denied.state_secret": ""}))
    assert values(block, "denied.state_secret") == [None] * 7


def test_table_four_splits_fifteen_cells_by_block_totals() -> None:
    text = (
        "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
        "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计"
    )
    block = read_review_runon(text + "10203120001200000五、存在的主要问题及改进情况2023年")
    assert values(block, "review") == [1, 0, 2, 0, 3]
    assert values(block, "litigation_direct") == [12, 0, 0, 0, 12]
    assert values(block, "litigation_after_review") == [0, 0, 0, 0, 0]


def test_table_four_after_a_sentence_with_a_year_reads_the_cells_after_the_headers() -> None:
    text = "行政复议与行政诉讼情况2023年,没有行政复议。行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计" * 1
    block = read_review_runon(text + "000000000000000")
    assert values(block, "review") == [0] * 5


def test_table_two_documents_row_takes_the_one_reading_with_no_fewer_in_force() -> None:
    text = (
        "第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数"
        "规章000行政规范性文件8028第二十条第(五)项行政许可599"
    )
    block = read_proactive_runon(text, "F21")
    assert values(block, "normative_docs") == [8, 0, 28]
    assert values(block, "licensing") == [599]


def test_table_two_leaves_a_documents_row_out_when_several_readings_remain() -> None:
    block = read_proactive_runon("信息内容本年制发件数规章000行政规范性文件114251行政许可0", "F21")
    assert "normative_docs" not in block


def test_table_two_keeps_the_cells_every_reading_agrees_on() -> None:
    text = (
        "第二十条第(五)项信息内容上一年项目数量本年增/减处理决定数量行政许可0382"
        "第二十条第(六)项信息内容上一年项目数量本年增/减处理决定数量行政处罚000行政强制6307"
    )
    block = read_proactive_runon(text, "F19")
    assert list(block["licensing"]) == ["prev_items"] and values(block, "licensing") == [0]  # 0|3|82, 0|38|2
    assert block["coercion"]["decisions"].value == 7 and "prev_items" not in block["coercion"]  # 6|30|7, 63|0|7


def test_a_minus_sign_in_table_two_opens_the_change_cell() -> None:
    text = (
        "第二十条第(五)项信息内容上一年项目数量本年增/减处理决定数量行政许可64-530"
        "第二十条第(八)项信息内容上一年项目数量本年增/减行政事业性收费12-12"
    )
    block = read_proactive_runon(text, "F19")
    assert values(block, "admin_fees") == [12, -12]
    assert values(read_proactive_runon(text.replace("12-12", "16减12"), "F19"), "admin_fees") == [16, -12]
    assert values(read_proactive_runon(text.replace("12-12", "9增3"), "F19"), "admin_fees") == [9, 3]
    # 64|-5|30 or 64|-53|0: the count before the sign is certain; no other cell may be negative (6|4|-530).
    assert block["licensing"]["prev_items"].value == 64 and "change" not in block["licensing"]


def test_table_two_ignores_figures_in_the_sentences_before_it() -> None:
    text = "共制发政府信息313条,涵盖政策及规范性文件类6条。第二十条第(一)项信息内容规章000行政规范性文件606行政许可0"
    block = read_proactive_runon(text, "F21")
    assert values(block, "normative_docs") == [6, 0, 6]


def test_a_fee_amount_with_decimals_is_one_cell() -> None:
    block = read_proactive_runon("信息内容规章000行政许可0行政事业性收费9116.36", "F21")
    assert values(block, "admin_fees") == [9116.36]


def test_run_on_shape_is_told_from_a_table_printed_a_row_per_line() -> None:
    assert is_run_on(table3({}))
    assert not is_run_on("\n".join(f"{label} 0 0 0 0 0 0 0" for label, _ in ROWS))


def test_an_html_table_row_with_every_cell_blank_is_kept_as_blank_cells() -> None:
    from schemas import Segmentation
    from schemas.document import Limits
    from workers.stages.normalize import normalize
    from workers.stages.tables import read_tables

    head = "<tr><td>申请人情况</td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>" + (
        "<td>法律服务机构</td><td>其他</td><td>总计</td></tr>"
    )
    blank = ("new_received", "denied.law_prohibited")
    rows = "".join(
        f"<tr><td>{label}</td>" + ("<td></td>" if key in blank else "<td>0</td>") * 7 + "</tr>" for label, key in ROWS
    )
    page = f"<html><body><p>三、收到和处理政府信息公开申请情况</p><table>{head}{rows}</table></body></html>"
    doc = normalize(page.encode(), "page.html", None, Limits())
    tables, _ = read_tables(doc, Segmentation())
    assert tables.requests is not None
    # 本年新收…数量 names a row although 数量 is a column word of table 二's headers.
    for key in ("new_received", "denied.law_prohibited"):
        assert [c.semantic for c in tables.requests[key].values()] == ["blank"] * 7


def test_信息内容_in_a_sentence_does_not_open_table_two() -> None:
    from workers.stages.tables.regions import find_regions

    assert find_regions("通过门户网站充实公开信息内容,共公开政府信息6条。").proactive is None
    assert find_regions("第二十条第(一)项 信息内容 本年制发件数").proactive is not None
    assert find_regions("信息内容 | 本年新制作数量 | 本年新公开数量").proactive is not None


def test_a_total_row_that_breaks_its_own_total_is_read_the_way_the_columns_agree_with() -> None:
    cells = {
        "new_received": "190000019",
        "granted": "6000006",
        "partially_granted": "8100008",
        "unable.not_held": "4000004",
        "other.other": "1000001",
        "total_processed": "191000019",
    }
    block = read_requests_runon(table3(cells))
    assert values(block, "total_processed") == [19, 1, 0, 0, 0, 0, 19]


def test_the_last_row_run_into_the_next_sentences_year_keeps_its_own_digits() -> None:
    block = read_requests_runon(table3({"carried_forward": "20000022025年,我局共收到申请21件。"}))
    assert values(block, "carried_forward") == [2, 0, 0, 0, 0, 0, 2]


def test_执法案件_is_the_enforcement_file_row() -> None:
    text = table3({}).replace("7.属于行政执法案卷0000000", "7.属于行政执法案件3000003")
    assert values(read_requests_runon(text), "denied.enforcement_file") == [3, 0, 0, 0, 0, 0, 3]


def test_a_sign_is_no_digit_and_a_one_cell_row_stops_at_it() -> None:
    # Two numbers for three cells: left out (it raised IndexError when the sign was counted as a digit).
    assert read_proactive_runon("第二十条第(五)项信息内容上一年项目数量本年增/减处理决定数量行政许可5-0", "F19") == {}
    block = read_proactive_runon("信息内容本年处理决定数量行政许可5-3第二十条第(六)项行政处罚12增3", "F21")
    assert values(block, "licensing") == [5] and values(block, "penalty") == [12]

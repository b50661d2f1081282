"""F19 or F21 from table content, table 二 columns and units, and 拆格 suggestions."""

from __future__ import annotations

from schemas import Document, Segmentation
from workers.stages.tables import read_tables

F21_T2 = (
    "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
    "规章 0 0 2\n行政规范性文件 3 1 40\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 120\n"
    "第二十条第（六）项\n信息内容 本年处理决定数量\n行政处罚 45\n行政强制 /\n"
    "第二十条第（八）项\n信息内容 本年收费金额（单位：万元）\n行政事业性收费 12.5\n"
)
F19_T2_CELLS = (
    "第二十条第（一）项\n信息内容\n本年新\n制作数量\n本年新\n公开数量\n对外公开总数量\n规章\n1\n1\n9\n"
    "第二十条第（五）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n行政许可\n30\n-2\n410\n"
    "第二十条第（九）项\n信息内容\n采购项目数量\n采购总金额\n政府集中采购\n4\n88.6\n"
)
ONE_ROW_OTHER = (
    "三、收到和处理政府信息公开申请情况\n申请人情况\n（六）其他处理 1 0 0 0 0 0 1\n（七）总计 1 0 0 0 0 0 1\n"
)
THREE_ROW_OTHER = (
    "三、收到和处理政府信息公开申请情况\n申请人情况\n"
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 1 0 0 0 0 0 1\n"
)


def _read(text: str) -> tuple[dict, str]:
    tables, template = read_tables(Document(text=text, detected_format="text"), Segmentation())
    return tables.model_dump(), template


def test_f21_table_two_columns_and_amount_in_wanyuan() -> None:
    tables, template = _read(F21_T2)
    assert template == "F21"
    assert tables["proactive"]["normative_docs"]["in_force"]["value"] == 40
    assert tables["proactive"]["admin_fees"]["amount"]["value"] == 12.5
    assert tables["proactive"]["coercion"]["decisions"]["semantic"] == "slash"


def test_f19_table_two_one_cell_per_line_with_procurement() -> None:
    tables, template = _read(F19_T2_CELLS)
    assert template == "F19"
    assert tables["proactive"]["regs"]["total_published"]["value"] == 9
    assert tables["proactive"]["licensing"]["decisions"]["value"] == 410
    assert tables["proactive"]["procurement"]["amount"]["value"] == 88.6


def test_single_other_row_without_table_two_means_f19() -> None:
    tables, template = _read(ONE_ROW_OTHER)
    assert template == "F19"
    assert tables["requests"]["other.total"]["total"]["value"] == 1


def test_three_other_rows_without_table_two_mean_f21() -> None:
    assert _read(THREE_ROW_OTHER)[1] == "F21"


def test_hybrid_f21_table_two_with_one_row_other_is_f21_with_other_total() -> None:
    tables, template = _read(F21_T2 + ONE_ROW_OTHER)
    assert template == "F21"
    assert "other.total" in tables["requests"]


def test_number_split_across_two_cells_is_suggested_not_applied() -> None:
    text = "三、收到和处理政府信息公开申请情况\n申请人情况\n一、本年新收政府信息公开申请数量 1 2 0 0 0 0 0 12\n"
    tables, _ = _read(text)
    split = tables["split_cells"][0]
    assert split["path"] == "requests.new_received.natural_person"
    assert (split["raw_parts"], split["suggested_value"]) == (["1", "2"], 12)
    assert tables["requests"]["new_received"]["natural_person"]["value"] == 1

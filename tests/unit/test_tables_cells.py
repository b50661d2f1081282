"""Cell semantics: blank is not zero, marks keep their meaning, units convert."""

from __future__ import annotations

from workers.stages.tables.cells import header_unit, parse_cell


def test_blank_cell_has_no_value_and_is_not_zero() -> None:
    cell = parse_cell("  ")
    assert (cell.value, cell.semantic) == (None, "blank")


def test_zero_is_a_value_with_its_own_semantic() -> None:
    assert (parse_cell("0").value, parse_cell("0").semantic) == (0, "zero")


def test_dash_slash_and_wu_are_distinct_marks_without_value() -> None:
    assert [parse_cell(s).semantic for s in ("—", "/", "无")] == ["dash", "slash", "na"]
    assert all(parse_cell(s).value is None for s in ("—", "/", "无"))


def test_amount_written_in_yuan_is_converted_to_the_wanyuan_column_unit() -> None:
    assert parse_cell("25000元", "万元").value == 2.5


def test_raw_text_is_kept_next_to_the_number() -> None:
    cell = parse_cell("1,204")
    assert (cell.value, cell.raw) == (1204, "1,204")


def test_words_in_a_value_cell_are_text_not_numbers() -> None:
    assert parse_cell("见附件").semantic == "text"


def test_header_declares_wanyuan_or_yuan() -> None:
    assert header_unit("本年收费金额（单位：万元）") == "万元"
    assert header_unit("采购总金额（元）") == "元"

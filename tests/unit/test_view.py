"""Report pages (`gongkai view`): every fact marked where it stands, every finding linked to its evidence, the
tables drawn as the template grid, the report's own text never read as markup."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path
from typing import get_args

import lxml.html
import pytest

from schemas import Check, CheckEvidence, Limits, ObjectRef, Record, Tables
from schemas.facts import Concept
from workers.cli import main
from workers.pipeline import process_bytes
from workers.view.grid import Citations, render_tables
from workers.view.index import Summary, render_index
from workers.view.labels import CONCEPTS, cell_name
from workers.view.marks import Heading, Span, render_text, span_target
from workers.view.page import render_report
from workers.view.serve import refusal
from workers.view.static import build

SAMPLES = Path(__file__).resolve().parents[2] / "workers" / "samples"
SCRIPT = "<script>alert(1)</script>"


def defective_sample() -> Record:
    """The F21 sample with three defects put in: a breakdown that does not add up (text evidence), a table 三
    cell that breaks its row and column (cell evidence), and markup in the report's own text."""
    html = (SAMPLES / "songxi-scj-2022-f21.html").read_text(encoding="utf-8")
    html = html.replace("通过政务微信发布55条", "通过政务微信发布56条")
    html = html.replace("<td>14</td><td>3</td>", "<td>15</td><td>3</td>", 1)
    html = html.replace("<p>本报告由", "<p>&lt;script&gt;alert(1)&lt;/script&gt;本报告由", 1)
    data = html.encode()
    return process_bytes(data, ObjectRef(bucket="", key="songxi-defective.html", size=len(data)), None, Limits())


@pytest.fixture(scope="module")
def record() -> Record:
    return defective_sample()


def _fragment(html: str) -> ET.Element:
    """Parsing as XML proves the marks nest: an element that crossed another would not parse."""
    return ET.fromstring(f"<root>{html}</root>")


def _text_of(root: ET.Element) -> str:
    """The text a reader sees, without the fact labels the page adds after a mark."""
    parts: list[str] = []

    def walk(el: ET.Element) -> None:
        if el.get("class") != "tag":
            parts.append(el.text or "")
            for child in el:
                walk(child)
        parts.append(el.tail or "")

    walk(root)
    return "".join(parts[:-1])


def _coverage(root: ET.Element, attr: str, index: int) -> list[tuple[int, int]]:
    return sorted(
        (int(m.get("data-s", "")), int(m.get("data-e", "")))
        for m in root.iter("mark")
        if str(index) in m.get(attr, "").split()
    )


def _joined(pieces: list[tuple[int, int]]) -> tuple[int, int]:
    for (_, end), (start, _) in pairwise(pieces):
        assert end == start, pieces
    return pieces[0][0], pieces[-1][1]


def test_overlapping_and_nested_spans_become_pieces_that_each_name_every_span_covering_them() -> None:
    text = "全年主动公开政府信息426条，其中网站371条，微信55条。下一句。"
    spans = [
        Span(0, 29, "fact", 0, "proactive.total", "total", "主动公开总数 426条"),
        Span(0, 29, "fact", 1, "proactive.website", "web", "网站公开 371条"),
        Span(14, 22, "fail", 0, "sum.breakdown", "fail"),
        Span(2, 6, "uncertain", 1, "text.garbled", "doubt"),
    ]
    root = _fragment(render_text(text, spans))
    assert _text_of(root) == text
    for i, span in enumerate(spans[:2]):
        assert _joined(_coverage(root, "data-facts", i)) == (span.start, span.end)
    assert _joined(_coverage(root, "data-checks", 0)) == (14, 22)
    inner = next(m for m in root.iter("mark") if m.get("data-s") == "14")
    assert inner.get("data-concepts") == "proactive.total proactive.website"
    assert inner.get("class") == "f fail"
    assert inner.get("id") == "t14"  # the first piece of the check's span is what its link points at


def test_a_span_of_no_length_is_an_empty_mark_where_the_text_was_removed() -> None:
    root = _fragment(render_text("当(dāng)前", [Span(1, 1, "fail", 2, "text.injected", "removed")]))
    [mark] = root.iter("mark")
    assert (mark.get("id"), mark.get("class"), mark.text) == ("p1", "pt fail", None)
    assert span_target(1, 1, 3) == "p1"


def test_offsets_past_the_text_are_clamped_rather_than_lost() -> None:
    root = _fragment(
        render_text("短文", [Span(1, 99, "fact", 0, "fees.amount", "f", "收费 0"), Span(50, 60, "fail", 0, "r", "x")])
    )
    assert _coverage(root, "data-facts", 0) == [(1, 2)]
    assert [m.get("id") for m in root.iter("mark")] == ["t1", "p2"]
    assert span_target(50, 60, 2) == "p2"


def test_long_text_is_cut_into_blocks_at_line_ends_and_marks_never_cross_a_block() -> None:
    text = ("一行文字。\n" * 2000)[:-1]
    root = _fragment(render_text(text, [Span(3990, 4030, "fact", 0, "staff.total", "s", "工作人员 3人")]))
    chunks = root.findall("div")
    assert len(chunks) > 1
    assert _text_of(root) == text
    assert _joined(_coverage(root, "data-facts", 0)) == (3990, 4030)


def test_a_heading_found_where_its_section_starts_is_bold_and_an_anchor() -> None:
    root = _fragment(render_text("序。一、总体情况\n正文", [], [Heading(2, 8, "sec-0")]))
    [strong] = root.iter("strong")
    assert (strong.get("id"), strong.text) == ("sec-0", "一、总体情况")


def test_every_fact_of_a_real_record_is_marked_by_concept_and_offsets(record: Record) -> None:
    page = lxml.html.fromstring(render_report(record))
    [text] = page.xpath('//div[@id="text"]')
    marks = text.xpath(".//mark")
    assert record.facts
    for i, fact in enumerate(record.facts):
        mine = sorted(
            (int(m.get("data-s")), int(m.get("data-e"))) for m in marks if str(i) in m.get("data-facts", "").split()
        )
        assert _joined(mine) == (fact.evidence.start, fact.evidence.end)
        assert all(
            fact.concept in m.get("data-concepts").split() for m in marks if str(i) in m.get("data-facts", "").split()
        )


def test_every_evidence_link_on_a_page_points_at_a_mark_in_the_text_or_a_cell_of_the_grid(record: Record) -> None:
    page = lxml.html.fromstring(render_report(record))
    failing = [c for c in record.checks if c.status == "fail"]
    assert {c.rule for c in failing} >= {"sum.breakdown", "table3.balance", "table3.row_total"}
    links = page.xpath('//ol[@class="checks"]//a[@href]')
    assert len(links) >= sum(len(c.evidence) for c in failing)
    for link in links:
        [target] = page.xpath(f'//*[@id="{link.get("href")[1:]}"]')
        assert target.tag == "mark" or (target.tag == "td" and "c" in target.get("class").split())
    cell = page.get_element_by_id("cell-requests.new_received.natural_person")
    assert "fail" in cell.get("class").split() and cell.text == "15"


def test_the_reports_own_markup_is_shown_as_text_never_run(record: Record) -> None:
    assert SCRIPT in record.text
    hostile = record.model_copy(
        update={"meta": record.meta.model_copy(update={"title": '<img src=x onerror="alert(1)">'})}
    )
    html = render_report(hostile)
    assert SCRIPT not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = lxml.html.fromstring(html)
    assert not page.xpath("//script") and not page.xpath("//img")
    [text] = page.xpath('//div[@id="text"]')
    assert SCRIPT in text.text_content()


def test_a_crafted_record_file_cannot_put_markup_in_a_page_through_its_facts(record: Record) -> None:
    # `gongkai view` reads JSON lines anyone may have written: a fact's concept and unit are text too.
    fact = record.facts[0].model_copy(update={"unit": '<img src=x onerror="alert(1)">'})
    fact = fact.model_construct(**(fact.__dict__ | {"concept": "<script>alert(2)</script>"}))
    page = lxml.html.fromstring(render_report(record.model_copy(update={"facts": [fact, *record.facts[1:]]})))
    assert not page.xpath("//script") and not page.xpath("//img")


def test_the_grid_tells_blank_zero_missing_and_failing_cells_apart(record: Record) -> None:
    requests = dict(record.tables.requests or {})
    requests["granted"] = dict(requests["granted"])
    blank = requests["carried_over"]["natural_person"].model_copy(
        update={"value": None, "raw": "", "semantic": "blank"}
    )
    requests["granted"]["natural_person"] = blank
    requests.pop("carried_forward")
    cited = Citations()
    cited.add("requests.carried_forward.total", "uncertain", "table3.balance")
    cited.add("requests.new_received.total", "fail", "table3.row_total")
    html = render_tables(record.tables.model_copy(update={"requests": requests}), "F21", cited)
    page = lxml.html.fromstring(f"<div>{html}</div>")

    def classes(path: str) -> set[str]:
        return set(page.get_element_by_id(f"cell-{path}").get("class").split())

    assert "blank" in classes("requests.granted.natural_person")
    assert "zero" in classes("requests.carried_over.commercial_enterprise")
    assert {"missing", "doubt"} <= classes("requests.carried_forward.total")
    assert {"number", "fail"} <= classes("requests.new_received.total")
    assert len(page.xpath('//table[contains(@class, "t3")]//td')) == 25 * 7  # every F21 row, every column
    assert len(page.xpath('//table[contains(@class, "t4")]//td')) == 15


def test_a_cited_cell_of_a_table_that_was_not_read_still_has_a_place_on_the_grid() -> None:
    cited = Citations()
    cited.add("requests.new_received.total", "uncertain", "prose_vs_table")
    cited.add("requests.subtotal.total", "uncertain", "odd")
    page = lxml.html.fromstring(f"<div>{render_tables(Tables(), 'F19', cited)}</div>")
    assert "missing" in page.get_element_by_id("cell-requests.new_received.total").get("class").split()
    assert page.get_element_by_id("cell-requests.subtotal.total") is not None
    assert page.get_element_by_id("cell-requests.other.total.total") is not None  # F19's single 其他处理 row


def test_every_concept_and_cell_has_a_name_a_reader_of_the_template_knows() -> None:
    assert set(CONCEPTS) == set(get_args(Concept))
    assert cell_name("requests.new_received.natural_person") == "本年新收·自然人"
    assert cell_name("requests.denied.state_secret.total") == "不予公开1.属于国家秘密·总计"
    assert cell_name("review_litigation.litigation_after_review.pending") == "复议后起诉·尚未审结"
    assert cell_name("proactive.admin_fees.amount") == "行政事业性收费·本年收费金额（单位：万元）"


def test_the_index_row_carries_what_the_filters_and_sorting_read(record: Record) -> None:
    odd = Summary.of(record.model_copy(update={"record_id": "../../etc/passwd"}))
    page = lxml.html.fromstring(render_index([Summary.of(record), odd]))
    first, second = page.xpath("//tbody/tr")
    assert first.get("data-year") == "2022" and first.get("data-template") == "F21"
    assert set(first.get("data-rules").split()) >= {"sum.breakdown", "table3.balance"}
    assert first.xpath(".//a/@href") == [f"{record.record_id}.html"]
    assert not second.xpath(".//a")  # an id that cannot be a file name gets no link
    options = page.xpath('//select[@name="rule"]/option/@value')
    assert {"", "*", "-", "sum.breakdown", "table3.row_total"} <= set(options)


def test_view_writes_an_index_and_one_page_per_record_and_reports_lines_that_are_not_records(
    record: Record, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "records.jsonl"
    bad_id = record.model_copy(update={"record_id": "a/b"})
    lines.write_text(
        "\n".join([record.model_dump_json(), "{not json", json.dumps({"record_id": "x"}), bad_id.model_dump_json()])
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert main(["view", "--out", str(out), str(lines), str(tmp_path / "absent.jsonl")]) == 1
    stdout, stderr = capsys.readouterr()
    assert "1 report pages" in stdout and out.joinpath("index.html").as_uri() in stdout
    assert sorted(p.name for p in out.iterdir()) == sorted(["assets", "index.html", f"{record.record_id}.html"])
    assert sorted(p.name for p in (out / "assets").iterdir()) == ["index.js", "view.css"]
    problems = stderr.strip().splitlines()
    assert [p.split(": ")[1] for p in problems[:3]] == [f"{lines}:2", f"{lines}:3", f"{lines}:4"]
    assert "not a record" in problems[0] and "record id 'a/b' cannot name a file" in problems[2]
    assert "absent.jsonl" in problems[3] and len(problems) == 4


def test_view_keeps_the_last_copy_of_a_record_given_twice(record: Record, tmp_path: Path) -> None:
    newer = record.model_copy(update={"meta": record.meta.model_copy(update={"title": "后来的标题"})})
    built = build(tmp_path, [_write(tmp_path / "a.jsonl", record), _write(tmp_path / "b.jsonl", newer)])
    assert (built.pages, built.problems) == (1, [])
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert index.count(f'href="{record.record_id}.html"') == 1 and "后来的标题" in index


def test_view_answers_an_output_folder_it_cannot_write_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    assert main(["view", "--out", str(tmp_path / "taken"), str(tmp_path / "none.jsonl")]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("gongkai view: cannot write") and "taken" in line


def _write(path: Path, record: Record) -> str:
    path.write_text(record.model_dump_json() + "\n", encoding="utf-8")
    return str(path)


def test_checks_without_evidence_or_with_a_text_span_only_still_render(record: Record) -> None:
    checks = [
        Check(rule="structure.sections", status="fail", message="缺少“收费及减免情况”"),
        Check(rule="meta.timeliness", status="uncertain", evidence=[CheckEvidence(start=5, end=None, quote=None)]),
    ]
    page = lxml.html.fromstring(render_report(record.model_copy(update={"checks": checks})))
    assert len(page.xpath('//li[contains(@class, "check")]')) == 2
    [link] = page.xpath('//ol[@class="checks"]//a')
    assert page.get_element_by_id(link.get("href")[1:]).tag == "mark"


@pytest.mark.parametrize(
    ("host", "token", "refused"),
    [
        ("127.0.0.1", "", False),
        ("localhost", "", False),
        ("::1", "", False),
        ("0.0.0.0", "", True),
        ("192.168.1.5", "", True),
        ("reports.example", "", True),
        ("0.0.0.0", "s3cret-token", False),
    ],
)
def test_serve_refuses_an_address_beyond_loopback_without_a_token(host: str, token: str, refused: bool) -> None:
    reason = refusal(host, token)
    assert (reason is not None) == refused
    if reason:
        assert "GONGKAI_SERVE_TOKEN" in reason and "\n" not in reason


@pytest.mark.shared
def test_every_report_of_the_real_corpus_renders_with_each_fact_marked_and_every_link_landing(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "corpus").iterdir()):
        data = path.read_bytes()
        record = process_bytes(data, ObjectRef(bucket="", key=path.name, size=len(data)), None, Limits())
        page = lxml.html.fromstring(render_report(record))
        all_ids = page.xpath("//@id")
        ids = set(all_ids)
        assert len(ids) == len(all_ids), path.name
        dangling = [h for h in page.xpath('//a[starts-with(@href, "#")]/@href') if h[1:] not in ids]
        assert not dangling, (path.name, dangling[:5])
        facts = {i for m in page.xpath('//div[@id="text"]//mark/@data-facts') for i in m.split()}
        assert facts == {str(i) for i in range(len(record.facts))}, path.name

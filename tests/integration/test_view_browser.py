"""The pages `gongkai view` writes, opened from the file system in a real headless browser (Debian's chromium):
every fact highlighted, every failing check's evidence a working link, the index filtered from its URL, and a
screenshot of a report page kept under build/test-artifacts/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count, pairwise
from pathlib import Path

import lxml.html
import pytest

from schemas import Limits, ObjectRef, Record
from tests.unit.test_view import SCRIPT, defective_sample
from workers.pipeline import process_bytes

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "build" / "test-artifacts"
_runs = count()


@dataclass
class Site:
    out: Path
    record: Record  # the report with defects put in
    profiles: Path

    def url(self, page: str) -> str:
        path, _, fragment = page.partition("#")
        return (self.out / path).as_uri() + (f"#{fragment}" if fragment else "")

    def browse(self, *args: str) -> str:
        """Runs chromium headless on a fresh profile; its own output (the DOM for --dump-dom) is returned."""
        exe = shutil.which("chromium") or "/usr/bin/chromium"
        if not Path(exe).exists():
            pytest.fail("chromium is not installed: run `make services` (apt-get install chromium); CI installs it")
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={self.profiles / str(next(_runs))}"]  # fmt: skip
        done = subprocess.run([exe, *flags, *args], capture_output=True, text=True, timeout=90)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def dom(self, page: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring(self.browse("--dump-dom", self.url(page)))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    tmp = tmp_path_factory.mktemp("view")
    record = defective_sample()
    lines = [record.model_dump_json()]
    for name in ("qinghe-2016-f07.txt", "longtan-2012-big5.txt", "songxi-scj-2022-f21.html"):
        data = (REPO / "workers" / "samples" / name).read_bytes()
        lines.append(
            process_bytes(data, ObjectRef(bucket="", key=name, size=len(data)), None, Limits()).model_dump_json()
        )
    (tmp / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp / "site"
    subprocess.run(
        [sys.executable, "-m", "workers.cli", "view", "--out", str(out), str(tmp / "records.jsonl")],
        cwd=REPO, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    yield Site(out, record, tmp / "profiles")


def _pieces(marks: list[lxml.html.HtmlElement], attr: str, index: int) -> list[lxml.html.HtmlElement]:
    return [m for m in marks if str(index) in (m.get(attr) or "").split()]


def test_every_fact_of_the_sample_is_highlighted_where_it_stands_and_names_its_concept(site: Site) -> None:
    dom = site.dom(f"{site.record.record_id}.html")
    [text] = dom.xpath('//div[@id="text"]')
    marks = text.xpath(".//mark")
    assert len(site.record.facts) >= 10
    for i, fact in enumerate(site.record.facts):
        mine = _pieces(marks, "data-facts", i)
        spans = sorted((int(m.get("data-s")), int(m.get("data-e"))) for m in mine)
        assert spans, f"fact {i} ({fact.concept}) has no mark"
        assert all(a[1] == b[0] for a, b in pairwise(spans)), spans
        assert (spans[0][0], spans[-1][1]) == (fact.evidence.start, fact.evidence.end)
        assert all(fact.concept in m.get("data-concepts").split() for m in mine)
        assert (
            "".join(m.text_content() for m in sorted(mine, key=lambda m: int(m.get("data-s")))) == fact.evidence.quote
        )


def test_the_reports_own_script_tag_is_text_on_the_page_and_nothing_ran(site: Site) -> None:
    dom = site.dom(f"{site.record.record_id}.html")
    assert not dom.xpath("//script")
    [text] = dom.xpath('//div[@id="text"]')
    for tag in text.xpath('.//sup[@class="tag"]'):
        tag.drop_tree()
    assert text.text_content() == site.record.text
    assert SCRIPT in text.text_content()


def test_every_failing_check_links_each_piece_of_its_evidence_to_a_mark_in_the_text_or_a_cell(site: Site) -> None:
    dom = site.dom(f"{site.record.record_id}.html")
    failing = dom.xpath('//li[contains(@class, "check") and contains(@class, "fail")]')
    rules = {li.xpath('string(.//div[@class="head"]/code)') for li in failing}
    assert rules >= {"sum.breakdown", "table3.balance", "table3.row_total"}
    kinds = set()
    for li in failing:
        links = li.xpath('.//a[contains(@class, "ev")]')
        assert links, li.text_content()
        for link in links:
            href = link.get("href")
            assert href.startswith("#")
            [target] = dom.xpath(f'//*[@id="{href[1:]}"]')
            in_text = target.tag == "mark" and target.xpath('ancestor::div[@id="text"]')
            in_grid = target.tag == "td" and target.xpath('ancestor::section[@id="tables"]')
            assert in_text or in_grid, href
            kinds.add(target.tag)
            if target.tag == "td":
                assert "fail" in target.get("class").split()
    assert kinds == {"mark", "td"}


def test_pages_load_nothing_from_outside_their_folder(site: Site) -> None:
    for page in site.out.glob("*.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        for ref in tree.xpath("//link/@href | //script/@src | //img/@src"):
            assert "//" not in ref and not ref.startswith("/"), (page.name, ref)
            assert (site.out / ref).is_file()


def test_the_index_filters_by_template_and_failing_rule_from_its_url(site: Site) -> None:
    def visible(page: str) -> list[lxml.html.HtmlElement]:
        dom = site.dom(page)
        assert dom.xpath('//form[@id="filters"]')[0].get("hidden") is None  # the script ran
        return [tr for tr in dom.xpath("//tbody/tr") if tr.get("hidden") is None]

    assert len(visible("index.html")) == 4
    f07 = visible("index.html#template=F07")
    assert len(f07) == 2 and {tr.get("data-template") for tr in f07} == {"F07"}
    [broken] = visible("index.html#rule=table3.balance")
    assert broken.get("id") == f"r-{site.record.record_id}"
    assert [tr.get("data-year") for tr in visible("index.html#sort=year&dir=asc")] == ["2012", "2016", "2022", "2022"]
    assert visible("index.html#rule=-&year=2012")[0].get("data-year") == "2012"


def test_a_screenshot_of_a_report_page_is_kept(site: Site) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report-page.png"
    shot.unlink(missing_ok=True)
    site.browse(
        "--hide-scrollbars",
        "--window-size=1280,2000",
        f"--screenshot={shot}",
        site.url(f"{site.record.record_id}.html"),
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
    print(f"report page screenshot: {shot}")

"""Text checks: text.garbled (mojibake left in the text) and text.injected (noise the normalizer took out)."""

from __future__ import annotations

from schemas import Check, CheckEvidence, Document, Extraction, Segmentation

_KIND_CN = {"replacement_char": "替换字符", "question_marks": "连续问号", "debris": "乱码字符"}
_REMOVED_CN = {"pinyin": "拼音注音", "spam": "垃圾广告"}


def run(doc: Document, seg: Segmentation, ext: Extraction) -> list[Check]:
    return [_garbled(doc), _injected(doc)]


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 8) : min(len(text), end + 8)].replace("\n", " ")


def _garbled(doc: Document) -> Check:
    if not doc.garbled:
        return Check(rule="text.garbled", severity="warning", status="pass", message="正文未发现乱码。", actual=0)
    first = doc.garbled[0]
    return Check(
        rule="text.garbled",
        severity="warning",
        status="fail",
        message=(
            f"正文有{len(doc.garbled)}处乱码（{_KIND_CN[first.kind]}），"
            f"如“{_context(doc.text, first.start, first.end)}”：原文在此处已丢失文字。"
        ),
        expected=0,
        actual=len(doc.garbled),
        evidence=[CheckEvidence(start=g.start, end=g.end, quote=doc.text[g.start : g.end]) for g in doc.garbled[:20]],
    )


def _injected(doc: Document) -> Check:
    if not doc.removed:
        return Check(rule="text.injected", severity="warning", status="pass", message="正文未发现注入内容。", actual=0)
    counts: dict[str, int] = {}
    for r in doc.removed:
        counts[r.kind] = counts.get(r.kind, 0) + 1
    examples = "；".join(
        f"{_REMOVED_CN[kind]}{n}处（如“{next(r.removed for r in doc.removed if r.kind == kind)}”）"
        for kind, n in counts.items()
    )
    return Check(
        rule="text.injected",
        severity="warning",
        status="fail",
        message=f"正文被插入了与报告无关的内容，已删除：{examples}。",
        expected=0,
        actual=len(doc.removed),
        evidence=[CheckEvidence(start=r.at, end=r.at, quote=r.removed) for r in doc.removed[:20]],
    )

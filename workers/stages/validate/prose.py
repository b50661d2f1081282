"""Prose checks: sum.breakdown (a stated total equals its listed parts) and sum.percent (stated shares agree).

Both work from the facts the extract stage found, re-reading each fact's evidence sentence for what the
fact model does not carry (approximate parts, list items given without a count, percentages).
"""

from __future__ import annotations

import re

from schemas import Check, CheckEvidence, Document, Extraction, Fact, Segmentation
from workers.stages.prose.numbers import Count, find_counts

NAMES = {
    "proactive.total": "主动公开信息总数",
    "proactive.website": "网站公开信息数",
    "proactive.weibo": "微博公开信息数",
    "proactive.wechat": "微信公开信息数",
    "proactive.media": "媒体公开信息数",
    "requests.received": "收到申请数",
    "requests.answered": "办结申请数",
    "staff.total": "工作人员总数",
    "review.total": "行政复议数",
}
_INTRO = re.compile(r"其中|包括|在[^,。]{0,14}中")
_PERCENT_AFTER = re.compile(r"^[,，]?\s*(?:占(?P<base>[^,。;%]{0,12}?))?(?P<p>\d+(?:\.\d+)?)\s*%")
# 占受理总数的80% after a part of the answered requests: the share is of the figure the words name.
_BASES = (
    ("requests.received", re.compile(r"受理|收到|申请")),
    ("requests.answered", re.compile(r"办结|答复|办理")),
    ("proactive.total", re.compile(r"主动公开")),
)
_ITEM_BREAK = re.compile(r"[,;:，；：。]")
_RATE = re.compile(r"(?P<what>答复|办结|按时答复|按期答复)率(?:为|达到?|是)?\s*(?P<p>\d+(?:\.\d+)?)\s*%")


def _num(v: float) -> str:
    return f"{v:g}"


def _evidence(f: Fact) -> list[CheckEvidence]:
    return [CheckEvidence(start=f.evidence.start, end=f.evidence.end, quote=f.evidence.quote)]


def _uncounted_items(f: Fact) -> bool:
    """A list item in the breakdown that carries no count: the parts do not claim to be exhaustive."""
    intro = _INTRO.search(f.evidence.quote)
    if not intro:
        return False
    items = [i for i in _ITEM_BREAK.split(f.evidence.quote[intro.end() :]) if len(i.strip()) > 3]
    return any(not [c for c in find_counts(i) if c.unit == f.unit] for i in items)


def _approx_parts(f: Fact, counts: list[Count]) -> bool:
    return f.approx or any(c.approx for c in counts if c.unit == f.unit)


def breakdown(f: Fact, counts: list[Count]) -> Check:
    """The check of a total against its parts; `counts` are those of the fact's quote."""
    name = NAMES.get(f.concept, f.concept)
    total = f.value or 0.0
    parts = [p.value for p in f.parts]
    base = {"rule": "sum.breakdown", "scope": f.concept, "expected": f.value, "evidence": _evidence(f)}
    if any(v is None for v in parts) or f.value is None:
        return Check(status="uncertain", message=f"{name}的分项有无法读取的数字", **base)
    got = float(sum(v for v in parts if v is not None))
    listed = "+".join(_num(v) for v in parts if v is not None)
    said = f"{name}{_num(total)}{f.unit}，分项{listed}之和为{_num(got)}{f.unit}"
    if _approx_parts(f, counts):
        return Check(status="uncertain", message=f"{said}；其中有约数", actual=got, **base)
    if abs(got - total) < 1e-6:
        return Check(status="pass", message=said, actual=got, **base)
    if len(parts) == 1:
        return Check(status="uncertain", message=f"{said}；只列出一个子项，不是完整分解", actual=got, **base)
    if got < total and _uncounted_items(f):
        return Check(status="uncertain", message=f"{said}；列举中有未给出数量的项目，分项未必完整", actual=got, **base)
    return Check(status="fail", message=f"{said}，与总数不符", actual=got, **base)


def _base_of(f: Fact, named: str, first: dict[str, Fact]) -> Fact | None:
    """The figure a share is taken of: the fact itself, or the one its words name (None when that is unknown)."""
    concept = next((c for c, cue in _BASES if cue.search(named)), f.concept)
    return f if concept == f.concept else first.get(concept)


def _share_checks(f: Fact, first: dict[str, Fact], counts: list[Count]) -> list[Check]:
    out = []
    quote = f.evidence.quote
    for c in counts:
        m = _PERCENT_AFTER.match(quote[c.end :])
        if not m or c.unit != f.unit or not f.value or c.value not in [p.value for p in f.parts]:
            continue
        base = _base_of(f, m.group("base") or "", first)
        if base is None or not base.value:
            continue
        stated = float(m.group("p"))
        out.append(
            _compare(
                f"{_num(c.value)}{c.unit}占{NAMES.get(base.concept, base.concept)}{_num(base.value)}{base.unit}",
                100 * c.value / base.value,
                stated,
                m.group("p"),
                base.concept,
                _evidence(f),
                c.approx or base.approx,
            )
        )
    return out


def _compare(
    what: str, computed: float, stated: float, raw: str, scope: str, ev: list[CheckEvidence], approx: bool
) -> Check:
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    # Reports round or truncate: allow one unit of the last printed digit.
    tolerance = 10 ** (-decimals) + 1e-9
    msg = f"{what}，应为{computed:.{max(decimals, 1)}f}%，报告写{raw}%"
    base = {
        "rule": "sum.percent",
        "severity": "warning",
        "scope": scope,
        "expected": round(computed, 4),
        "actual": stated,
        "evidence": ev,
    }
    if abs(computed - stated) <= tolerance:
        return Check(status="pass", message=msg, **base)
    return Check(status="uncertain" if approx else "fail", message=msg, **base)


def _rate_checks(doc: Document, ext: Extraction) -> list[Check]:
    facts: dict[str, Fact] = {}
    for f in ext.facts:
        facts.setdefault(f.concept, f)  # the first figure is the report's own
    received, answered = facts.get("requests.received"), facts.get("requests.answered")
    if not received or not received.value or answered is None or answered.value is None:
        return []
    carried_over = facts.get("requests.carried_over")
    pending = facts.get("requests.carried_forward")
    # With requests carried over, the rate may be taken over everything handled this year.
    base = received.value + (carried_over.value or 0 if carried_over else 0)
    out = []
    for m in _RATE.finditer(doc.text):
        ev = [CheckEvidence(start=m.start(), end=m.end(), quote=m.group(0))]
        stated = float(m.group("p"))
        denominator = (
            base
            if abs(100 * answered.value / base - stated) < abs(100 * answered.value / received.value - stated)
            else received.value
        )
        # Requests still pending at year end are often left out of a 办结率 (not yet due): not a contradiction.
        doubtful = received.approx or answered.approx or bool(pending and pending.value)
        what = f"办结{_num(answered.value)}件/收到{_num(denominator)}件"
        out.append(_compare(what, 100 * answered.value / denominator, stated, m.group("p"), "requests", ev, doubtful))
    return out


def run(doc: Document, seg: Segmentation, ext: Extraction) -> list[Check]:
    with_parts = [f for f in ext.facts if f.parts]
    counts = [find_counts(f.evidence.quote) for f in with_parts]  # read once for both rules
    checks = [breakdown(f, c) for f, c in zip(with_parts, counts, strict=True)]
    if not checks:
        checks.append(Check(rule="sum.breakdown", status="not_applicable", message="报告未列出带分项的总数"))
    first: dict[str, Fact] = {}
    for f in ext.facts:
        first.setdefault(f.concept, f)
    shares = [c for f, cs in zip(with_parts, counts, strict=True) for c in _share_checks(f, first, cs)]
    shares += _rate_checks(doc, ext)
    if not shares:
        shares.append(
            Check(
                rule="sum.percent",
                severity="warning",
                status="not_applicable",
                message="报告未给出可与数量核对的百分比",
            )
        )
    return checks + shares

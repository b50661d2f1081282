"""Extract stage (prose part): the report's own figures for the vocabulary concepts, each with its evidence.

Works sentence by sentence over the prose view (tables left out, also where they share a line with prose):
every count with a unit is classified by its cue words (concepts.py); a count followed by 其中/包括… (in the
same sentence or one of the next two) gets the counts of the same unit that follow as its parts (and, only
when they make the total exactly, counts in another item unit inside its bracket, the list carried into the
next sentence, or categories told in a sentence of their own); negations state zeros. One fact per (concept,
value), the first occurrence kept; a later, smaller figure of the same concept said of a sub-unit (本级,
办公厅…) is not the report's own figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate, takewhile

from schemas import Document, Evidence, Fact, Heading, Part, Segmentation
from workers.stages.prose.channels import channel_of
from workers.stages.prose.mentions import CHILDREN, Mention, family, find_mentions, headings_above, sentences_of
from workers.stages.prose.statistics import statistics_rows
from workers.stages.prose.textview import View, build_view
from workers.stages.prose.zeros import BARE_NONE, zero_concepts, zeros
from workers.stages.tables.regions import find_regions
from workers.stages.tables.runon import run_on_spans

# 2件(维持1件,纠正1件) and 答复的12件中,同意公开9件…: a bracket or 中 right after the count opens its parts too.
# 在公开的99条信息中, (主动公开128条,)涵盖…/主要类别有/信息类别包括: a total named again (by its value) or a list
# announced.
# A bracket opens parts (2件(维持1件,纠正1件)) unless it is a note (含上年结转189件, 另有3件顺延…).
_INTRO_SAME = re.compile(
    r"^(?:中|当中)[,:]?|^\((?![含另包]|其中含)(?=[^)]*\d)|^[^,。\d]{0,12}?中[,:]"
    r"|^(?:[^。\n\d]{0,16}?[,;])?(?:[^。\n]{0,3}?|[^。\n,;]{0,4}?类别)(?:其中|包括|分别(?:是|为)|(?<!\()含|涵盖|主要(?:类别|内容|类型)?(?:有|为|是|涉及|包括))"
    r"[^,:;。]{0,4}?[,:;]?(?:其中[,:]?)?"
    # 共受理申请21件,经分类处置后,给予同意公开答复1件,…: the results of the requests follow.
    r"|^,经[^,。\d]{0,8}?(?:处置|处理|审核)后[,:]?"
)
# A bare list after a total (主动公开政府信息364条,人事信息17条,…,其他…19条): the items are the total's parts when
# they are counts of the same unit, separated by list marks only, name no other concept, and do not exceed it.
_NOTE = re.compile(r"\((?:含|另有|另|包括|其中含)[^()]{0,60}\)")
_RESULT = re.compile(r"无法提供|不予|予以|部分|同意|区分处理|其他处理|不掌握|不存在")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_ANCHOR_NOUN = re.compile(r"^[^,;:。、\d]{0,8}?(?:信息|文件|文章|稿件)")
_LIST_GAP = re.compile(r"^[^。,;:、\d]{0,30}$")
# The list goes on (;其他类别信息29条) although the parts so far already make the total: the report's sums are
# off, which is for sum.breakdown to say, not a reason to stop reading the list.
_MORE_OF_THE_LIST = re.compile(r"^[,;、]\s*(?:其[他它]|[^,;。]{0,12}类)")
_INTRO_NEXT = re.compile(r"^(?:其中|包括|在[^,。]{1,14}?中|按[^,。]{1,10}分|从[^,。]{1,10}(?:看|分)|具体(?:为|如下))")
_OWN_LEVEL = re.compile(r"^[^,;:]{0,8}(?:本级|直属|所属|下属)")
_LABEL_BREAK = re.compile(r"[,;:、]")
_LABEL_INTRO = re.compile(r"^(?:其中|包括|分别为|分别是)")
_BETWEEN = frozenset(" \t\r\n。.:：")
_SUB_UNIT = re.compile(r"本级|办公厅|办公室|本部门|下属|所属|直属|各部门|各单位|乡镇|街道|其中")


def _attach_parts(
    view: View, sentences: list[tuple[int, int]], mentions: list[Mention], year: int | None = None
) -> None:
    """Each total's parts; `year` is the report's (a list of other years' figures is no breakdown of it)."""
    counted = {m.sentence for m in mentions}  # sentences that state a count
    for i, anchor in enumerate(mentions):
        if anchor.concept is None or anchor.part_of is not None:
            continue
        tail = view.text[anchor.count.end : sentences[anchor.sentence][1]]
        # A note in brackets right after the count (受理12件(另有3件顺延…),其中…) is passed over: the 其中 after it
        # is the count's own. A count inside such a note takes no parts from beyond its bracket.
        note = _NOTE.match(tail)
        skip = note.end() if note else 0
        intro = _INTRO_SAME.match(tail[skip:])
        before = view.text[sentences[anchor.sentence][0] : anchor.count.start]
        if intro and before.count("(") > before.count(")") and ")" in tail[: skip + intro.end()]:
            intro = None
        start, stop_sentence = -1, -1
        limit = len(view.text)
        if intro and any(m.count.unit == anchor.count.unit for m in _rest_of_sentence(mentions, i)):
            start = anchor.count.end + skip + intro.end()
            stop_sentence = anchor.sentence
            if intro.group().startswith("("):
                close = tail.find(")", skip)
                limit = anchor.count.end + close if close >= 0 else limit
        else:
            for si in range(anchor.sentence + 1, min(anchor.sentence + 3, len(sentences))):
                s, e = sentences[si]
                if "\n" in view.text[anchor.count.end : s + 1].rstrip("\n")[:-1]:
                    break
                opener = _INTRO_NEXT.match(view.text[s:e])
                if opener:
                    if any(m.count.start < s + opener.end() for m in _sentence_counts(mentions, i, si)):
                        break  # 在主动公开的55条信息中: a total named again takes the parts itself
                    start, stop_sentence = s + opener.end(), si
                    break
                if si in counted:
                    break
        if start < 0:
            _attach_list(view, mentions, i)
            if not anchor.parts and anchor.concept == "proactive.total":
                _attach_later_list(mentions, i, year)
            continue
        for m in _after(mentions, i):
            if m.sentence > stop_sentence:
                break
            if m.count.start >= limit:
                break
            if m.count.start < start or m.count.unit != anchor.count.unit:
                continue
            if (
                m.concept
                and family(m.concept) != family(anchor.concept)
                and m.concept not in CHILDREN.get(anchor.concept or "", set())
            ):
                break
            if (
                anchor.parts
                and sum(p.count.value for p in anchor.parts) == anchor.count.value
                and not _MORE_OF_THE_LIST.match(view.text[anchor.parts[-1].count.end : m.count.start])
            ):
                break  # the parts already make up the total: what follows is a new statement
            if m.part_of is None:
                if not anchor.parts:
                    m.window = view.text[start : m.count.start]
                if m.concept is None and anchor.concept == "proactive.total":
                    m.concept = channel_of(m.window)
                among_results = anchor.concept == "requests.received" and m.concept == "requests.answered"
                if among_results and _RESULT.search(m.window):
                    m.concept = None  # 因无法提供相关信息答复2件: one result among the others, not all answered
                m.part_of = anchor
                anchor.parts.append(m)
        if not anchor.parts and intro and intro.group().startswith("("):
            _attach_exact(anchor, [m for m in _rest_of_sentence(mentions, i) if start <= m.count.start < limit])
        elif anchor.parts and stop_sentence + 1 < len(sentences):
            s, e = sentences[stop_sentence + 1]
            if "\n" not in view.text[sentences[stop_sentence][1] : s]:
                _attach_exact(anchor, _sentence_counts(mentions, i, stop_sentence + 1))
        _set_restatement_aside(mentions, i)
        if anchor.parts:
            anchor.end = sentences[max(stop_sentence, anchor.parts[-1].sentence)][1]


def _set_restatement_aside(mentions: list[Mention], i: int) -> None:
    """An item as large as the whole says something of all of it (在主动公开的86条信息中,全文电子化的…共86条): beside
    other parts it is none of them; alone, the list after it (…共148条,其中:…3条;…129条) is the whole's, taken when
    it makes the total exactly."""
    anchor = mentions[i]
    whole = [p for p in anchor.parts if p.count.value == anchor.count.value]
    rest = [p for p in anchor.parts if p.count.value != anchor.count.value]
    if rest:
        if whole and any(p.count.value for p in rest):
            for p in whole:
                p.part_of = None
            anchor.parts = rest
        return
    if len(whole) != 1:
        return
    [restated] = whole
    restated.part_of, anchor.parts = None, []
    j = next(k for k in range(i + 1, len(mentions)) if mentions[k] is restated)
    _attach_exact(anchor, [m for m in _rest_of_sentence(mentions, j) if m.part_of is None])
    if not anchor.parts:
        restated.part_of, anchor.parts = anchor, [restated]


def _sentence_counts(mentions: list[Mention], i: int, sentence: int) -> list[Mention]:
    """The counts of a later sentence (mentions come in sentence order: the walk stops past it)."""
    return [m for m in takewhile(lambda m: m.sentence <= sentence, _after(mentions, i)) if m.sentence == sentence]


def _later_counts(mentions: list[Mention], i: int) -> list[Mention]:
    """The counts of the next sentence that states any, within the next three (a sub-heading may stand between)."""
    nxt = next(_after(mentions, i), None)
    if nxt is None or nxt.sentence > mentions[i].sentence + 3:
        return []
    return _sentence_counts(mentions, i, nxt.sentence)


def _attach_later_list(mentions: list[Mention], i: int, year: int | None) -> None:
    """主动公开政府信息261条。(二)…的类别 在公开的信息中,属于…的信息有221条;属于…的信息共40条。: the categories
    told in a sentence of their own, taken when that sentence's counts are all of the total's unit and add up to it."""
    # Counts in another unit may qualify an item (…工程材料信息共9期108条): the items are the total's unit.
    counts = [m for m in _later_counts(mentions, i) if m.count.unit == mentions[i].count.unit]
    # 2020年主动公开…100条。2019年…60条,2018年…40条: figures of other years that happen to add up.
    years = {int(y) for m in counts for y in _YEAR.findall(m.window)}
    if len(counts) >= 2 and (years <= {year} if year else len(years) <= 1):
        _attach_exact(mentions[i], counts, whole=True)
        if mentions[i].parts:
            mentions[i].end = counts[-1].end  # the evidence runs to the list


# Units that count items of information (主动公开38份(…类6条,…)): a report may count the total in one and its
# parts in another.
_ITEM_UNITS = frozenset({"条", "件", "份", "篇", "个", "项"})


def _attach_exact(anchor: Mention, candidates: list[Mention], whole: bool = False) -> None:
    """Parts the usual reading could not take: counts in another item unit inside the total's bracket, or the
    list carried on into the next sentence (…其中网上公开14条,占总数的47%。通过公告栏等方式公开16条). Taken only
    when they make the total exactly, which a chance run of figures does not."""
    if not anchor.parts and anchor.count.unit not in _ITEM_UNITS:
        return
    have = sum(p.count.value for p in anchor.parts)
    taken: list[Mention] = []
    for m in candidates:
        if have >= anchor.count.value or m.part_of is not None or m.count.approx:
            break
        # A whole sentence of categories may open with the verb of the total (主动公开日常工作的各类公告通知12条,…).
        if m.concept not in (None, *CHILDREN.get(anchor.concept or "", ()), *((anchor.concept,) if whole else ())):
            break
        # One unit for all the parts: the total's when the list goes on, the first part's in a bracket.
        unit = (anchor.parts or taken or [m])[0].count.unit
        if m.count.unit != unit or unit not in _ITEM_UNITS | {anchor.count.unit}:
            break
        taken.append(m)
        have += m.count.value
    if have != anchor.count.value or (not anchor.parts and len(taken) < 2) or (whole and taken != candidates):
        return
    for m in taken:
        if m.concept is None and anchor.concept == "proactive.total":
            m.concept = channel_of(m.window)
        m.part_of = anchor
        anchor.parts.append(m)


# A bare list after one result of the requests (同意公开3件,区分处理后公开1件,无法提供1件) names its siblings.
_LEAVES = CHILDREN["requests.received"] - {"requests.answered"}


def _attach_list(view: View, mentions: list[Mention], i: int) -> None:
    anchor = mentions[i]
    if anchor.concept in _LEAVES:
        return
    items: list[Mention] = []
    prev_end = anchor.count.end
    for m in _rest_of_sentence(mentions, i):
        between = view.text[prev_end : m.count.start]
        if not items:
            between = _ANCHOR_NOUN.sub("", between, count=1)  # 公开356条政务信息,行政许可类信息1条,…
        if m.part_of is not None or m.count.unit != anchor.count.unit or m.concept not in (None, anchor.concept):
            break
        if between[:1] not in (",", ";", "、") or not _LIST_GAP.match(between[1:]):
            break
        items.append(m)
        prev_end = m.count.end
    if len(items) < 2 or sum(m.count.value for m in items) > anchor.count.value:
        return
    for m in items:
        m.window = view.text[m.count.start - len(m.window) : m.count.start]
        m.part_of = anchor
        anchor.parts.append(m)


def _after(mentions: list[Mention], i: int) -> Iterator[Mention]:
    # By index: slicing (or islice) would walk the list from its start for every anchor.
    for j in range(i + 1, len(mentions)):
        yield mentions[j]


def _rest_of_sentence(mentions: list[Mention], i: int) -> Iterator[Mention]:
    """The mentions after mentions[i] in its sentence (mentions come in sentence order)."""
    return takewhile(lambda m: m.sentence == mentions[i].sentence, _after(mentions, i))


def _label(window: str) -> str:
    label = _LABEL_BREAK.split(window)[-1] if window else ""
    label = _LABEL_INTRO.sub("", label)
    return label.strip(" ,;:。")


def _fact(view: View, doc: Document, m: Mention, start: int) -> Fact:
    a, b = view.span(start, m.end)
    quote = doc.text[a:b].strip()
    parts = [Part(label=_label(p.window), value=p.count.value) for p in m.parts]
    return Fact(
        concept=m.concept,
        value=m.count.value,
        unit=m.count.unit,
        approx=m.count.approx,
        parts=parts,
        evidence=Evidence(start=a, end=b, quote=quote),
    )


def extract_facts(doc: Document, seg: Segmentation) -> list[Fact]:
    regions = find_regions(doc.text)
    view = build_view(doc, seg, skip=run_on_spans(doc.text, regions))
    sentences = sentences_of(view.text)
    mentions = find_mentions(view, sentences, headings_above(seg, view, sentences))
    _attach_parts(view, sentences, mentions, doc.meta.report_year)
    found: list[tuple[int, Fact, str]] = []
    answered = _Answered(doc.text, seg.headings)
    for m in mentions:
        if m.concept is None:
            continue
        if m.part_of is not None and m.concept not in CHILDREN.get(m.part_of.concept or "", set()):
            continue
        s = sentences[m.sentence][0]
        found.append((m.count.start, _fact(view, doc, m, s), m.window))
    stated = {(m.sentence, m.concept) for m in mentions if m.count.value}
    for si, (s, e) in enumerate(sentences):
        concepts = _zero_concepts_of(view, s, e, answered)
        if not concepts:
            continue
        a, b = view.span(s, e)
        # 收取…120元，无减免情况: a figure stated in the same sentence outweighs the negation.
        for concept in concepts:
            if (si, concept) in stated:
                continue
            ev = Evidence(start=a, end=b, quote=doc.text[a:b].strip())
            found.append((s, Fact(concept=concept, value=0, evidence=ev), ""))
    found.sort(key=lambda x: x[0])
    facts = _dedupe(found)
    table_spans = [s for s in (regions.proactive, regions.requests, regions.review) if s]
    return facts + _statistics_facts(doc.text, table_spans, facts)


def _statistics_facts(text: str, skip: list[tuple[int, int]], prose: list[Fact]) -> list[Fact]:
    """The rows of the appended statistics lists, for the concepts the prose does not state."""
    out: list[Fact] = []
    stated: set[str] = {f.concept for f in prose}
    known = frozenset(float(f.value) for f in prose if f.value is not None)
    for row in statistics_rows(text, skip, known):
        if row.concept is None or row.concept in stated:
            continue
        stated.add(row.concept)
        end = max([row.end, *(p.end for p in row.parts)])
        parts = [Part(label=text[p.start : p.end].rstrip("0123456789. "), value=p.value) for p in row.parts]
        evidence = Evidence(start=row.start, end=end, quote=text[row.start : end])
        out.append(Fact(concept=row.concept, value=row.value, unit=row.unit, parts=parts, evidence=evidence))
    return out


def _zero_concepts_of(view: View, s: int, e: int, answered: _Answered) -> list[str]:
    sentence = view.text[s:e]
    if not BARE_NONE.match(sentence):
        return zeros(sentence)
    heading = answered.by(view.span(s, e)[0])
    return zero_concepts(heading.text) if heading else []


class _Answered:
    """A bare "无。" answers the heading right before it (on its line or the line above): the last heading (in
    document order) that starts before it with nothing but blanks and stops in between."""

    def __init__(self, text: str, headings: list[Heading]) -> None:
        self.text = text
        self.headings = headings
        self.starts = [h.start for h in headings]
        self.reach = list(accumulate((h.end for h in headings), max))  # the furthest end up to each heading

    def by(self, at: int) -> Heading | None:
        last_word = at - 1  # the last character before `at` that is not a blank or a stop
        while last_word >= 0 and self.text[last_word] in _BETWEEN:
            last_word -= 1
        k = bisect_left(self.starts, at) - 1
        while k >= 0 and self.reach[k] > last_word:
            if self.headings[k].end > last_word:
                return self.headings[k]
            k -= 1
        return None


def _dedupe(found: list[tuple[int, Fact, str]]) -> list[Fact]:
    out: list[Fact] = []
    seen: set[tuple[str, float | None]] = set()
    first: dict[str, Fact] = {}
    kept: dict[tuple[str, float | None], Fact] = {}
    for _, fact, window in found:
        if (fact.concept, fact.value) in seen:
            same = kept[(fact.concept, fact.value)]
            if fact.parts and not same.parts:
                # 在主动公开的739条政府信息中,…: the total named again with its parts, which its sentence evidences
                # (and where the checks find the shares printed beside them).
                same.parts, same.evidence = fact.parts, fact.evidence
            continue
        head = first.get(fact.concept)
        if head and fact.value is not None and head.value and fact.value < head.value and _SUB_UNIT.search(window):
            continue
        # 县本级通过门户网站公开…3,120条 after the county's total: a sub-unit's channel, not the report's own.
        total = first.get("proactive.total") if fact.concept.startswith("proactive.") else None
        if total and total.value and fact.value is not None and fact.value < total.value and _OWN_LEVEL.match(window):
            continue
        first.setdefault(fact.concept, fact)
        seen.add((fact.concept, fact.value))
        kept[(fact.concept, fact.value)] = fact
        out.append(fact)
    return out

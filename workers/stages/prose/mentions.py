"""Counts in the prose view, sentence by sentence, each with the concept its cue words give.

A sentence's topic may also come from the sentence before it (same paragraph) and from the headings above
it, which is how 已办结70件 under 三、依申请公开 is known to count requests.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from schemas import Segmentation
from workers.stages.prose.concepts import classify
from workers.stages.prose.numbers import Count, find_counts
from workers.stages.prose.textview import View

_SENTENCE_END = re.compile(r"[。！？!?]|\n")
# Real sentences are far shorter; a run with no sentence end (a flattened page, hostile input) is cut into
# pieces of this size at a comma, so the cue search around each count stays linear in the text.
MAX_SENTENCE = 400
_SOFT_BREAK = re.compile(r"[，,；;、 ]")
# A breakdown of a total may name finer concepts that are facts of their own (channels of proactive.total).
CHILDREN = {
    "proactive.total": {"proactive.website", "proactive.weibo", "proactive.wechat", "proactive.media"},
    "requests.received": {
        "requests.granted",
        "requests.partially_granted",
        "requests.denied",
        "requests.carried_forward",
        "requests.answered",
    },
    "requests.answered": {"requests.granted", "requests.partially_granted", "requests.denied"},
    "staff.total": {"staff.full_time", "staff.part_time"},
}


def family(concept: str | None) -> str:
    return (concept or "").split(".")[0]


@dataclass
class Mention:
    count: Count
    sentence: int
    concept: str | None
    window: str
    parts: list[Mention] = field(default_factory=list)
    part_of: Mention | None = None
    end: int = 0  # view offset where the evidence ends


def sentences_of(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() - start > 1 or text[start : m.end()].strip():
            if m.end() - start > MAX_SENTENCE:
                out += _bounded(text, start, m.end())
            else:
                out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out += _bounded(text, start, len(text))
    return out


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        soft = [m.end() for m in _SOFT_BREAK.finditer(text, start + MAX_SENTENCE // 2, cut)]
        cut = soft[-1] if soft else cut
        pieces.append((start, cut))
        start = cut
    return [*pieces, (start, end)]


def headings_above(seg: Segmentation, view: View, sentences: list[tuple[int, int]]) -> list[str]:
    """For each sentence, the titles of its section and of the nearest heading above it (the topic it is under)."""
    tops = [(x.start, x.heading) for x in seg.sections]
    nearest = sorted((h.start, h.text) for h in seg.headings)
    out = []
    for s, _ in sentences:
        at = view.at(s) if s < len(view.text) else 0
        top = tops[bisect_right(tops, (at, "\uffff")) - 1][1] if tops and tops[0][0] <= at else ""
        near = nearest[bisect_right(nearest, (at, "\uffff")) - 1][1] if nearest and nearest[0][0] <= at else ""
        out.append(top + near)
    return out


def find_mentions(view: View, sentences: list[tuple[int, int]], above: list[str]) -> list[Mention]:
    out = []
    for si, (s, e) in enumerate(sentences):
        text = view.text[s:e]
        counts = find_counts(text)
        if not counts:
            continue
        prev = sentences[si - 1][0] if si and "\n" not in view.text[sentences[si - 1][0] : s] else s
        context = above[si] + view.text[prev:e]
        for i, c in enumerate(counts):
            left = text[counts[i - 1].end if i else 0 : c.start]
            right = text[c.end : counts[i + 1].start if i + 1 < len(counts) else len(text)]
            concept = classify(left, right, c.unit, text, c.chinese, context, before=text[: c.start])
            shifted = Count(c.value, c.unit, c.approx, c.start + s, c.end + s, c.num_end + s)
            out.append(Mention(shifted, si, concept, left, end=e))
    return out

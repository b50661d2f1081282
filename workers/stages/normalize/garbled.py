"""Find mojibake left in the text: replacement characters, runs of '?', and Latin-1 debris from a wrong decode."""

from __future__ import annotations

import re
from bisect import bisect_right

from schemas.document import Garble

_REPLACEMENT = re.compile(r"\ufffd+")
# Two or more '?' (a '?' with spaces or debris between them counts too): one '?' ends a question, a run is lost text.
_QUESTION = re.compile(r"\?(?:[ ¤]{0,2}\?)+[¤?]*")
# Characters that only turn up in Chinese text when bytes were decoded with the wrong code page.
# A run of two or more, or a lone ¤. Written as one class (no alternation) so the scanner skips ahead to it.
_DEBRIS = re.compile(r"[¤¦§¨ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ]+")

_LATIN1_HIGH = re.compile(rb"[\xa4-\xff]")


def find_garbles(text: str) -> list[Garble]:
    """Every garbled run, in text order; where kinds overlap, the earlier kind in the list above wins."""
    # Cheap C-level gates first: most reports have none of these characters, and the scans are not free.
    kinds = [("replacement_char", _REPLACEMENT)] if "\ufffd" in text else []
    kinds += [("question_marks", _QUESTION)] if "?" in text else []
    kinds += [("debris", _DEBRIS)] if _LATIN1_HIGH.search(text.encode("latin-1", "ignore")) else []
    found: list[Garble] = []
    starts: list[int] = []  # of the runs taken so far, sorted, with their ends alongside
    ends: list[int] = []
    for kind, pattern in kinds:
        for m in pattern.finditer(text):
            if kind == "debris" and m.end() - m.start() < 2 and m.group(0) != "¤":
                continue
            i = bisect_right(starts, m.start())
            if i and ends[i - 1] > m.start():
                continue
            starts.insert(i, m.start())
            ends.insert(i, m.end())
            found.append(Garble(kind=kind, start=m.start(), end=m.end()))
    found.sort(key=lambda g: g.start)
    return found

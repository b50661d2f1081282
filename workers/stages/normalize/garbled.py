"""Find mojibake left in the text: replacement characters, runs of '?', and Latin-1 debris from a wrong decode."""

from __future__ import annotations

import re

from schemas.document import Garble

_REPLACEMENT = re.compile(r"\ufffd+")
# Two or more '?' (a '?' with spaces or debris between them counts too): one '?' ends a question, a run is lost text.
_QUESTION = re.compile(r"\?(?:[ ¤]{0,2}\?)+[¤?]*")
# Characters that only turn up in Chinese text when bytes were decoded with the wrong code page.
_DEBRIS = re.compile(
    r"[¤¦§¨ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ]{2,}|¤"
)


def find_garbles(text: str) -> list[Garble]:
    found: list[Garble] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("replacement_char", _REPLACEMENT), ("question_marks", _QUESTION), ("debris", _DEBRIS)):
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Garble(kind=kind, start=m.start(), end=m.end()))
    found.sort(key=lambda g: g.start)
    return found

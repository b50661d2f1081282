"""Noise that mirror sites inject into report text: pinyin after characters, and gambling/SEO spam."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .offsets import Edit

# A pinyin syllable with at least one tone mark, in parentheses right after a Han character: "公(gōng)开".
# The tone mark is what tells it from a legitimate abbreviation in brackets ("平台(app)").
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# The Han character before it is tested outside the pattern: a leading look-behind would stop the scanner from
# skipping ahead to "(".
_PINYIN = re.compile(rf"\((?=[a-zü{_TONED}]{{0,5}}[{_TONED}])[a-zü{_TONED}]{{1,6}}\)", re.IGNORECASE)

# Words no disclosure report uses; each starts a spam span. Brand names that are also ordinary words (金沙江, 永利)
# count only with a gambling suffix.
_SPAM_WORD = (
    r"新?(?:沙巴|皇冠|新葡京|葡京|威尼斯人|亚博|开云|必威|乐鱼|九游|金宝博|博天堂|bet365|188bet|bwin|明升|立博)"
    r"(?:体育|娱乐|国际|官网|平台|真人|彩票|棋牌|电子|app|APP)?"
    r"|(?:金沙|永利|银河|太阳城|万博|ag|pg)(?:体育|娱乐|国际|官网|真人|彩票|棋牌|电子)"
    r"|(?:体育投注|投注网|博彩|百家乐|娱乐城|赌场|老虎机|真人视讯|彩票网|网上赌|时时彩|六合彩|棋牌游戏)"
)
_UNIT = r"[\u4e00-\u9fffA-Za-z0-9]{0,8}?(?:官网|平台|入口|登录|注册|下载|app|APP|投注|娱乐|体育|网址|开户)"
# An SEO title: spam words and filler joined by _ | · and a 【...】 tag, maybe ending with a colon.
_SPAM_SPAN = re.compile(rf"(?:{_SPAM_WORD})(?:[_|·]?{_UNIT})*(?:【[^】\n]{{0,20}}】)?[:：]?")
# A word every spam span holds: texts without one skip the (slower) span pattern.
_SPAM_HINT = re.compile(
    r"沙巴|皇冠|葡京|威尼斯人|亚博|开云|必威|乐鱼|九游|金宝博|博天堂|bet365|188bet|bwin|明升|立博|金沙|永利|银河|太阳城"
    r"|万博|投注|博彩|百家乐|娱乐城|赌场|老虎机|真人视讯|彩票网|网上赌|时时彩|六合彩|棋牌游戏|"
    # Literal words only (no character class): the scanner then skips ahead to their first characters.
    + "|".join(p + s for p in ("ag", "pg") for s in ("体育", "娱乐", "国际", "官网", "真人", "彩票", "棋牌", "电子"))
)
_SPAM_MARK = re.compile(r"[_|【]|官网|登录|注册|入口|下载|投注|娱乐")
# Beyond the word list: a brand made of Latin letters and digits (365, 365bet, 188bet) with a gambling or
# official-site suffix (365体育官网, 365bet(中国)官方网站); and a run of random letters and digits, mixed case,
# that no report writes outside a URL or an address (kJ8xQ2mZ9pLw3Rt7).
_BRAND = (
    r"(?<![A-Za-z0-9/.@_-])(?=[A-Za-z]*\d)[A-Za-z0-9]{2,12}(?:\((?:中国|亚洲|China)\))?"
    r"(?:(?:体育|娱乐|真人|彩票|棋牌|投注|开户|网投)(?:官网|官方网站|平台|app|APP|入口|网址)?|官方网站)"
)
_RANDOM = (
    r"(?<![A-Za-z0-9/@.:=_%#?&-])(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{12,40}"
    r"(?![A-Za-z0-9/@._-])"
)
# Each kind of span, with words every span of it holds: a text without them cannot hold that kind, and the scan
# leaves its pattern out. Scanning a whole report with all three at every position cost more than the rest of
# normalizing it.
_KINDS = (
    ("words", _SPAM_SPAN.pattern, _SPAM_HINT),
    ("random", _RANDOM, re.compile(r"[A-Za-z0-9]{12}")),
    ("brand", _BRAND, re.compile(r"体育|娱乐|真人|彩票|棋牌|投注|开户|网投|官方网站")),
)


@functools.cache
def _spam_pattern(kinds: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the kinds the text may hold, in the order of _KINDS (at a position, the first kind wins)."""
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern, _ in _KINDS if name in kinds))


@dataclass
class Cut:
    kind: str
    removed: str
    at: int


def remove_pinyin(text: str) -> tuple[str, list[Cut], list[Edit]]:
    return _cut(text, _PINYIN, "pinyin", lambda m: m.start() > 0 and "\u3400" <= text[m.start() - 1] <= "\u9fff")


def remove_spam(text: str) -> tuple[str, list[Cut], list[Edit]]:
    digits = any(c.isdigit() for c in text)  # the brand and random-run patterns both hold a digit
    kinds = tuple(name for name, _, hint in _KINDS if (name == "words" or digits) and hint.search(text))
    if not kinds:
        return text, [], []
    return _cut(text, _spam_pattern(kinds), "spam", _is_spam)


def _is_spam(m: re.Match[str]) -> bool:
    # The word list's spans need a spam mark (官网, 【…】, _) as before; the other two are spam as matched.
    if m.lastgroup == "words":
        return bool(_SPAM_MARK.search(m.group(0)))
    return True


def _cut(
    text: str, pattern: re.Pattern[str], kind: str, keep: Callable[[re.Match[str]], bool]
) -> tuple[str, list[Cut], list[Edit]]:
    """The text without the matches, each cut located in the new text, and the deletions as edits of the old."""
    out: list[str] = []
    cuts: list[Cut] = []
    edits: list[Edit] = []
    pos = 0
    length = 0
    for m in pattern.finditer(text):
        if not keep(m):
            continue
        out.append(text[pos : m.start()])
        length += m.start() - pos
        cuts.append(Cut(kind, m.group(0), length))
        edits.append((m.start(), m.end(), 0))
        pos = m.end()
    if not cuts:
        return text, [], []
    out.append(text[pos:])
    return "".join(out), cuts, edits

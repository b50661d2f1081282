"""Website chrome: breadcrumbs, font-size switches, counters, print/close links and footers of saved pages."""

from __future__ import annotations

import re

from .offsets import Edit

# Pieces of chrome that can sit on a line next to real metadata ("发布时间:2018-03-09 【字体:大 中 小】").
_TOKENS = re.compile(
    r"【\s*字\s*[体号]\s*:?\s*(?:大\s*中\s*小)?\s*】?"
    r"|[【\[]?\s*(?:打印本页|打印此页|关闭窗口|关闭本页|返回顶部|保存本页|打印|关闭|收藏本页|加入收藏)\s*[】\]]"
    r"|(?:打印本页|关闭窗口|返回顶部|保存本页|收藏本页)"
    r"|\(?\s*(?:浏览次数|浏览量|点击数|点击量|点击率|阅读次数|访问次数|阅读数|点击)\s*:\s*\d*\s*次?\s*\)?"
    r"|字\s*[体号]\s*:\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?"
    r"|分享到\s*:?"
    r"|扫一扫在手机(?:上)?打开当前页"
    # What a page pasted from Word keeps of its hidden settings and style sheet.
    r"|Normal\s+0\s+(?:\S+\s+){0,12}?X-NONE"
    r"|/\*\s*Style Definitions\s*\*/\s*table\.MsoNormalTable\s*\{[^{}]*\}"
)
# Chrome that takes the rest of its line with it (breadcrumbs run to the end of the line).
_TO_EOL = re.compile(r"(?:您的位置|当前位置|您现在的位置|所在位置)\s*:.*$")
# Footer lines: dropped whole, but only when short (a long line with these words is content).
_FOOTER = re.compile(
    r"公网安备|网安备|ICP备|ICP证|网站标识码|版权所有|Copyright|©|技术支持\s*:|网站地图|联系我们|主办单位\s*:|承办单位\s*:"
    r"|^(?:登录|注册|首页|网站首页|返回首页|无障碍|English|繁体|简体|繁體)(?:\s*[|/]\s*(?:登录|注册|首页|无障碍|English|繁体|简体))*$",
    re.IGNORECASE,
)
# Share and view bars of one-line pages, once their breaks are back ("微信 微博 QQ空间 全真版 文字版 文件下载"):
# a line of nothing but these words is chrome; the same words inside a sentence are content.
_BAR = re.compile(
    r"^(?:\s*(?:-->|微信|微博|QQ空间|qq空间|全真版|文字版|纯文本版|无障碍|文件下载|附件下载|下载附件|相关链接\s*:?|相关附件\s*:?"
    r"|打印|关闭|分享|收藏|扫一扫|纠错|【|】))+\s*$"
)
_LEFTOVER = re.compile(r"^[\s|:,.;!?/\\>\-_·、。,]*$")
# Words one of the three patterns needs on a line: a cheap scan over a whole text finds the lines worth testing.
# Two scans, since a line-start anchor in the alternation would stop the scanner from skipping ahead.
_CANDIDATES = (
    re.compile(
        r"字[^\S\n]*[体号]|打印|关闭|返回顶部|保存本页|收藏|浏览|点击|阅读|访问次数|分享到|扫一扫|位置[^\S\n]*:"
        r"|网安备|ICP|icp|Icp|微信|微博|QQ空间|全真版|文字版|纯文本版|文件下载|附件下载|下载附件|相关链接|相关附件|-->|Copyright|CopyRight|COPYRIGHT|copyright|©|网站标识码|版权所有|技术支持|网站地图|联系我们|主办单位|承办单位|X-NONE|MsoNormalTable"
    ),
    re.compile(
        r"^[^\S\n]*(?:登录|注册|首页|网站首页|返回首页|无障碍"
        r"|English|ENGLISH|english|繁体|简体|繁體)",
        re.MULTILINE,
    ),
)


def strip_chrome_line(line: str) -> str | None:
    """The line without its chrome pieces, or None when nothing but chrome was on it."""
    if len(line) < 120 and (_FOOTER.search(line) or _BAR.match(line)):
        return None
    cleaned = _TO_EOL.sub("", _TOKENS.sub("", line))
    if cleaned != line and _LEFTOVER.match(cleaned):
        return None
    return cleaned.rstrip() if cleaned != line else line


def strip_chrome(text: str, keep_lines: bool = False) -> tuple[str, list[Edit], bool]:
    """`strip_chrome_line` on every line of `text`, visiting only lines where chrome can be. Lines of nothing but
    chrome go (or stay as empty lines with `keep_lines`, so table cells keep their places). Returns the text, the
    edits made, and whether any line is left."""
    edits: list[Edit] = []
    out: list[str] = []
    pos = 0
    kept_before = False  # a kept line precedes: a dropped line then takes the newline before it, else the one after
    last_end = -1
    hits = sorted(m.start() for pattern in _CANDIDATES for m in pattern.finditer(text))
    for hit in hits:
        if hit <= last_end:
            continue  # on a line already handled
        start = text.rfind("\n", 0, hit) + 1
        end = text.find("\n", hit)
        end = len(text) if end < 0 else end
        last_end = end
        line = text[start:end]
        new = strip_chrome_line(line)
        if new == line:
            continue
        kept_before = kept_before or pos < start
        if new is None and not keep_lines:
            cut_from, cut_to = (start - 1, end) if kept_before else (start, min(end + 1, len(text)))
        else:
            kept = new or ""
            cut_from = start + _common_prefix(line, kept)
            cut_to = end
            out.append(text[pos:cut_from])
            out.append(kept[cut_from - start :])
            edits.append((cut_from, cut_to, len(kept) - (cut_from - start)))
            pos = cut_to
            kept_before = True
            continue
        out.append(text[pos:cut_from])
        edits.append((cut_from, cut_to, 0))
        pos = cut_to
    if not edits:
        return text, [], True
    out.append(text[pos:])
    return "".join(out), edits, keep_lines or kept_before or pos < len(text)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n

"""Website chrome: breadcrumbs, font-size switches, counters, print/close links and footers of saved pages."""

from __future__ import annotations

import re

# Pieces of chrome that can sit on a line next to real metadata ("发布时间:2018-03-09 【字体:大 中 小】").
_TOKENS = re.compile(
    r"【\s*字\s*[体号]\s*:?\s*(?:大\s*中\s*小)?\s*】?"
    r"|[【\[]?\s*(?:打印本页|打印此页|关闭窗口|关闭本页|返回顶部|保存本页|打印|关闭|收藏本页|加入收藏)\s*[】\]]"
    r"|(?:打印本页|关闭窗口|返回顶部|保存本页|收藏本页)"
    r"|\(?\s*(?:浏览次数|浏览量|点击数|点击量|点击率|阅读次数|访问次数|阅读数|点击)\s*:\s*\d*\s*次?\s*\)?"
    r"|字\s*[体号]\s*:\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?"
    r"|分享到\s*:?"
    r"|扫一扫在手机(?:上)?打开当前页"
)
# Chrome that takes the rest of its line with it (breadcrumbs run to the end of the line).
_TO_EOL = re.compile(r"(?:您的位置|当前位置|您现在的位置|所在位置)\s*:.*$")
# Footer lines: dropped whole, but only when short (a long line with these words is content).
_FOOTER = re.compile(
    r"公网安备|网安备|ICP备|ICP证|网站标识码|版权所有|Copyright|©|技术支持\s*:|网站地图|联系我们|主办单位\s*:|承办单位\s*:"
    r"|^(?:登录|注册|首页|网站首页|返回首页|无障碍|English|繁体|简体|繁體)(?:\s*[|/]\s*(?:登录|注册|首页|无障碍|English|繁体|简体))*$",
    re.IGNORECASE,
)
_LEFTOVER = re.compile(r"^[\s|:,.;!?/\\>\-_·、。,]*$")


def strip_chrome_line(line: str) -> str | None:
    """The line without its chrome pieces, or None when nothing but chrome was on it."""
    if len(line) < 120 and _FOOTER.search(line):
        return None
    cleaned = _TO_EOL.sub("", _TOKENS.sub("", line))
    if cleaned != line and _LEFTOVER.match(cleaned):
        return None
    return cleaned.rstrip() if cleaned != line else line

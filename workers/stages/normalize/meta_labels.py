"""Labelled page metadata (索引号: …, 发布机构: …): the labels, and reading the value that follows one."""

from __future__ import annotations

import re


def _label(word: str) -> str:
    # Pages space labels out to align them: "索 引 号", "发 布 机 构".
    return r"[ \t]{0,2}".join(word)


FIELDS: dict[str, tuple[str, ...]] = {
    "publisher": (
        "发布机构",
        "发文机关",
        "发布单位",
        "发文单位",
        "发布部门",
        "信息来源",
        "文章来源",
        "来源单位",
        "发布者",
        "来源",
    ),
    "published": ("发布日期", "发布时间", "公开日期", "公开时间", "发布于"),
    # 发文日期 is the date the document was issued under its 文号: when it was written, not put online.
    "written": ("成文日期", "成文时间", "印发日期", "发文日期"),
    "index_no": ("索引号",),
    "title": ("标题", "信息名称", "文件名称", "文章标题", "名称"),
}
# Labels that only end the value before them.
_OTHER = (
    "主题分类",
    "组配分类",
    "体裁分类",
    "公开方式",
    "公开范围",
    "公开形式",
    "文号",
    "发文字号",
    "关键词",
    "关键字",
    "废止日期",
    "有效性",
    "时效",
    "作者",
    "字号",
    "点击",
    "浏览",
    "分类",
    "主题词",
    "生效日期",
    "失效日期",
    "文种",
)
_ALL = sorted({w for words in FIELDS.values() for w in words} | set(_OTHER), key=len, reverse=True)


def _labels(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(_label(w) for w in words)


def _pattern(words: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """A label ends with a colon, or is a whole table cell of its own ("| 索引号 | 1133… |").

    A short label right after a Han character is a word of a sentence ("资金来源:"); a long one is a label run on
    after the value before it with no gap, as flattened pages print them ("…年度报告发布日期:2020-01-20").
    """
    run_on = [w for w in words if len(w) >= 4 or w == "索引号"]
    short = [w for w in words if w not in run_on]
    starts = [f"(?:{_labels(run_on)})"] if run_on else []
    if short:
        starts.append(rf"(?<![\u4e00-\u9fff])(?:{_labels(short)})")
    alternatives = "|".join(starts)
    # The lookahead on a label's first character lets the scan skip the rest of a line cheaply.
    first = re.escape("".join(sorted({w[0] for w in words} | {"|"})))
    return re.compile(rf"(?=[{first}])(?:(?:{alternatives})[ \t]*[:：]|\|[ \t]{{0,2}}(?:{alternatives})[ \t]*(?=\|))")


ANY_LABEL = _pattern(_ALL)
_FIELD_LABEL = {field: _pattern(words) for field, words in FIELDS.items()}
_TRIM = " \t|-–—·•*>#"


def labelled_values(line: str, field: str) -> list[str]:
    """Every value printed after one of the field's labels on this line ('' when the label stands empty)."""
    values = []
    for m in _FIELD_LABEL[field].finditer(line):
        rest = line[m.end() :]
        following = ANY_LABEL.search(rest)
        values.append((rest[: following.start()] if following else rest).strip(_TRIM))
    return values


# What a 来源 label says when the page is the site's own: the site, not a publisher.
_SITE_ITSELF = re.compile(r"^(?:本站|本网|本网站|本平台|本站原创|原创|网站|网站管理员|管理员|admin)$", re.IGNORECASE)


def is_site_itself(value: str) -> bool:
    return bool(_SITE_ITSELF.match(value))


_SEPARATOR = re.compile(r"\s|\||\(|\)|【|】|\[|\]")


def first_token(value: str) -> str:
    """The value up to the first gap or separator: metadata values never contain spaces, chrome after them does."""
    return _SEPARATOR.split(value.strip(_TRIM), maxsplit=1)[0]


# An index number is printable ASCII ("11330682/2015-00017"); on a flattened page the body runs on after it.
_ASCII_INDEX = re.compile(r"[!-~]{4,}(?=[\u4e00-\u9fff])")


def index_token(value: str) -> str:
    token = first_token(value)
    ascii_index = _ASCII_INDEX.match(token)
    return ascii_index.group() if ascii_index else token

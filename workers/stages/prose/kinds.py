"""Heading -> canonical section kinds (record.md): one heading may cover several kinds."""

from __future__ import annotations

import re
from functools import lru_cache

from schemas.sections import Kind

# Order matters only for the order of the returned kinds; each rule is tested independently.
_RULES: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    # 政府信息公开工作开展情况: the work as a whole (政府信息公开情况 alone is what was published, below).
    (
        "overview",
        re.compile(r"概述|概况|总体(?:工作)?情况|基本情况|总体要求|总述|总体$|^(?:政府|政务)?(?:信息)?公开工作开展情况$"),
    ),
    ("proactive", re.compile(r"主动公开|^(?:政府|政务)?(?:信息)?公开(?:工作)?(?:的)?情况$")),
    (
        "on_request",
        re.compile(r"依申请|收到和处理|(?:公开|信息)申请(?!行政复议|复议)(?:的)?(?:办理|处理)?情况|申请公开"),
    ),
    ("withheld", re.compile(r"不予公开")),
    ("fees", re.compile(r"收费|减免")),
    ("review_litigation", re.compile(r"复议|诉讼|申诉")),
    ("staffing", re.compile(r"机构(?:和|及|与)?人员|人员(?:和|及|与|以及)?(?:经费|支出)|机构建设")),
    (
        "problems",
        re.compile(r"问题|改进|不足|下一步|今后|(?:工作)?(?:计划|打算|思路|安排|展望|要点)$|努力方向|工作重点"),
    ),
    ("other", re.compile(r"其他需要报告|其它需要报告|其他事项|其它事项|需要说明的(?:其他|其它)?事项")),
)
_SPACE = re.compile(r"\s")
# 依申请公开收费情况: the fees for requests, not the requests themselves.
_FEES_OF_REQUESTS = re.compile(r"依申请[^、,和及与]*收费")


@lru_cache(maxsize=1024)
def _kinds(title: str) -> tuple[Kind, ...]:
    # Reports reuse the same few dozen heading titles.
    kinds = [kind for kind, pattern in _RULES if pattern.search(title)]
    if "other" in kinds:
        return ("other",)
    if "fees" in kinds and _FEES_OF_REQUESTS.search(title):
        kinds.remove("on_request")
    return tuple(kinds) or ("extra",)


def kinds_of(title: str) -> list[Kind]:
    """The kinds a heading title (numbering stripped) covers; `extra` when it names no reportable topic."""
    return list(_kinds(_SPACE.sub("", title)))

"""Row and column labels of the template tables, mapped to record.md keys.

Labels are matched by distinctive words rather than whole strings: real tables wrap, abbreviate,
lose glyphs (2.其他法律行政止公开) and merge group labels into the first row of a group.
"""

from __future__ import annotations

import re
from functools import lru_cache

APPLICANTS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
)
REQUEST_COLUMNS = (*APPLICANTS, "total")

DENIED = (
    "state_secret",
    "law_prohibited",
    "three_security_one_stability",
    "third_party_rights",
    "internal_affairs",
    "process_info",
    "enforcement_file",
    "admin_inquiry",
)
UNABLE = ("not_held", "needs_creation", "unclear")
NOT_PROCESSED = ("petition_complaint", "duplicate", "publication", "mass_repeated", "confirm_or_reissue")
OTHER_F21 = ("overdue_correction", "overdue_fee", "other")

RESULT_ROWS_HEAD = (
    "granted",
    "partially_granted",
    *(f"denied.{k}" for k in DENIED),
    *(f"unable.{k}" for k in UNABLE),
    *(f"not_processed.{k}" for k in NOT_PROCESSED),
)
RESULTS_F21 = (*RESULT_ROWS_HEAD, *(f"other.{k}" for k in OTHER_F21))
RESULTS_F19 = (*RESULT_ROWS_HEAD, "other.total")
ROWS_F21 = ("new_received", "carried_over", *RESULTS_F21, "total_processed", "carried_forward")
ROWS_F19 = ("new_received", "carried_over", *RESULTS_F19, "total_processed", "carried_forward")

REVIEW_BLOCKS = ("review", "litigation_direct", "litigation_after_review")
REVIEW_COLUMNS = ("maintained", "corrected", "other", "pending", "total")

# Most specific first: an item label beats the group label merged into the same row.
_REQUEST_ROWS: tuple[tuple[str, str], ...] = (
    ("本年新收|新收政府信息公开申请", "new_received"),
    ("上年结转", "carried_over"),
    ("结转下年|下年度继续|继续办理", "carried_forward"),
    ("国家秘密", "denied.state_secret"),
    ("法律行政|行政法规禁|禁止公开", "denied.law_prohibited"),
    ("三安全|一稳定", "denied.three_security_one_stability"),
    ("第三方", "denied.third_party_rights"),
    ("内部事务", "denied.internal_affairs"),
    ("过程性", "denied.process_info"),
    ("执法案卷|执法案件", "denied.enforcement_file"),
    ("行政查询", "denied.admin_inquiry"),
    ("不掌握", "unable.not_held"),
    ("另行制作|没有现成", "unable.needs_creation"),
    ("仍不明确|补正后", "unable.unclear"),
    ("信访|举报投诉", "not_processed.petition_complaint"),
    ("重复申请", "not_processed.duplicate"),
    ("出版物", "not_processed.publication"),
    ("大量反复|反复申请", "not_processed.mass_repeated"),
    ("重新出具|确认或", "not_processed.confirm_or_reissue"),
    ("逾期不补正|不补正", "other.overdue_correction"),
    ("收费通知|缴纳费用|逾期未按", "other.overdue_fee"),
    ("部分公开", "partially_granted"),
    ("予以公开", "granted"),
    ("总计", "total_processed"),
)
# Group labels: alone on a row with numbers they are a subtotal the template does not have.
_REQUEST_GROUPS = (
    ("不予公开", "denied"),
    ("无法提供", "unable"),
    ("不予处理", "not_processed"),
    ("办理结果", "results"),
)

_PROACTIVE_ROWS = (
    ("其他对外管理服务", "other_services"),
    ("规范性文件", "normative_docs"),
    ("规章", "regs"),
    ("行政许可", "licensing"),
    ("行政处罚", "penalty"),
    ("行政强制", "coercion"),
    ("事业性收费", "admin_fees"),
    ("集中采购", "procurement"),
)

_APPLICANT_HEADERS = (
    ("自然人", "natural_person"),
    ("商业企业", "commercial_enterprise"),
    ("科研机构", "research_institution"),
    ("社会公益", "social_welfare_org"),
    ("法律服务", "legal_service_org"),
    ("小计", "subtotal"),
    ("总计", "total"),
    ("合计", "total"),
)

_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(](?:[一二三四五六七八九十]+|\d+)[）)]|\d+[.、．])")


_SPACE_OR_BAR = re.compile(r"[\s|]+")
_REQUEST_ROW_PATTERNS = tuple((re.compile(pattern), key) for pattern, key in _REQUEST_ROWS)


def compact(text: str) -> str:
    return _SPACE_OR_BAR.sub("", text)


def strip_ordinal(label: str) -> str:
    s = compact(label)
    while True:
        m = _ORDINAL.match(s)
        if not m:
            return s
        s = s[m.end() :]


# Labels are matched once per row per pass and repeat across reports: each text is read once.
@lru_cache(maxsize=4096)
def request_row(label: str) -> str | None:
    """The table 三 row a label names, e.g. '（三）不予公开 1.属于国家秘密' -> 'denied.state_secret'."""
    s = compact(label)
    for pattern, key in _REQUEST_ROW_PATTERNS:
        if pattern.search(s):
            return key
    if "合计" in s and request_group(s) in (None, "results"):
        return "total_processed"  # （七）合计; a 不予公开合计 row is a group subtotal, not the total
    bare = strip_ordinal(s)
    if bare in ("其他", "其它"):
        return "other.other"
    if "其他处理" in s or "其它处理" in s:
        return "other.total"
    return None


@lru_cache(maxsize=4096)
def request_group(label: str) -> str | None:
    s = compact(label)
    for word, key in _REQUEST_GROUPS:
        if word in s:
            return key
    return None


@lru_cache(maxsize=4096)
def proactive_row(label: str) -> str | None:
    s = compact(label)
    for word, key in _PROACTIVE_ROWS:
        if word in s:
            return key
    return None


@lru_cache(maxsize=4096)
def applicant_column(header: str) -> str | None:
    s = compact(header)
    for word, key in _APPLICANT_HEADERS:
        if word in s:
            return key
    if strip_ordinal(s) in ("其他", "其它", "其他组织"):
        return "other_org"
    return None

"""Which vocabulary concept (record.md `facts`) a count in a sentence gives, from the cue words around it.

A count is classified from the words before it in its clause (falling back to the words since the previous
count in the sentence), and for a few constructions from the words right after it (有1件…行政复议,
发送9条信息, 3名兼职工作人员). Specific cues (同意公开, 结转, 行政复议) beat generic ones (答复, 受理);
among equals the cue nearest the number wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workers.stages.prose.channels import clauses, proactive

# "" is a statistic given bare after its label (不予公开信息数1402): its label names it.
REQ_UNITS = frozenset({"件", "条", "份", "封", "个", "宗", "起", "人次", "项", ""})
CASE_UNITS = frozenset({"件", "起", "宗", "个", "次", "例", "项", ""})
PRO_UNITS = frozenset({"条", "件", "篇", "则", "项", "份", ""})
CONS_UNITS = frozenset({"人次", "次", "件", "个", "条", "批次", "人"})
STAFF_UNITS = frozenset({"人", "名"})
FEE_UNITS = frozenset({"元", "万元"})

# 依申请公开 names a kind of document (公开属性), not requests: it alone is no request context.
_REQUEST_CTX = re.compile(r"(?<!依)申请|答复|办结")
_DISCLOSURE_CTX = re.compile(r"信息公开|政务公开|公开工作|依申请")


@dataclass(frozen=True)
class Rule:
    concept: str
    cue: re.Pattern[str]
    tier: int
    units: frozenset[str]
    context: re.Pattern[str] | None = None  # must occur somewhere in the sentence


RULES: tuple[Rule, ...] = (
    Rule("requests.carried_over", re.compile(r"上一?年度?结转|结转上一?年"), 1, REQ_UNITS),
    Rule(
        "requests.carried_forward",
        re.compile(
            r"结转(?:至|到|入)?下一?年|转(?:入|至|到)?下一?年度?|延期至下一?年|尚未办结|未办结|(?:正在|仍在|尚在)办理"
        ),
        1,
        REQ_UNITS,
    ),
    Rule("requests.granted", re.compile(r"(?<!不)同意公开|予以公开|全部公开"), 1, REQ_UNITS, _REQUEST_CTX),
    # 区分处理后公开: the template's own name for a partial grant.
    Rule(
        "requests.partially_granted",
        re.compile(r"部分(?:同意|予以)?公开|区分处理后?(?:予以)?公开"),
        1,
        REQ_UNITS,
        _REQUEST_CTX,
    ),
    Rule("requests.denied", re.compile(r"不予公开|不同意公开"), 1, REQ_UNITS, _REQUEST_CTX),
    Rule("review.total", re.compile(r"复议"), 1, CASE_UNITS),
    Rule("litigation.total", re.compile(r"诉讼"), 1, CASE_UNITS),
    Rule("complaints.total", re.compile(r"申诉|投诉|举报"), 1, CASE_UNITS, _DISCLOSURE_CTX),
    Rule("consultations.total", re.compile(r"咨询"), 1, CONS_UNITS),
    Rule("staff.full_time", re.compile(r"专职|全职"), 1, STAFF_UNITS),
    Rule("staff.part_time", re.compile(r"(?<!专)兼职"), 1, STAFF_UNITS),
    Rule("fees.amount", re.compile(r"收费|收取|费用|处理费"), 1, FEE_UNITS),
    # 共办理…申请15件, 办理依申请公开19件, 回应依申请公开信息1条: handled, not received (the verb decides).
    Rule(
        "requests.answered",
        # The verb through to 申请 first: it must end where the bare 申请 of requests.received ends, to win the tie.
        re.compile(
            r"(?:办结|答复|(?:共|已|累计)办理)[^,;:]{0,12}申请|(?:办理|回应)(?:政府信息)?依申请公开(?:的)?(?:政府)?(?:信息)?"
            r"|答复|办结|办理完毕|处理完毕|办理完成"
        ),
        2,
        REQ_UNITS,
        re.compile("申请"),
    ),
    Rule(
        "requests.received",
        # 申请 right before the count (受理申请20件, 申请总数): 申请竣工验收备案16条 counts permits, not requests.
        re.compile(
            r"(?:收到|受理|接到|接收|新收|登记)[^,;:]*申请"
            r"|申请(?!行政复议|复议)(?:的)?(?:数|件数|总数|数量|总量|共|共计|合计|为|达)?$"
            r"|依申请公开(?:的)?(?:政府)?信息(?:数|数量)?$"
        ),
        2,
        REQ_UNITS,
    ),
    Rule("withheld.total", re.compile(r"不予公开|免[于予]公开"), 2, PRO_UNITS),
    Rule("staff.total", re.compile(r"(?:工作|从业|专兼职)?人员"), 2, STAFF_UNITS, _DISCLOSURE_CTX),
)

_RULES_BY_UNIT = {
    unit: tuple(r for r in RULES if unit in r.units) for unit in frozenset().union(*(r.units for r in RULES))
}
_NOT_A_COUNT = re.compile(r"(?:增加|减少|增长|下降|上升|提高|降低|增|减|多|少)了?$")
_RATE = re.compile(r"日均|日更新|每日|每天|平均|每周|每月|月均|年均|同比|环比")
_TRAINING = re.compile(r"培训|参训|轮训|参加|会议|代表|委员")
# What the unit counts when a noun follows it (6个频道, 六个部分): not one of our concepts.
_COUNTS_OTHER = re.compile(
    r"^(?:频道|栏目|专栏|专题|窗口|受理点|点|平台|场所|部门|单位|乡镇|街道|工作日|环节|方面|类|部分|百分点|月|季度|年|批|方向|"
    r"重点|领域|渠道|方式|形式|目录|制度|措施|文件)"
)
_CONCEPT_NOUN = re.compile(
    r"^(?:的)?(?:政府|政务|申请|信息|案|行政|依申请|咨询|投诉|举报|申诉|人员|工作人员|专职|兼职|专兼职|涉及)"
)
# 2件转入下一年度办理, 其余22件结转至2014年办理: carried forward, said after the number.
_CARRIED_AFTER = re.compile(
    r"^(?:申请)?(?:(?:结转|转入|转至|转到|延期至|延至|顺延至|顺延到)(?:至|到|入)?(?:下一?年度?|\d{4}年)"
    r"|(?:正在|仍在|尚在|尚未)(?:办理|办结|处理))"
)
_STAFF_NOUN = re.compile(r"^(?:的)?(专兼职|专职|兼职)?(?:的)?(?:工作|业务)?(?:人员|信息员|联络员)(专兼职|专职|兼职)?")
_OPENS_WITH_COUNT = re.compile(r"(?:有|收到|受理|接到|共|发生|办结|答复)的?$")
_REVIEW = re.compile(r"复议")
_LITIGATION = re.compile(r"诉讼")
_REQUEST = re.compile(r"申请(?!行政复议|复议)")
_ANSWERED = re.compile(r"办结|答复|办理完毕")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Scope: a running total since some earlier date is not the year's figure (历年累计主动公开…837条,
# 截止2014年12月25日,…累计…805条); a plain 累计 is the year's running total (全年累计, 2016年度,…累计…).
_CUMULATIVE = re.compile(r"历年|以来|至今|截[至止]目前")
_SINCE = re.compile(r"截[至止]\d{4}年")
_THIS_YEAR = re.compile(r"全年|本年|今年|年度内")
_MULTI_YEAR = re.compile(r"近\s*(?:\d+|[两三四五六七八九十])\s*年(?!度)")
_NEW_COLUMN = re.compile(r"(?:开设|设立|增设|新设|开辟|新开)[^,;。]{0,12}?(?:专栏|栏目|专题)")
# …累计主动公开政府信息1568条,…,其中2018年度…181条: the year's figure given as a share makes the 累计 all years'.
_YEAR_SHARE = re.compile(r"^[^。]{0,24}?其中[^,;。\d]{0,4}\d{4}年")
# Documents made (制作、获取政府信息总数473条) are counted before any is published: no concept of ours.
_MADE = re.compile(r"(?:制作|制发|获取|产生|生成|形成)[^,;:]{0,12}(?:信息|文件|公文)")
# A list of documents by their disclosure kind (主动公开123条,依申请公开信息数245条,不予公开信息数105条):
# 依申请公开 there counts documents, not requests (but 办理依申请公开19件 handles requests).
_BY_DISCLOSURE_KIND = re.compile(
    r"(?<!办理|回应)依申请公开(?:的)?(?:政府)?(?:信息|文件|公文)?(?:数|数量)?(?:为)?$|依申请公开(?:及|和|与)"
)
_KIND_LIST = re.compile(r"主动公开[^。;]{0,20}?\d")
# Another service's counts (12345便民投诉平台受理…咨询877件, 窗口受理申请136437件) are not disclosure figures.
_OTHER_SERVICE = re.compile(r"12345|热线|便民[^,;:]{0,6}平台|服务窗口|办事窗口|政务服务中心")
# A clause this short (共受理3件) takes its topic from the clauses before it.
_SHORT_CLAUSE = 8


def _pick(rules: list[tuple[Rule, int]]) -> str | None:
    if not rules:
        return None
    best_tier = min(rule.tier for rule, _ in rules)
    return max((r for r in rules if r[0].tier == best_tier), key=lambda r: r[1])[0].concept


@lru_cache(maxsize=8)
def _in_context(topic: re.Pattern[str], context: str) -> bool:
    # Every count of a sentence is classified against the same context: each topic is looked for once per sentence.
    return topic.search(context) is not None


def _match_rules(text: str, unit: str, context: str) -> list[tuple[Rule, int]]:
    found = []
    for rule in _RULES_BY_UNIT.get(unit, ()):
        if (rule.context and not _in_context(rule.context, context)) or not rule.cue.search(text):
            continue
        *_, last = rule.cue.finditer(text)
        found.append((rule, last.end()))
    return found


def _right_cue(clause_before: str, right: str, unit: str, sentence: str) -> str | None:
    """有1件涉及…行政复议, 受理的1154件申请已全部办结, 3名兼职工作人员: the cue after the number."""
    clause = clauses(right)[0]
    if unit in STAFF_UNITS:
        m = _STAFF_NOUN.match(clause)
        if m and _DISCLOSURE_CTX.search(sentence + clause):
            kind = m.group(1) or m.group(2) or ""  # 3名兼职人员, 2名人员兼职从事…
            return {"专职": "staff.full_time", "兼职": "staff.part_time"}.get(kind, "staff.total")
        return None
    if unit in REQ_UNITS and _CARRIED_AFTER.match(clause):
        return "requests.carried_forward"
    lead = clause_before.strip()
    # A count that opens its clause (…；8件申请均已答复) takes its topic from the words after it.
    if lead and not _OPENS_WITH_COUNT.search(lead):
        return None
    if unit in CASE_UNITS and _REVIEW.search(clause):
        return "review.total"
    if unit in CASE_UNITS and _LITIGATION.search(clause):
        return "litigation.total"
    if unit in REQ_UNITS and _REQUEST.search(clause):
        return "requests.answered" if _ANSWERED.search(clause) else "requests.received"
    return None


def classify(
    left: str,
    right: str,
    unit: str,
    sentence: str,
    chinese: bool = False,
    context: str | None = None,
    before: str | None = None,
) -> str | None:
    """The concept of a count: `left` is the text before it (since the previous count), `right` the text after.

    `context` (default: the sentence) is where a rule's topic may be named: a sentence that continues the one
    before it (已办结123件。其中同意公开98件) speaks of the requests named there. `before` (default: `left`) is
    the sentence up to the count: a scope set there (近3年, 开设…专栏) holds for every count after it.
    """
    context = context or sentence
    before = left if before is None else before
    clause = clauses(left)[-1]
    if _NOT_A_COUNT.search(left) or _RATE.search(clause) or _COUNTS_OTHER.match(right):
        return None
    if (_CUMULATIVE.search(clause) or ("累计" in clause and _SINCE.search(left))) and not _THIS_YEAR.search(clause):
        return None
    if "累计" in clause and _YEAR_SHARE.match(right):
        return None
    if _MULTI_YEAR.search(before) and not _THIS_YEAR.search(clause):
        return None  # 近3年共受理信息公开申请2件,1件通过邮寄…: the figures of several years
    made = _MADE.search(clause) if unit in PRO_UNITS else None
    # 共主动公开当年生成的各类政府信息47条: a publishing verb right before the documents made governs them.
    if made and "公开" not in clause[max(0, made.start() - 6) :]:
        return None
    if _OTHER_SERVICE.search(clause):
        return None
    if _BY_DISCLOSURE_KIND.search(clause) and _KIND_LIST.search(sentence):
        return None
    if chinese and _HAN.match(right) and not _CONCEPT_NOUN.match(right):
        return None
    if unit in STAFF_UNITS and _TRAINING.search(sentence):
        return None
    if unit in STAFF_UNITS:
        by_noun = _right_cue(clause, right, unit, sentence)
        if by_noun:
            return by_noun
    concept = _pick(_match_rules(clause, unit, context)) or _right_cue(clause, right, unit, sentence)
    if concept is None and len(clause) <= _SHORT_CLAUSE:
        concept = _pick(_match_rules(left, unit, context))
    if concept is None and unit in PRO_UNITS:
        concept = proactive(left, right)
        # 开设"行政执法公示"专栏,…共公开632条: what a column opened for one topic carries is a share of the year's
        # (of its site's too), unless it is the disclosure column itself.
        if concept and (column := _NEW_COLUMN.search(before)) and "信息公开" not in column.group():
            concept = None
    return concept

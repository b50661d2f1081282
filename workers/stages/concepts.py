"""Which vocabulary concept (record.md `facts`) a count in a sentence gives, from the cue words around it.

A count is classified from the words before it in its clause (falling back to the words since the previous
count in the sentence), and for a few constructions from the words right after it (有1件…行政复议,
发送9条信息, 3名兼职工作人员). Specific cues (同意公开, 结转, 行政复议) beat generic ones (答复, 受理);
among equals the cue nearest the number wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REQ_UNITS = frozenset({"件", "条", "份", "封", "个", "宗", "起", "人次", "项"})
CASE_UNITS = frozenset({"件", "起", "宗", "个", "次", "例", "项"})
PRO_UNITS = frozenset({"条", "件", "篇", "则", "项"})
CONS_UNITS = frozenset({"人次", "次", "件", "个", "条", "批次", "人"})
STAFF_UNITS = frozenset({"人", "名"})
FEE_UNITS = frozenset({"元", "万元"})

_REQUEST_CTX = re.compile(r"申请|答复|办结")
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
        re.compile(r"结转(?:至|到|入)?下一?年|转(?:入|至|到)?下一?年度?|延期至下一?年"),
        1,
        REQ_UNITS,
    ),
    Rule("requests.granted", re.compile(r"同意公开|予以公开|全部公开"), 1, REQ_UNITS, _REQUEST_CTX),
    Rule("requests.partially_granted", re.compile(r"部分(?:同意|予以)?公开"), 1, REQ_UNITS, _REQUEST_CTX),
    Rule("requests.denied", re.compile(r"不予公开|不同意公开"), 1, REQ_UNITS, _REQUEST_CTX),
    Rule("review.total", re.compile(r"复议"), 1, CASE_UNITS),
    Rule("litigation.total", re.compile(r"诉讼"), 1, CASE_UNITS),
    Rule("complaints.total", re.compile(r"申诉|投诉|举报"), 1, CASE_UNITS, _DISCLOSURE_CTX),
    Rule("consultations.total", re.compile(r"咨询"), 1, CONS_UNITS),
    Rule("staff.full_time", re.compile(r"专职"), 1, STAFF_UNITS),
    Rule("staff.part_time", re.compile(r"兼职"), 1, STAFF_UNITS),
    Rule("fees.amount", re.compile(r"收费|收取|费用|处理费"), 1, FEE_UNITS),
    Rule("requests.answered", re.compile(r"答复|办结|办理完毕|处理完毕|办理完成"), 2, REQ_UNITS, re.compile("申请")),
    Rule(
        "requests.received",
        re.compile(r"(?:收到|受理|接到|接收|新收|登记)[^,;:]*申请|申请(?!行政复议|复议)[^,;:]{0,6}$"),
        2,
        REQ_UNITS,
    ),
    Rule("withheld.total", re.compile(r"不予公开"), 2, PRO_UNITS),
    Rule("staff.total", re.compile(r"(?:工作|从业|专兼职)?人员"), 2, STAFF_UNITS, _DISCLOSURE_CTX),
)

_NOT_A_COUNT = re.compile(r"(?:增加|减少|增长|下降|上升|提高|降低|增|减|多|少)了?$")
_RATE = re.compile(r"日均|日更新|每日|每天|平均|每周|每月|月均|年均|同比|环比")
_TRAINING = re.compile(r"培训|参训|轮训|参加|会议|代表|委员")
# What the unit counts when a noun follows it (6个频道, 六个部分): not one of our concepts.
_COUNTS_OTHER = re.compile(
    r"^(?:频道|栏目|专栏|专题|窗口|受理点|点|平台|场所|部门|单位|乡镇|街道|工作日|环节|方面|类|部分|百分点|月|季度|年|批|方向|"
    r"重点|领域|渠道|方式|形式|目录|制度|措施|文件)"
)
_CONCEPT_NOUN = re.compile(
    r"^(?:的)?(?:政府|政务|申请|信息|案|行政|依申请|咨询|投诉|举报|申诉|人员|工作人员|专职|兼职|涉及)"
)
# A clause this short (共受理3件) takes its topic from the clauses before it.
_SHORT_CLAUSE = 8

# The channels of proactive disclosure, and what a count of published items looks like.
CHANNELS = (
    ("proactive.website", re.compile(r"网站|门户|网页|政府网|网上")),
    ("proactive.weibo", re.compile(r"微博")),
    ("proactive.wechat", re.compile(r"微信|公众号")),
    ("proactive.media", re.compile(r"报刊|报纸|广播|电视|媒体|电台|日报")),
)
_PUBLISH = re.compile(r"公开|发布|发送|推送|更新|编发|刊发|刊登|公布|播发")
_ITEM = re.compile(r"信息|文章|微博|稿件|数量|内容|动态|消息")
_ITEM_AFTER = re.compile(r"^(?:的)?(?:政府|政务|各类)?(?:信息|文章|微博|稿件)")
_NOT_PROACTIVE = re.compile(
    r"申请|复议|诉讼|咨询|访问|浏览|点击|粉丝|关注|阅读|转发|评论|点赞|观看|培训|会议|规范性文件|视频|栏目|专栏|专题|"
    r"简报|短信|预警|建议|提案|信件|来信|留言|诉求|政策(?!信息)"
)
_PREPOSITION = re.compile(r"^(?:通过|在|依托|利用|借助|经)")


def _clauses(left: str) -> list[str]:
    return re.split(r"[,;:]", left)


def _pick(rules: list[tuple[Rule, int]]) -> str | None:
    if not rules:
        return None
    best_tier = min(rule.tier for rule, _ in rules)
    return max((r for r in rules if r[0].tier == best_tier), key=lambda r: r[1])[0].concept


def _match_rules(text: str, unit: str, sentence: str) -> list[tuple[Rule, int]]:
    found = []
    for rule in RULES:
        if unit not in rule.units or (rule.context and not rule.context.search(sentence)):
            continue
        ends = [m.end() for m in rule.cue.finditer(text)]
        if ends:
            found.append((rule, ends[-1]))
    return found


def proactive(left: str, right: str) -> str | None:
    """proactive.total or one channel, for a count of published items; None when it counts something else."""
    clauses = _clauses(left)
    clause = clauses[-1]
    if _NOT_PROACTIVE.search(clause) or _RATE.search(clause) or not _PUBLISH.search(clause):
        return None
    if not (_ITEM.search(clause) or _ITEM_AFTER.match(right)):
        return None
    scope = clause
    if len(clauses) > 1 and _PREPOSITION.match(clauses[-2]) and not _PUBLISH.search(clauses[-2]):
        scope = clauses[-2] + clause
    channels = [name for name, pattern in CHANNELS if pattern.search(scope)]
    if len(channels) == 1:
        return channels[0]
    return "proactive.total" if "公开" in clause else None


def _right_cue(left: str, right: str, unit: str, sentence: str) -> str | None:
    """有1件涉及…行政复议, 受理的1154件申请已全部办结, 3名兼职工作人员: the cue after the number."""
    clause = _clauses(right)[0]
    if unit in STAFF_UNITS:
        m = re.match(r"^(?:的)?(专职|兼职)?(?:的)?(?:工作)?人员", clause)
        if m and _DISCLOSURE_CTX.search(sentence + clause):
            return {"专职": "staff.full_time", "兼职": "staff.part_time"}.get(m.group(1) or "", "staff.total")
        return None
    if not re.search(r"(?:有|收到|受理|接到|共|发生|办结|答复)的?$", _clauses(left)[-1]):
        return None
    if unit in CASE_UNITS and re.search(r"复议", clause):
        return "review.total"
    if unit in CASE_UNITS and re.search(r"诉讼", clause):
        return "litigation.total"
    if unit in REQ_UNITS and re.search(r"申请(?!行政复议|复议)", clause):
        return "requests.answered" if re.search(r"办结|答复|办理完毕", clause) else "requests.received"
    return None


def classify(left: str, right: str, unit: str, sentence: str, chinese: bool = False) -> str | None:
    """The concept of a count: `left` is the text before it (since the previous count), `right` the text after."""
    if _NOT_A_COUNT.search(left) or _RATE.search(_clauses(left)[-1]) or _COUNTS_OTHER.match(right):
        return None
    if chinese and re.match(r"[\u4e00-\u9fff]", right) and not _CONCEPT_NOUN.match(right):
        return None
    if unit in STAFF_UNITS and _TRAINING.search(sentence):
        return None
    clause = _clauses(left)[-1]
    if unit in STAFF_UNITS:
        by_noun = _right_cue(left, right, unit, sentence)
        if by_noun:
            return by_noun
    concept = _pick(_match_rules(clause, unit, sentence)) or _right_cue(left, right, unit, sentence)
    if concept is None and len(clause) <= _SHORT_CLAUSE:
        concept = _pick(_match_rules(left, unit, sentence))
    if concept is None and unit in PRO_UNITS:
        concept = proactive(left, right)
    return concept


def channel_of(window: str) -> str | None:
    """The one channel a breakdown item names (其中网站300条, 微博200条), if exactly one."""
    found = [name for name, pattern in CHANNELS if pattern.search(window)]
    return found[0] if len(found) == 1 else None


# Statements of zero: 没有/未发生/无 followed by the thing, or the thing followed by ':无' / '为零'.
_NEG = re.compile(
    r"没有|未发生|未收到|未接到|未产生|未出现|未有|尚无|尚未发生|未曾|未受理|未收取|未涉及|不存在|"
    r"无(?!法|正当|关|须|需|论|力|误|偿|效|缝|障碍|纸|人|线|不)"
)
_FEE_OBJECT = re.compile(r"收费|收取|费用|减免")
_FREE = re.compile(r"(?:全部|均|一律|全部实行|实行)免费|免费(?:提供|公开)")
ZERO_CUES = (
    ("requests.received", re.compile(r"依申请|(?:公开|信息)的?申请|申请公开|要求公开")),
    ("withheld.total", re.compile(r"不予公开")),
    ("review.total", re.compile(r"复议")),
    ("litigation.total", re.compile(r"诉讼")),
    ("complaints.total", re.compile(r"申诉|投诉|举报")),
    ("consultations.total", re.compile(r"咨询")),
)
_TRAILING_NONE = re.compile(r"(?:[:：]\s*(?:无|没有)|(?:为|是)\s*(?:零|无|0(?![\d.])))[。.]?$")


def _zero_concepts(obj: str) -> list[str]:
    if _FEE_OBJECT.search(obj):
        return ["fees.amount"]
    found = [concept for concept, cue in ZERO_CUES if cue.search(obj)]
    if "review.total" in found or "litigation.total" in found:
        found = [c for c in found if c != "requests.received"]
    return found


def zeros(sentence: str) -> list[str]:
    """Concepts that a sentence states to be zero (没有依申请公开…, 收费情况:无, 全部免费)."""
    out: list[str] = []
    for clause in re.split(r"[,;]", sentence):
        trailing = _TRAILING_NONE.search(clause)
        if trailing:
            out += _zero_concepts(clause[: trailing.start()])
            continue
        m = _NEG.search(clause)
        if m:
            out += _zero_concepts(clause[m.end() :])
        elif _FREE.search(clause) and re.search(r"公开|申请", sentence):
            out.append("fees.amount")
    return list(dict.fromkeys(out))

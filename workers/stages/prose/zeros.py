"""Statements of zero: 没有/未发生/无 followed by the thing, the thing followed by ':无' / '为零', 全部免费,
or a bare '无。' answering the heading above it."""

from __future__ import annotations

import re

_NEG = re.compile(
    r"未被(?=提起|申请|起诉)|没有|未发生|未收到|未接到|未产生|未出现|未有|尚无|尚未发生|未曾|未受理|未收取|未涉及|不存在|"
    r"未(?:对|向)[^,;。]{0,20}?收取|"
    # 无法, 无正当理由, 无不… are not negations of a count; 无不予公开 is.
    r"无(?!法|正当|关|须|需|论|力|误|偿|效|缝|障碍|纸|人|线|不(?!予公开))"
)
_FEE_OBJECT = re.compile(r"收费|收取|费用|减免|处理费|检索费|复制费|工本费|邮寄费")
_FREE = re.compile(
    r"(?:全部|均|一律|全部实行|实行)免费|免费(?:提供|公开)|(?:暂不|从未|从不|不)(?:进行|予)?收费"
    r"|不(?:向[^,;。]{0,12}?)?收取(?:任何)?(?:费用|信息处理费)"
)
ZERO_CUES = (
    ("requests.received", re.compile(r"依申请|(?:公开|信息)的?申请|申请公开|要求公开")),
    ("withheld.total", re.compile(r"不予公开")),
    ("review.total", re.compile(r"复议")),
    ("litigation.total", re.compile(r"诉讼")),
    ("complaints.total", re.compile(r"申诉|投诉|举报")),
    ("consultations.total", re.compile(r"咨询")),
)
_TRAILING_NONE = re.compile(r"(?:[:：]\s*(?:无|没有)|(?:为|是)\s*(?:零|无|0(?![\d.])))[。.]?$")
# A sentence that only says "none": it answers the heading it follows (四、不予公开政府信息情况 / 无。).
BARE_NONE = re.compile(
    r"^\s*(?:本年度?|全年|今年|\d{4}年度?)?[,，]?(?:我[局委办镇乡县区市]|本(?:单位|机关|部门))?"
    r"(?:(?:无|没有|暂无|未发生|没有发生|均未发生|未出现)(?:此类|该类|这类|上述|相关|类似)?(?:情况|事项|案件|情形|申请)?"
    r"|未收费|不收费|未收取(?:任何)?费用)(?:发生)?[。.;；]?\s*$"
)


# Every statement of zero above holds one of these characters; most sentences hold none and are passed over.
_MAY_SAY_ZERO = re.compile(r"[未没尚不无零0免从暂]")
_CLAUSE_BREAK = re.compile(r"[,;]")
_ABOUT_DISCLOSURE = re.compile(r"公开|申请")


# 未发生…复议纠错或…诉讼败诉: no case was lost, which says nothing of how many cases there were; 没有应公开而不予
# 公开的情况: nothing withheld wrongly, whatever was withheld rightly.
_QUALIFIED = re.compile(r"纠错|纠正|败诉|撤销|确认违法|被改变|被责令|应(?:当)?公开而(?:不予|未)公开")


def zero_concepts(obj: str) -> list[str]:
    """The concepts a phrase names as the thing that did not happen (收费 wins: 依申请公开收费 is about fees)."""
    if _FEE_OBJECT.search(obj):
        return ["fees.amount"]
    if _QUALIFIED.search(obj):
        return []
    found = [concept for concept, cue in ZERO_CUES if cue.search(obj)]
    if "review.total" in found or "litigation.total" in found:
        found = [c for c in found if c != "requests.received"]
    return found


def zeros(sentence: str) -> list[str]:
    """Concepts that a sentence states to be zero (没有依申请公开…, 收费情况:无, 全部免费)."""
    if not _MAY_SAY_ZERO.search(sentence):
        return []
    out: list[str] = []
    for clause in _CLAUSE_BREAK.split(sentence):
        if not _MAY_SAY_ZERO.search(clause):
            continue
        trailing = _TRAILING_NONE.search(clause)
        if trailing:
            out += zero_concepts(clause[: trailing.start()])
            continue
        m = _NEG.search(clause)
        if m:
            found = zero_concepts(clause[m.end() :])
            if "withheld.total" in found and "申请" in clause[: m.start()]:
                # 收到的信息公开申请没有"不予公开"的: no request was denied (documents withheld are another count).
                found = ["requests.denied" if c == "withheld.total" else c for c in found]
            out += found
        elif _FREE.search(clause) and _ABOUT_DISCLOSURE.search(sentence):
            out.append("fees.amount")
    return list(dict.fromkeys(out))

"""Chinese names for what a page shows: concepts, check statuses, and the template tables' rows and columns.

The record's keys stay visible next to these names (in titles and data attributes): the names are for the
reader who knows the template, the keys for the one who knows record.md.
"""

from __future__ import annotations

from workers.stages.tables.identities import COLUMN_NAMES, ROW_NAMES

CONCEPTS = {
    "proactive.total": "主动公开总数",
    "proactive.website": "网站公开",
    "proactive.weibo": "微博公开",
    "proactive.wechat": "微信公开",
    "proactive.media": "媒体公开",
    "requests.received": "收到申请",
    "requests.carried_over": "上年结转",
    "requests.answered": "办结申请",
    "requests.granted": "同意公开",
    "requests.partially_granted": "部分公开",
    "requests.denied": "不予公开",
    "requests.carried_forward": "结转下年",
    "withheld.total": "不予公开信息",
    "fees.amount": "收费",
    "review.total": "行政复议",
    "litigation.total": "行政诉讼",
    "complaints.total": "申诉投诉",
    "consultations.total": "咨询",
    "staff.total": "工作人员",
    "staff.full_time": "专职人员",
    "staff.part_time": "兼职人员",
}

STATUS = {"fail": "不通过", "uncertain": "存疑", "pass": "通过", "not_applicable": "不适用"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
SEMANTIC = {
    "number": "数字",
    "zero": "零",
    "blank": "空白",
    "dash": "横线",
    "slash": "斜线",
    "na": "无",
    "text": "文字",
    "missing": "未读出",
}

TABLE_TITLES = {
    "proactive": "表二 主动公开政府信息情况",
    "requests": "表三 收到和处理政府信息公开申请情况",
    "review_litigation": "表四 政府信息公开行政复议、行政诉讼情况",
    "extra_rows": "表三以外的行（模板没有的小计等）",
}

PROACTIVE_ROWS = {
    "regs": "规章",
    "normative_docs": "行政规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "admin_fees": "行政事业性收费",
    "procurement": "政府集中采购",
}
PROACTIVE_COLUMNS = {
    "made": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "total_published": "对外公开总数量",
    "prev_items": "上一年项目数量",
    "change": "本年增/减",
    "decisions": "本年处理决定数量",
    "amount": "金额",
    "admin_fees.amount": "本年收费金额（单位：万元）",
    "procurement.amount": "采购总金额",
    "items": "采购项目数量",
}
# Table 二 prints one group per article item (第二十条第（一）项 ...), each with its own column heads.
PROACTIVE_GROUPS = {
    "F21": (("（一）", ("regs", "normative_docs")), ("（五）", ("licensing",)), ("（六）", ("penalty", "coercion")),
            ("（八）", ("admin_fees",))),
    "F19": (("（一）", ("regs", "normative_docs")), ("（五）", ("licensing", "other_services")),
            ("（六）", ("penalty", "coercion")), ("（八）", ("admin_fees",)), ("（九）", ("procurement",))),
}  # fmt: skip

REQUEST_ROWS = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied.state_secret": "1.属于国家秘密",
    "denied.law_prohibited": "2.其他法律行政法规禁止公开",
    "denied.three_security_one_stability": "3.危及“三安全一稳定”",
    "denied.third_party_rights": "4.保护第三方合法权益",
    "denied.internal_affairs": "5.属于三类内部事务信息",
    "denied.process_info": "6.属于四类过程性信息",
    "denied.enforcement_file": "7.属于行政执法案卷",
    "denied.admin_inquiry": "8.属于行政查询事项",
    "unable.not_held": "1.本机关不掌握相关政府信息",
    "unable.needs_creation": "2.没有现成信息需要另行制作",
    "unable.unclear": "3.补正后申请内容仍不明确",
    "not_processed.petition_complaint": "1.信访举报投诉类申请",
    "not_processed.duplicate": "2.重复申请",
    "not_processed.publication": "3.要求提供公开出版物",
    "not_processed.mass_repeated": "4.无正当理由大量反复申请",
    "not_processed.confirm_or_reissue": "5.要求行政机关确认或重新出具已获取信息",
    "other.overdue_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.overdue_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.other": "3.其他",
    "other.total": "（六）其他处理",
    "total_processed": "（七）总计",
    "carried_forward": "四、结转下年度继续办理",
}
REQUEST_GROUPS = {"denied": "（三）不予公开", "unable": "（四）无法提供", "not_processed": "（五）不予处理",
                  "other": "（六）其他处理"}  # fmt: skip
REVIEW_COLUMNS = {"maintained": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
                  "total": "总计"}  # fmt: skip


def split_path(path: str) -> tuple[str, str, str]:
    """'requests.denied.state_secret.total' -> ('requests', 'denied.state_secret', 'total')."""
    table, _, rest = path.partition(".")
    row, _, column = rest.rpartition(".")
    return table, row, column


def cell_name(path: str) -> str:
    """A cell as a reader of the template names it, e.g. '本年新收·自然人' or '不予公开1.属于国家秘密·总计'."""
    table, row, column = split_path(path)
    if table == "proactive":
        return f"{PROACTIVE_ROWS.get(row, row)}·{proactive_column(row, column)}"
    if table == "review_litigation":
        return f"{ROW_NAMES.get(row, row)}·{REVIEW_COLUMNS.get(column, column)}"
    if row in ROW_NAMES:
        name = ROW_NAMES[row]
    else:
        group = REQUEST_GROUPS.get(row.partition(".")[0], "") if "." in row else ""
        name = _bare(group) + _bare(REQUEST_ROWS.get(row, row))[:12]
    return f"{name}·{COLUMN_NAMES.get(column, column)}"


def proactive_column(row: str, column: str) -> str:
    """A table 二 column head; the same key (amount) is headed differently in different rows."""
    return PROACTIVE_COLUMNS.get(f"{row}.{column}", PROACTIVE_COLUMNS.get(column, column))


def _bare(label: str) -> str:
    return label.split("）", 1)[-1] if label.startswith("（") else label

"""Counts of proactively published items: proactive.total, or the one channel (website, weibo, wechat, media).

A count is a publication figure when its clause publishes (公开, 发布, 推送…) items (信息, 文章…) and is not
about something else (requests, visits, training, a topic subset such as 重点领域). It belongs to a channel
when exactly one channel is named and no other outlet (公开栏, 等渠道…) shares the figure.
"""

from __future__ import annotations

import re

CHANNELS = (
    # A site may call itself a 网 (平潭公安公众服务网, 某某信息网); 信息网络 and 服务网格 are no sites.
    ("proactive.website", re.compile(r"网站|门户|网页|政府网|网上|上网|(?:公众服务|信息)网(?![格点络])")),
    ("proactive.weibo", re.compile(r"微博")),
    ("proactive.wechat", re.compile(r"微信|公众号")),
    # 政府公报 and 政务新媒体 are not the press.
    ("proactive.media", re.compile(r"(?<!公)报刊|报纸|广播|电视|(?<!新)媒体|电台|日报")),
)
# Outlets outside the vocabulary's channels: a figure shared with them is the total, not a channel's.
_BOARDS = r"公开栏|公示栏|公告栏|宣传栏|显示屏|电子屏|查阅点|明白纸"
_PLACES = r"查阅室|档案馆|图书馆|服务大厅"
_SHARED = r"等(?:多种|各种)?(?:渠道|途径|形式|方式|平台|载体)"
_OTHER_OUTLET = re.compile(f"{_BOARDS}|{_PLACES}|{_SHARED}")
_ONE_OTHER_OUTLET = re.compile(_BOARDS)
_ALL_OUTLETS = re.compile(f"{_SHARED}|各类|多种")
_PUBLISH = re.compile(r"公开|发布|发送|推送|更新|编发|刊发|刊登|公布|播发|发表|报道")
_ITEM = re.compile(r"信息|文章|微博|稿件|数量|内容|动态|消息")
_ITEM_AFTER = re.compile(r"^(?:的)?(?:政府|政务|各类)?(?:信息|文章|微博|稿件)")
# The thing counted, named after the count with its outlet or topic in front (244篇公众号信息, 62篇…工作动态).
_NOUN_AFTER = re.compile(r"^[^,;:。]{0,10}?(?:信息|文章|稿件|动态|消息)")
# A clause ending in the verb alone (其中主动公开54条): the items are named by the total it breaks down.
_BARE_VERB = re.compile(r"主动公开(?:的)?$")
_NOT_PROACTIVE = re.compile(
    r"申请|复议|诉讼|咨询|访问|浏览|点击|粉丝|关注|阅读|转发|评论|点赞|观看|培训|会议|规范性文件|视频|"
    r"简报|短信|预警|建议|提案|信件|来信|留言|诉求|政策(?!信息)|重点领域|拟公开|审查|审核"
)
# 2022年共发布信息2479条: all the information published, whatever the verb.
_ALL_PUBLISHED = re.compile(r"共(?:发布|公布)(?:各类)?(?:政府|政务)?信息$")
_RATE = re.compile(r"日均|日更新|每日|每天|平均|每周|每月|月均|年均|同比|环比")
_PREPOSITION = re.compile(r"^(?:通过|在|依托|利用|借助|经)")
# 发布365篇《…天天报》系列文章: one named series, a share of what its outlet published.
_SERIES_AFTER = re.compile(r"^[^,;:。]{0,6}?《[^》]{1,60}》(?:系列|专栏|栏目|专题)")
# 发布55条涉农补贴信息, 共公开51条疫情防控相关信息: items on one topic, a share of the year's.
# (与群众利益密切相关的政府信息 is every item, not a topic's: a topic is named right before 相关.)
_TOPIC = (
    r"(?:涉[^,;:。的]{1,6}|[^,;:。的]{1,8}(?<!密切)(?<!息息)(?<!紧密)相关)(?:政府|政务)?(?:信息|文章|稿件|动态|消息)"
)
_TOPIC_AFTER = re.compile(rf"^[^,;:。]{{0,3}}?{_TOPIC}")
_TOPIC_BEFORE = re.compile(rf"{_TOPIC}(?:共|合计)?$")
# Titles of documents (《…公开规定》) name things; their words are no cues.
_BOOK_TITLE = re.compile(r"《[^》]{0,40}》")


_CLAUSE_BREAK = re.compile(r"[,;:]")


def clauses(left: str) -> list[str]:
    return _CLAUSE_BREAK.split(left)


def proactive(left: str, right: str) -> str | None:
    """proactive.total or one channel, for a count of published items; None when it counts something else."""
    if _SERIES_AFTER.match(right) or _TOPIC_AFTER.match(right):
        return None
    parts = clauses(left)
    clause = parts[-1]
    bare = _BOOK_TITLE.sub("《》", clause)
    if _NOT_PROACTIVE.search(bare) or _RATE.search(bare) or not _PUBLISH.search(bare) or _TOPIC_BEFORE.search(bare):
        return None
    scope = clause
    if len(parts) > 1 and _PREPOSITION.match(parts[-2]) and not _PUBLISH.search(parts[-2]):
        scope = parts[-2] + clause
    noun = _NOUN_AFTER.match(right)
    if noun:
        scope += noun.group()
    channels = [name for name, pattern in CHANNELS if pattern.search(scope)]
    if not channels and len(parts) > 1:
        # 我局通过政府门户网站主动公开…,全年公开政府信息共228条: a clause naming no outlet continues the one
        # before it (no count stands between them, `left` starts after the previous count).
        channels = [name for name, pattern in CHANNELS if pattern.search(parts[-2])]
        scope = parts[-2] + clause
    # 公众号推送345条: on weibo and wechat the items are posts; a website also carries cases, forms, files.
    has_item = _ITEM.search(bare) or _ITEM_AFTER.match(right) or noun or _BARE_VERB.search(bare)
    if not (has_item or {"proactive.weibo", "proactive.wechat"} & set(channels)):
        return None
    if len(channels) == 1 and not _OTHER_OUTLET.search(scope):
        return channels[0]
    # 通过宣传栏公开信息100余条: one outlet outside the vocabulary's channels gives a part, not the total.
    if not channels and _ONE_OTHER_OUTLET.search(scope) and not _ALL_OUTLETS.search(scope):
        return None
    return "proactive.total" if "公开" in bare or _ALL_PUBLISHED.search(bare) else None


def channel_of(window: str) -> str | None:
    """The one channel a breakdown item names (其中网站300条, 微博200条), if exactly one."""
    found = [name for name, pattern in CHANNELS if pattern.search(window)]
    return found[0] if len(found) == 1 else None

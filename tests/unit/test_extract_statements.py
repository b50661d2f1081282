"""Statements read as who did what to how many, in which scope (workers/stages/prose): the sentence shapes
are the ones the real reports of ../shared/corpus2 print, rewritten with other bodies and figures."""

from __future__ import annotations

from tests.unit.test_extract import facts_of, pairs


def test_a_running_total_since_an_earlier_year_is_not_the_years_figure() -> None:
    got = pairs("2017年度,主动公开政府信息457条,历年累计主动公开政府信息837条。")
    assert got == {("proactive.total", 457)}


def test_a_total_accumulated_up_to_a_date_is_not_the_years_figure() -> None:
    got = pairs("截止2014年12月25日,我局在门户网站累计主动公开政府信息805条。其中2014年度我局共主动公开政府信息360条。")
    assert got == {("proactive.total", 360)}


def test_the_years_running_total_is_the_years_figure() -> None:
    assert pairs("2016年度,我县围绕中心工作,累计主动公开政府信息1877条。") == {("proactive.total", 1877)}


def test_documents_listed_by_their_disclosure_kind_are_not_requests() -> None:
    got = pairs(
        "2022年制作、获取政府信息总数473条,其中主动公开政府信息123条,依申请公开信息数245条,不予公开信息数105条。"
    )
    assert ("requests.received", 245) not in got and ("proactive.total", 473) not in got
    assert ("proactive.total", 123) in got and ("withheld.total", 105) in got


def test_requests_said_as_依申请公开_alone_are_still_requests() -> None:
    assert pairs("2015年,我局依申请公开政府信息0条。") == {("requests.received", 0)}


def test_an_application_for_a_permit_is_not_a_disclosure_request() -> None:
    assert pairs("全年公开施工许可证76条、申请竣工验收备案16条等。") == set()


def test_a_bare_comma_list_after_a_total_is_its_breakdown() -> None:
    [fact] = facts_of(
        "2022年,主动公开政府信息364条,人事信息17条,规划类信息1条,重大建设项目类信息308条,其他应主动公开的政府信息19条。"
    )
    assert (fact.concept, fact.value, [p.value for p in fact.parts]) == ("proactive.total", 364, [17, 1, 308, 19])


def test_a_list_announced_by_涵盖_is_a_breakdown() -> None:
    [fact] = facts_of(
        "2023年,主动公开政府信息128条,涵盖政策及规范性文件类6条、重大建设项目信息类24条、其他应主动公开的政府信息98条。"
    )
    assert [p.value for p in fact.parts] == [6, 24, 98]


def test_a_total_named_again_by_its_value_takes_the_breakdown_that_follows() -> None:
    text = (
        "我局2015年主动公开政府信息99条。(二)主动公开政府信息的类别"
        "在公开的99条信息中,规范性文件18条,占18%;工作动态81条,占82%。"
    )
    [fact] = facts_of(text)
    assert (fact.value, [p.value for p in fact.parts]) == (99, [18, 81])


def test_an_outlet_named_in_the_clause_before_is_the_channel_of_the_figure() -> None:
    got = pairs("我局通过政府门户网站主动公开应主动公开的政府信息,全年公开政府信息共228条。")
    assert got == {("proactive.website", 228)}


def test_people_said_to_work_part_time_after_the_noun_are_part_time_staff() -> None:
    assert pairs("局办公室共有2名人员兼职从事政府信息公开工作。") == {("staff.part_time", 2)}


def test_row_labels_of_a_run_on_table_state_no_zero() -> None:
    table = (
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)申请人情况自然人总计"
        "一、本年新收政府信息公开申请数量0000000二、上年结转政府信息公开申请数量0000000"
        "(五)不予处理1.信访举报投诉类申请00000002.重复申请0000000(七)总计0000000四、结转下年度继续办理0000000"
    )
    assert ("complaints.total", 0) not in pairs("三、收到和处理政府信息公开申请情况\n" + table)


def test_a_list_announced_by_主要类别包括_is_a_breakdown_and_its_shares_are_checked() -> None:
    [fact] = facts_of(
        "2013年度我局共主动公开政府信息43条,主要类别包括:其中综合工作类信息23条,占54%;社会救助类信息20条,占46%。"
    )
    assert [p.value for p in fact.parts] == [23, 20]


def test_a_pipe_inside_a_book_title_does_not_make_a_paragraph_a_table_row() -> None:
    text = (
        "一、总体情况\n截至2021年12月31日,主动公开政府信息394条。" + "我局持续推进政务公开工作。" * 20
        + "我局通过官方微信公众号发布104篇《我为群众办实事|食用农产品快速检测结果天天报》系列文章。"
    )
    assert ("proactive.total", 394) in pairs(text)


def test_more_words_that_publish_and_outlets_named_after_the_count() -> None:
    assert pairs("2020年共发布244篇公众号信息。") == {("proactive.wechat", 244)}
    assert pairs("2022年,上网发布的179条公安政府信息,均进行了发布登记备案。") == {("proactive.website", 179)}
    assert pairs("通过微信公众平台发表文章549篇。") == {("proactive.wechat", 549)}


def test_no_fee_said_as_暂不收费_or_从未收费_is_a_zero_fee() -> None:
    assert pairs("2014年我区各级工作部门依申请提供政府信息暂不收费。") == {("fees.amount", 0)}
    assert pairs("公民在我局获取政府公开信息时,从未进行收费。") == {("fees.amount", 0)}


def test_a_total_named_again_takes_its_breakdown_from_the_channel_figure_before_it() -> None:
    text = (
        "我局通过门户网站主动公开政府信息55条,依申请公开信息数0条。"
        "在主动公开的55条政府信息中,政策类信息1条,其他类信息54条。"
    )
    got = {(f.concept, f.value): [p.value for p in f.parts] for f in facts_of(text)}
    assert got[("proactive.total", 55)] == [1, 54]
    assert got[("proactive.website", 55)] == []


def test_a_list_that_runs_past_its_total_is_read_whole_so_the_wrong_sum_shows() -> None:
    [fact] = facts_of(
        "2012年,我局共主动公开当年生成的各类政府信息47条,其中,机构职责类5条;工作动态类38条;"
        "政府信息公开类3条;行政性收费类1条;其他类别信息29条。"
    )
    assert (fact.value, [p.value for p in fact.parts]) == (47, [5, 38, 3, 1, 29])


def test_another_services_counts_are_not_disclosure_figures() -> None:
    assert pairs("2019年,我局在12345便民投诉平台受理群众投诉咨询877件,办理率100%。") == set()


def test_a_note_in_brackets_is_no_breakdown_and_the_其中_after_it_is_the_totals() -> None:
    got = {(f.concept, f.value): [p.value for p in f.parts] for f in facts_of(
        "全年受理申请12件(另有3件顺延至下一年度办理),其中同意公开9件,部分公开3件。"
    )}  # fmt: skip
    assert got[("requests.received", 12)] == [9, 3] and got[("requests.carried_forward", 3)] == []
    got = {(f.concept, f.value): [p.value for p in f.parts] for f in facts_of(
        "全年共受理政府信息公开申请200件(含上年结转189件),已全部办结。"
    )}  # fmt: skip
    assert got == {("requests.received", 200): [], ("requests.carried_over", 189): []}


def test_two_totals_in_one_sentence_each_keep_their_own_figures() -> None:
    got = pairs("全年主动公开政府信息425条,受理申请20件,其中同意公开15件,不予公开5件。")
    assert ("requests.received", 20) in got and ("proactive.total", 425) in got


def test_the_verb_and_the_qualifier_decide() -> None:
    assert pairs("全年共收到申请30件,答复28件,其中同意公开20件,不同意公开8件。") >= {
        ("requests.denied", 8), ("requests.granted", 20), ("requests.answered", 28)
    }  # fmt: skip
    assert pairs("全年共办理政府信息公开申请15件。") == {("requests.answered", 15)}
    assert pairs("2018年度未发生因政府信息公开引起的行政复议纠错或行政诉讼败诉情况。") == set()
    assert pairs("全年通过宣传栏公开信息100余条。") == set()


def test_synonyms_and_bare_statistics() -> None:
    assert pairs("本年度免于公开信息3条。") == {("withheld.total", 3)}
    assert pairs("我局共有全职人员2名负责政府信息公开工作。") == {("staff.full_time", 2)}
    assert pairs("不予公开信息数1402。") == {("withheld.total", 1402)}


def test_a_list_announced_by_信息类别包括_runs_to_its_end_through_long_labels() -> None:
    [fact] = facts_of(
        "2021年我委共在门户网站公开政府信息96条,信息类别包括规章和规范性文件5条;"
        "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果11条;"
        "安全生产、应急管理类信息30条;其他应主动公开的政府信息50条。"
    )
    assert (fact.concept, fact.value, [p.value for p in fact.parts]) == ("proactive.website", 96, [5, 11, 30, 50])


def test_a_list_carried_into_the_next_sentence_is_taken_only_when_it_makes_the_total() -> None:
    [fact, website] = facts_of(
        "全年主动公开政务信息40条,其中网上公开信息25条,占总数的62.5%。通过公示栏等其它方式公开信息15条,占总数的37.5%。"
    )
    assert (fact.value, [p.value for p in fact.parts]) == (40, [25, 15])
    assert (website.concept, website.value) == ("proactive.website", 25)
    [short] = [
        f
        for f in facts_of("全年主动公开政务信息40条,其中网上公开信息25条。另通过公示栏张贴通知12条。")
        if f.concept == "proactive.total"
    ]
    assert [p.value for p in short.parts] == [25]


def test_parts_in_another_item_unit_inside_the_totals_bracket_make_its_breakdown_when_they_add_up() -> None:
    text = "全年共制作政府信息(文件)260份,其中主动公开24份(机构职能类3条,财政预决算4条,工作信息17条),依申请公开236份。"
    [fact] = [f for f in facts_of(text) if f.concept == "proactive.total"]
    assert (fact.value, [p.value for p in fact.parts]) == (24, [3, 4, 17])
    [off] = [f for f in facts_of(text.replace("工作信息17条", "工作信息16条")) if f.concept == "proactive.total"]
    assert off.parts == []


def test_a_running_total_with_the_years_share_after_it_is_all_years() -> None:
    got = pairs("年内,我局在门户网站累计主动公开政府信息2210条,全文电子化达100%,其中2019年度我局共主动公开信息240条。")
    assert got == {("proactive.total", 240)}


def test_a_site_that_calls_itself_a_网_is_the_website() -> None:
    got = pairs("2019年,依托某市交警公众服务网累计公开办事程序、服务新政等政府信息96条。")
    assert got == {("proactive.website", 96)}


def test_all_information_published_is_the_total_whatever_the_verb() -> None:
    assert pairs("2023年共发布信息1520条(含行政规范性文件12件),办结政府信息依申请公开9件。") == {
        ("proactive.total", 1520),
        ("requests.answered", 9),
    }


def test_what_a_column_opened_for_one_topic_carries_is_no_total() -> None:
    assert pairs("三是在门户网站开设“双随机一公开”专栏,今年共公开312条信息。") == set()
    assert pairs("全年通过门户网站政府信息公开专栏公开政府信息57条。") == {("proactive.website", 57)}


def test_no_fee_said_as_不收取费用_is_a_zero_fee() -> None:
    assert pairs("六、其他需要报告的事项本机关依申请提供政府信息,不收取费用。") == {("fees.amount", 0)}


def test_requests_handled_said_as_办理依申请公开_beside_the_proactive_figures_are_answered() -> None:
    got = pairs("全年政府信息主动公开41条,其中政策文件类3条,其他类38条;办理依申请公开7件。")
    assert ("requests.answered", 7) in got and ("proactive.total", 41) in got


def test_categories_told_in_a_sentence_of_their_own_are_the_breakdown_when_they_make_the_total() -> None:
    text = (
        "我委2015年主动公开政府信息187条。(二)主动公开政府信息的类别\n"
        "在公开的信息中,属于规范性文件、通知公告等方面的信息有150条;属于行政许可方面的信息共37条。"
    )
    [fact] = facts_of(text)
    assert (fact.value, [p.value for p in fact.parts]) == (187, [150, 37])
    assert "37条" in fact.evidence.quote
    [unrelated] = facts_of(text.replace("37条", "36条"))
    assert unrelated.parts == []


def test_one_named_series_is_a_share_of_its_outlet_not_the_channels_figure() -> None:
    got = pairs("截至2022年12月31日,我局通过官方微信公众号发布212篇《食品安全每日报》系列文章。")
    assert got == set()
    assert pairs("全年通过官方微信公众号发布文章212篇。") == {("proactive.wechat", 212)}


def test_items_on_one_topic_are_a_share_not_the_years_figure() -> None:
    assert pairs("今年以来通过门户网站及时发布73条涉企补助信息,涉及技改补贴等多个领域。") == set()
    assert pairs("疫情期间,我局依托政务网站全面发布政策措施,共公开38条疫情防控相关信息。") == set()
    assert pairs("全年通过门户网站公开涉企补助信息73条。") == set()
    assert pairs("2022年,上网发布的179条公安政府信息,均进行了发布登记备案。") == {("proactive.website", 179)}


def test_no_wrongful_withholding_is_no_zero_of_withheld_information() -> None:
    got = pairs("全年没有应公开而不予公开的情况,没有因政府信息公开申请行政复议或行政诉讼的事项。")
    assert got == {("review.total", 0), ("litigation.total", 0)}


def test_an_item_as_large_as_the_whole_is_no_part_beside_the_others() -> None:
    [fact] = facts_of(
        "2017年,在主动公开的64条政府信息中,全文电子化的主动公开信息数共64条,机构职能类信息共30条;"
        "规划计划类信息4条;为民办实事类信息30条。"
    )
    assert (fact.value, [p.value for p in fact.parts]) == (64, [30, 4, 30])


def test_a_bare_list_after_one_result_of_the_requests_names_its_siblings() -> None:
    got = facts_of("该6件申请的告知书中,“同意公开”4件,“区分处理后公开”1件,“无法提供”1件。")
    assert all(f.parts == [] for f in got)


def test_prose_run_into_the_table_after_it_on_one_line_is_still_read() -> None:
    text = (
        "一、总体情况 今年我局加强组织领导,完善工作机制。今年我局公开212条政务信息,行政许可类信息2条,"
        "重大建设项目类信息200条,其他应主动公开的政府信息10条。收到申请公开政府信息的要求3件,完成答复。"
        "二、主动公开政府信息情况第二十条第(一)项信息内容本年新制作数量本年新公开数量对外公开总数量规章000"
        "三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量 30 0 00 0 3"
    )
    got = {(f.concept, f.value, tuple(p.value for p in f.parts)) for f in facts_of(text)}
    assert ("proactive.total", 212, (2, 200, 10)) in got and ("requests.received", 3, ()) in got


def test_the_templates_words_for_results_and_requests_answered() -> None:
    assert ("requests.partially_granted", 4) in pairs("共受理申请9件,同意公开答复5件,区分处理后公开4件。")
    assert pairs("全年通过政府门户网站回应依申请公开信息2条。") == {("requests.answered", 2)}
    assert pairs("我局依申请提供政府信息,不向申请人收取任何费用。") == {("fees.amount", 0)}


def test_figures_of_the_last_several_years_are_not_the_years() -> None:
    got = pairs("近3年共受理信息公开申请4件,1件通过邮寄书面申请公开征收信息,另3件通过网络申请。")
    assert got == set()
    assert pairs("近3年,我局没有因政府信息公开而被申请行政复议或提起行政诉讼的情况。") == {
        ("review.total", 0),
        ("litigation.total", 0),
    }


def test_requests_none_of_which_was_withheld_state_no_denial_not_no_withheld_documents() -> None:
    assert pairs("2018年,我局收到的信息公开申请没有“不予公开”的。") == {("requests.denied", 0)}
    assert pairs("2018年,我局没有不予公开的政府信息。") == {("withheld.total", 0)}


def test_a_total_named_again_with_its_parts_is_evidenced_by_that_sentence_and_its_shares_are_checked() -> None:
    text = (
        "(一)主动公开政府信息的数量\n2016年我局主动公开政府信息40条。\n(二)主动公开政府信息的主要类别\n"
        "2016年,在主动公开的40条政府信息中,规范性文件10条,占25%;工作动态类文件30条,占70%。"
    )
    [fact] = facts_of(text)
    assert [p.value for p in fact.parts] == [10, 30] and "占70%" in fact.evidence.quote


def test_the_whole_said_again_hands_its_list_to_the_total() -> None:
    [fact] = facts_of(
        "2020年,在主动公开的60条政府信息中,全文电子化的主动公开信息数共60条,其中:财税相关政策共8条;"
        "工作动态共2条;财政资金管理共50条。"
    )
    assert (fact.value, [p.value for p in fact.parts]) == (60, [8, 2, 50])
    [single] = [f for f in facts_of("全年受理申请5件,其中同意公开5件。") if f.concept == "requests.received"]
    assert [p.value for p in single.parts] == [5]


def test_a_spaced_table_two_inside_a_line_of_prose_states_no_figure() -> None:
    text = (
        "一、总体情况 我局加强组织领导。收取费用情况:本年度未收费。二、主动公开政府信息情况 第二十条第(一)项 信息内容 "
        "本年新制作数量 本年新公开数量 对外公开总数量 规章 0 0 0 规范性文件 6 4 11 第二十条第(八)项 信息内容 "
        "上一年项目数量 本年增/减 行政事业性收费 0 0 第二十条第(九)项 信息内容 采购项目数量 采购总金额 "
        "政府集中采购 2笔 726400元 三、收到和处理政府信息公开申请情况 (本列数据的勾稽关系为:第一项加第二项之和,"
        "等于第三项加第四项之和) 申请人情况 自然人 法人或其他组织 总计 一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0"
    )
    assert not [f for f in facts_of(text) if f.concept == "fees.amount" and f.value]


def test_a_table_inside_a_line_of_prose_leaves_the_sentences_around_it_whole() -> None:
    text = (
        "一、总体情况 我局加强组织领导。二、主动公开政府信息情况 第二十条第(一)项 信息内容 本年制发件数 本年废止件数 "
        "现行有效件数 规章 0 0 0 行政规范性文件 0 2 1 (二)主动公开政府信息的主要类别2023年,在主动公开的40条政府信息中,"
        "政策解读共10条;其他文件共30条。三、收到和处理政府信息公开申请情况"
    )
    [fact] = facts_of(text)
    assert (fact.value, [p.value for p in fact.parts]) == (40, [10, 30])
    assert "规章" not in fact.evidence.quote and "行政规范性文件" not in fact.evidence.quote


def test_requests_finished_are_answered_whatever_follows_the_verb() -> None:
    assert ("requests.answered", 14) in pairs("全年我局依法办结政府信息公开申请14件,其中网络申请数8件,信函申请数6件。")
    got = pairs("2024年我局共收到政府信息公开申请2件,办结依申请2件,其中公开答复1件,无法提供1件。")
    assert ("requests.received", 2) in got and ("requests.answered", 2) in got


def test_a_one_word_answer_under_its_heading_states_the_zero() -> None:
    text = "三、依申请公开政府信息办理情况\n无申请。\n四、政府信息公开收费及减免情况\n未收费。\n"
    assert pairs(text) == {("requests.received", 0), ("fees.amount", 0)}


def test_categories_in_a_sentence_of_their_own_may_open_with_the_verb_or_count_issues_beside_items() -> None:
    [fact] = facts_of(
        "2015年我局主动公开政府信息300条。(二)主动公开政府信息的主要类别\n"
        "2015年我局主动公开日常工作的各类公告通知20条,主要新闻动态30条,各类招标信息250条。"
    )
    assert (fact.value, [p.value for p in fact.parts]) == (300, [20, 30, 250])
    [issues] = facts_of(
        "我局2012年主动公开政府信息150条。(二)主动公开政府信息的类别\n"
        "在公开的信息中,属于通知公告等方面的信息有42条;属于工程材料信息共9期108条。"
    )
    assert [p.value for p in issues.parts] == [42, 108]


def test_what_the_review_of_the_reading_work_found() -> None:
    # A table cut out at the start of a line is a paragraph break, not a join with the open line before it.
    text = (
        "本年度我局通过门户网站公开信息,具体数据详见\n第二十条第(一)项 信息内容 本年制发件数 本年废止件数 现行有效件数 "
        "规章 0 0 0 行政规范性文件 0 2 1 同时依申请公开答复12件,均在期限内办结。"
    )
    [answered] = [f for f in facts_of(text) if f.concept == "requests.answered"]
    assert "具体数据" not in answered.evidence.quote and "规章" not in answered.evidence.quote
    # Table 三 ends at its last row, not at a later sentence that names a result.
    t3 = (
        "三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)\n"
        "一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0\n"
        "四、政府信息公开行政复议、行政诉讼情况\n本年度因政府信息公开引起行政复议2件,行政诉讼1件。\n"
        "五、存在的主要问题及改进情况\n全年予以公开3件。"
    )
    assert {("review.total", 2), ("litigation.total", 1)} <= pairs(t3)
    # A scope set after the count, a general qualifier, or other years' figures do not take a total away.
    assert pairs("我局主动公开政府信息1200条,数量创近三年新高。") == {("proactive.total", 1200)}
    assert pairs("全年通过门户网站主动公开政府信息1200条,并新开设疫情防控专栏。") == {("proactive.website", 1200)}
    assert pairs("本年度主动公开与群众利益密切相关的政府信息1200条。") == {("proactive.total", 1200)}
    years = facts_of("2020年主动公开政府信息100条。2019年主动公开政务信息60条,2018年主动公开政务信息40条。")
    assert all(f.parts == [] for f in years)


def test_results_listed_after_the_requests_were_sorted_are_their_breakdown() -> None:
    got = facts_of(
        "2025年,共受理政府信息公开申请12件,经分类处置后,给予同意公开答复 4 件,不予公开答复2件,区分处理后公开3件,"
        "因无法提供相关信息答复1件,其他处理1件,结转下年度继续办理1件,所有申请均在法定期限内办结。"
    )
    [received] = [f for f in got if f.concept == "requests.received"]
    assert [p.value for p in received.parts] == [4, 2, 3, 1, 1, 1]
    assert not [f for f in got if f.concept == "requests.answered"]  # 无法提供…答复1件 is one result, not all

"""二、存在的问题 merges the clerk's points with the problems noted under single tasks: what
repeats a point is not said again, what adds to it joins it, and nothing new is ever lost."""

from __future__ import annotations

import pytest

from desktop.report.points import problems, split_points

CLERK = (
    "对照要点要求，还存在一些不足：一是政策解读的形式还不够丰富，图解、视频等群众喜闻乐见的"
    "形式运用不多。二是部分公开内容更新不够及时，个别专栏存在信息滞后的情况。"
)


@pytest.fixture(scope="module")
def cat():
    from desktop import catalogue

    return catalogue.load_builtin()


def test_a_restatement_joins_the_point_it_repeats(cat):
    said = problems(
        CLERK,
        [
            (
                "3.1.1",
                "政策解读仍以文字为主，图解、视频等群众喜闻乐见的形式运用不多，解读的针对性有待提高。",
            )
        ],
        cat,
    )
    assert said.points == (
        "政策解读的形式还不够丰富，图解、视频等群众喜闻乐见的形式运用不多，仍以文字为主，"
        "解读的针对性有待提高。",
        "部分公开内容更新不够及时，个别专栏存在信息滞后的情况。",
    )


def test_a_new_topic_next_to_a_repeat_stays_its_own_point(cat):
    """The repeated clause goes, the clause on another topic (预算表格) is kept as the task's
    point — joining 一是 would put it under 政策解读."""
    said = problems(
        CLERK,
        [("1.6.1", "图解、视频等群众喜闻乐见的形式运用不多，部门预算表格口径不统一。")],
        cat,
    )
    assert said.points[0] == CLERK.split("一是")[1].split("二是")[0]
    assert said.points[2] == "预决算公开方面，部门预算表格口径不统一。"


def test_a_problem_that_shares_only_generic_words_is_not_merged(cat):
    """存在…的情况 says how things stand, not what it is about: the clause next to a repeat
    of 二是 shares only that with it and stays the task's own point."""
    said = problems(
        CLERK,
        [("3.1.1", "部分公开内容更新不够及时，解读材料照搬原文的情况仍然存在。")],
        cat,
    )
    assert said.points[1] == "部分公开内容更新不够及时，个别专栏存在信息滞后的情况。"
    assert said.points[2] == "政策解读方面，解读材料照搬原文的情况仍然存在。"


def test_a_short_shared_prefix_is_no_subject(cat):
    """部分公开… and 部分栏目… share 部分, not a subject: the joining clause keeps its words."""
    said = problems(
        CLERK,
        [("4.2.1", "部分公开内容更新不够及时，部分栏目信息滞后仍较突出。")],
        cat,
    )
    assert said.points[1].endswith("个别专栏存在信息滞后的情况，部分栏目信息滞后仍较突出。")
    assert len(said.points) == 2


def test_a_problem_without_overlap_is_a_point_of_its_own(cat):
    said = problems(
        CLERK, [("2.4.2", "收费目录清单审定周期较长，清单公布进度滞后于要点要求。")], cat
    )
    assert said.points[2] == "收费目录清单审定周期较长，清单公布进度滞后于要点要求。"
    assert said.points[:2] == problems(CLERK, [], cat).points


def test_a_task_problem_that_only_repeats_adds_nothing(cat):
    said = problems(CLERK, [("3.1.1", "图解、视频等群众喜闻乐见的形式运用不多。")], cat)
    assert said.points == problems(CLERK, [], cat).points


@pytest.mark.parametrize(
    "typed",
    [
        "1.网站更新不及时；2.解读形式单一；3.人员不足。",  # never “…；2。解读形式单一”
        "1、网站更新不及时 2、解读形式单一 3、人员不足",  # a list on one line, broken by spaces
        "（一）网站更新不及时。（二）解读形式单一。（三）人员不足。",
        "①网站更新不及时；②解读形式单一；③人员不足。",
    ],
)
def test_the_clerks_numbered_list_is_renumbered_whatever_ordinals(typed):
    assert split_points(typed).paragraphs() == [
        "一是网站更新不及时。",
        "二是解读形式单一。",
        "三是人员不足。",
    ]


def test_an_ordinal_after_a_separator_keeps_its_point():
    from desktop.textclean import chinese_punct

    # A list in the body keeps its “1.”; a number ending a sentence still gets “。”.
    assert (
        chinese_punct("主要做法：1.建立台账；2.公开进展。") == "主要做法：1.建立台账；2.公开进展。"
    )
    assert (
        chinese_punct("公开率达到100%.下一步，完成2项.其中")
        == "公开率达到100%。下一步，完成2项。其中"
    )

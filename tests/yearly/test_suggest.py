"""Figure fields suggested from the requirement text of a task."""

from __future__ import annotations

import pytest

from desktop.catalogue import Task
from desktop.numerals import cn_to_int as cn_int
from desktop.yearly.suggest import suggest
from tests.yearly.helpers import parse_2017


def _task(text: str) -> Task:
    return Task("1.1.1", text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("3", 3), ("三", 3), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("x", None)],
)
def test_chinese_numbers(text, value):
    assert cn_int(text) == value


def test_minimum_count_gets_a_count_with_its_demand():
    [s] = suggest(
        _task("各地区主要负责人，年内解读重要政策措施不少于3次。（市政府各部门负责落实）")
    )
    fig = s.figure
    assert s.firm and fig["type"] == "integer"
    assert fig["label"] == "解读重要政策措施次数"
    assert (fig["demand_min"], fig["unit"], fig["min"]) == (3, "次", 0)
    assert fig["sentence"] == "解读重要政策措施{value}次"
    assert "不少于3次" in fig["demand_text"]


def test_at_least_with_the_object_after_the_number():
    [s] = suggest(_task("市政府各部门全年至少以市政府新闻办名义召开两次新闻发布会。"))
    assert s.figure["label"] == "以市政府新闻办名义召开新闻发布会次数"
    assert s.figure["demand_min"] == 2


def test_rhythms_quarterly_monthly_half_yearly():
    got = suggest(_task("每季度向社会公开水质状况。按月公开财政收支。每半年通报一次。"))
    kinds = [(s.figure["key"], s.figure["max"], s.figure["demand_min"]) for s in got]
    assert kinds == [("req_quarters", 4, 4), ("req_months", 12, 12), ("req_half_years", 2, 2)]
    assert got[0].figure["label"] == "已按季度公开水质状况的季度数"
    assert all(s.firm for s in got)


def test_deadline_hours_and_percent_are_offered_not_added():
    got = suggest(
        _task("10月底前组织业务培训。事件发生后应在24小时内举行新闻发布会。按时答复率达到95%。")
    )
    assert [(s.figure["type"], s.firm) for s in got] == [
        ("date", False),
        ("boolean", False),
        ("decimal", False),
    ]
    assert got[1].figure["label"] == "是否均在24小时内举行新闻发布会"
    assert got[2].figure["demand_min"] == 95.0


def test_no_requirement_no_suggestion_and_keys_stay_unique():
    assert suggest(_task("推进行政决策公开，广泛听取公众意见。")) == []
    got = suggest(_task("培训不少于2次，发布会不少于3次。"), taken={"req_count"})
    assert [s.figure["key"] for s in got] == ["req_count_2", "req_count_3"]


def test_the_2017_sample_gets_the_figures_its_text_demands():
    catalogue = parse_2017().catalogue
    firm = {
        t.id: [(s.figure["key"], s.figure.get("demand_min")) for s in suggest(t) if s.firm]
        for t in catalogue.tasks()
    }
    firm = {k: v for k, v in firm.items() if v}
    assert firm == {
        "1.4.1": [("req_months", 12)],
        "1.5.1": [("req_quarters", 4)],
        "3.1.2": [("req_count", 3)],
        "3.3.1": [("req_count", 3)],
        "4.2.1": [("req_months", 12)],
        "4.3.1": [("req_count", 2)],
    }


def test_the_2016_yaodian_requirements_in_task_text_are_all_found(catalogue):
    found = {
        catalogue.ref(t.id): [(s.figure["type"], s.figure.get("demand_min")) for s in suggest(t)]
        for t in catalogue.tasks()
    }
    assert {k: v for k, v in found.items() if v} == {
        "一（十）": [("integer", 4)],  # 每季度 water quality
        "三（一）之二": [("integer", 1)],  # 不少于1次
        "三（二）之三": [("boolean", None)],  # 24小时内
        "三（三）": [("integer", 2)],  # 至少…两次新闻发布会
        "四（三）": [("date", None)],  # 10月底前
    }


def test_a_figure_is_asked_only_of_the_addressee_the_directory_knows(directory_bundled):
    [press] = suggest(_task("市政府各部门要全年至少以市政府新闻办名义召开三次新闻发布会。"))
    assert press.subject == ("市政府各部门",)
    assert press.limited_to(directory_bundled)["applies_to"] == ["市政府各部门"]
    assert "applies_to" not in press.figure  # the suggestion itself stays unlimited
    # An addressee that is everyone, or not a clean list of directory names: no limit.
    for text in (
        "各地区、各部门要每季度公开一次。",
        "各地区、与民生关系密切的部门主要负责人，年内解读政策不少于1次。",
        "某某研究会要每季度公开一次。",
    ):
        [s] = suggest(_task(text))
        assert "applies_to" not in s.limited_to(directory_bundled), text

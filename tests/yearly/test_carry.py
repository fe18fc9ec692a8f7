"""A unit starting the 2017 report finds last year's cover page and answers."""

from __future__ import annotations

import pytest

from desktop import catalogue as catalogue_mod
from desktop.services import Services
from desktop.settings import Settings
from desktop.store import open_store
from desktop.yearly import carry
from tests.yearly.helpers import parse_2017

COVER = {
    "issuer_name": "大连市财政局",
    "contact_name": "王丽",
    "contact_phone": "0411-83670001",
    "leader_name": "刘建国",
    "leader_title": "副局长",
    "report_date": "2016-11-28",
}
MEASURES_2016 = "在市政府网站“重点领域”专栏公开2016年市本级预决算。\n\n督促92个部门公开部门预决算。"


@pytest.fixture
def services(data_dir):
    opened = open_store(data_dir)
    yield Services(opened.store, Settings())
    opened.store.close()


def _last_year(services: Services) -> int:
    report = services.start_report("市财政局", catalogue_mod.BUILTIN_ID)
    store = services.store
    store.save_fields(report, [("profile", k, v) for k, v in COVER.items()])
    store.save_fields(
        report,
        [
            ("task:1.6.1", "status", "已完成"),
            ("task:1.6.1", "measures", MEASURES_2016),
            ("task:1.6.1", "results", "部门预决算公开率100%。"),
            ("task:1.6.1", "evidence", [{"title": "预决算公开专栏", "url": "http://x/yjs"}]),
            ("task:3.3.1", "figures.press_conferences", 3),
            ("task:3.3.1", "status", "已完成"),
        ],
    )
    return report


def _install_2017() -> str:
    catalogue = parse_2017().catalogue
    catalogue_mod.install(catalogue)
    return catalogue.id


def test_the_new_report_takes_the_cover_of_last_years_report(services):
    _last_year(services)
    new_id = _install_2017()
    report = services.start_report("市财政局", new_id)
    profile = services.store.load_values(report)["profile"]
    assert profile == {k: v for k, v in COVER.items() if k != "report_date"}
    assert services.store.get_ui_state(report, carry.CARRIED_STATE) is not None
    # Another unit without an earlier report gets only its name.
    other = services.start_report("中山区", new_id)
    assert services.store.load_values(other)["profile"] == {"issuer_name": "中山区人民政府"}


def test_a_later_years_report_is_never_last_year(services):
    new_id = _install_2017()
    later = services.start_report("市财政局", new_id)
    services.store.save_field(later, "profile", "contact_name", "二〇一七年的联系人")
    report = services.start_report("市财政局", catalogue_mod.BUILTIN_ID)
    assert services.store.load_values(report)["profile"] == {"issuer_name": "市财政局"}


def test_matching_tasks_show_last_years_answer_and_nothing_is_copied(services):
    _last_year(services)
    report = services.start_report("市财政局", _install_2017())
    session = services.open_session(report)
    [ref] = session.references.for_task("1.4.1")  # 2017 预决算 ← 2016 一（六）
    assert ref.task_id == "1.6.1" and ref.name.startswith("一（六） ")
    assert ref.source == "《2016年政务公开工作要点》（大政办发〔2016〕125号）"
    assert ref.status == "已完成" and ref.score >= 0.5
    assert [(p.key, p.text) for p in ref.paragraphs] == [
        ("measures", "在市政府网站“重点领域”专栏公开2016年市本级预决算。"),
        ("measures", "督促92个部门公开部门预决算。"),
        ("results", "部门预决算公开率100%。"),
    ]
    assert ref.paragraphs[0].label == "主要做法"
    assert ref.facts == ("公开载体：预决算公开专栏 http://x/yjs",)
    [press] = session.references.for_task("3.3.1")
    assert "以市政府新闻办名义召开新闻发布会次数：3次" in press.facts
    assert session.references.for_task("1.1.1") == []  # last year's 1.1.1 was not answered
    assert session.references.for_task("4.2.1") == []  # no counterpart
    assert not any(k.startswith("task:") for k in services.store.load_values(report))


def test_an_item_with_the_same_title_shows_last_years_answer_even_when_rewritten(services):
    # 五（二）“加强考核监督” keeps its title in 2017, but its text was rewritten so much that
    # the character pairs alone score under the threshold: the title says it is the same task.
    report = services.start_report("市财政局", catalogue_mod.BUILTIN_ID)
    services.store.save_fields(
        report,
        [("task:5.2.1", "status", "已完成"), ("task:5.2.1", "measures", "全年受理申请58件。")],
    )
    session = services.open_session(services.start_report("市财政局", _install_2017()))
    assert session.catalogue.item_of("5.2.1")[1].title == "加强考核监督"
    from desktop.yearly.similarity import THRESHOLD, catalogue_matcher

    builtin = services.catalogue(catalogue_mod.BUILTIN_ID)
    assert catalogue_matcher(session.catalogue, builtin).score("5.2.1", "5.2.1") < THRESHOLD
    [ref] = session.references.for_task("5.2.1")
    assert ref.task_id == "5.2.1" and ref.name.startswith("五（二） ")
    assert [p.text for p in ref.paragraphs] == ["全年受理申请58件。"]
    # Items of several tasks share their title between different subjects: never matched so.
    from desktop.yearly.similarity import same_titles

    titled = same_titles(session.catalogue, builtin)
    assert titled.get("5.2.1") == "5.2.1"
    assert all(len(session.catalogue.item_of(t)[1].tasks) == 1 for t in titled)

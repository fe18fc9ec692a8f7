"""Saving, loading, history and the limits of one value."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.store import MAX_VALUE_CHARS, SCHEMA_VERSION, StoreError, open_store, task_scope
from tests.test_store_support import WORD_PASTE, fill_report, snapshot


@pytest.fixture
def store(data_dir):
    opened = open_store()
    assert opened.notices == []
    yield opened.store
    opened.store.close()


def test_new_database_has_schema_version_and_durable_pragmas(store, data_dir):
    conn = store.db.conn
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.path == data_dir / "answers.db"
    assert set(store.db.table_names()) >= {"reports", "field_values", "revisions", "ui_state"}


def test_save_returns_revision_and_value_survives_reopen(store, data_dir):
    rid = store.create_report("市财政局", "dalian-2016")
    rev = store.save_field(rid, "texts", "overview", "总体情况")
    assert (rev.scope, rev.key, rev.old, rev.new) == ("texts", "overview", None, "总体情况")
    store.close()
    with open_store().store as again:
        assert again.load_values(rid) == {"texts": {"overview": "总体情况"}}


def test_unchanged_value_writes_nothing(store):
    rid = store.create_report("市财政局", "dalian-2016")
    store.save_field(rid, "texts", "overview", "同一段话")
    before = store.report_info(rid).updated_at
    n_revs = len(store.history(rid, "texts", "overview"))
    assert store.save_field(rid, "texts", "overview", "同一段话") is None
    assert len(store.history(rid, "texts", "overview")) == n_revs
    assert store.report_info(rid).updated_at == before


def test_json_types_are_kept_apart(store):
    """True is not 1 and 1 is not 1.0: a change of type is a change (and is recorded)."""
    rid = store.create_report("中山区", "dalian-2016")
    scope = task_scope("5.3.1")
    store.save_field(rid, scope, "figures.budget_amount", 1)
    assert store.save_field(rid, scope, "figures.budget_amount", 1.0) is not None
    assert store.save_field(rid, scope, "figures.budget_amount", True) is not None
    assert store.load_values(rid)[scope]["figures.budget_amount"] is True


def test_history_newest_first_and_restorable(store):
    rid = store.create_report("市财政局", "dalian-2016")
    for text in ("初稿", "二稿", "定稿"):
        store.save_field(rid, "texts", "plans", text)
    hist = store.history(rid, "texts", "plans")
    assert [(r.old, r.new) for r in hist] == [("二稿", "定稿"), ("初稿", "二稿"), (None, "初稿")]
    assert hist[0].at >= hist[-1].at and "T" in hist[0].at
    # Restoring earlier wording is an ordinary save of the old text, itself recorded.
    store.save_field(rid, "texts", "plans", hist[1].new)
    assert store.load_values(rid)["texts"]["plans"] == "二稿"
    assert store.history(rid, "texts", "plans", limit=1)[0].old == "定稿"


def test_none_clears_the_field_and_is_recorded(store):
    rid = store.create_report("市财政局", "dalian-2016")
    store.save_field(rid, "texts", "problems", "问题")
    rev = store.save_field(rid, "texts", "problems", None)
    assert (rev.old, rev.new) == ("问题", None)
    assert "texts" not in store.load_values(rid)


def test_control_characters_round_trip_exactly(store):
    rid = store.create_report("市财政局", "dalian-2016")
    every_control = "".join(chr(c) for c in range(32)) + "\x7f\u2028\u2029\ufeff\ufffe\uffff"
    broken_paste = "半个代理对\ud800结尾"  # a lone surrogate, as a broken clipboard can deliver
    for key, text in (
        ("overview", WORD_PASTE),
        ("problems", every_control),
        ("plans", broken_paste),
    ):
        store.save_field(rid, "texts", key, text)
    store.close()
    with open_store().store as again:
        values = again.load_values(rid)["texts"]
        assert values == {"overview": WORD_PASTE, "problems": every_control, "plans": broken_paste}
        assert again.history(rid, "texts", "problems")[0].new == every_control


def test_ten_megabyte_paste_of_chinese_is_accepted(store):
    rid = store.create_report("市财政局", "dalian-2016")
    text = ("政务公开" * 875_000)[:3_500_000] + "\x0b尾"  # about 10 MB as UTF-8
    assert len(text.encode("utf-8")) > 10 * 1000 * 1000
    store.save_field(rid, task_scope("1.6.1"), "measures", text)
    assert store.load_values(rid)[task_scope("1.6.1")]["measures"] == text


def test_value_over_the_limit_is_refused_with_message_and_nothing_lost(store):
    rid = store.create_report("市财政局", "dalian-2016")
    store.save_field(rid, "texts", "overview", "原来的内容")
    before = snapshot(store.path)
    huge = "x" * (10 * 1024 * 1024)  # a 10 MiB paste of plain text
    assert len(huge) > MAX_VALUE_CHARS
    with pytest.raises(StoreError) as err:
        store.save_field(rid, "texts", "overview", huge)
    assert err.value.kind == "too_large"
    assert "太长" in str(err.value) and "没有保存" in str(err.value)
    assert snapshot(store.path) == before
    # The store keeps working afterwards.
    store.save_field(rid, "texts", "overview", "改短以后的内容")
    assert store.load_values(rid)["texts"]["overview"] == "改短以后的内容"


def test_save_fields_is_all_or_nothing(store):
    rid = store.create_report("市财政局", "dalian-2016")
    before = snapshot(store.path)
    with pytest.raises(StoreError):
        store.save_fields(
            rid,
            [("texts", "overview", "会被撤回"), ("texts", "plans", "y" * (MAX_VALUE_CHARS + 1))],
        )
    with pytest.raises(TypeError):
        store.save_fields(rid, [("texts", "overview", "会被撤回"), ("texts", "plans", {1, 2})])
    assert snapshot(store.path) == before


def test_unknown_scope_and_report_are_programming_errors(store):
    rid = store.create_report("市财政局", "dalian-2016")
    with pytest.raises(ValueError):
        store.save_field(rid, "task:abc", "status", "已完成")
    with pytest.raises(KeyError):
        store.save_field(rid + 99, "texts", "overview", "x")
    with pytest.raises(KeyError):
        store.report_info(rid + 99)


def test_reports_status_and_answered_count(store):
    rid = fill_report(store, "市财政局")
    other = store.create_report("中山区", "dalian-2016")
    assert store.create_report("市财政局", "dalian-2016") == rid  # one per unit and catalogue
    assert store.find_report("市财政局", "dalian-2016") == rid
    assert store.find_report("市财政局", "dalian-2017") is None
    info = store.report_info(rid)
    assert info.unit == "市财政局" and info.status == "draft"
    assert info.answered_tasks == 26  # every task has a status or a not-applicable decision
    store.set_status(rid, "final")
    assert store.history(rid, "report", "status")[0].new == "final"
    with pytest.raises(ValueError):
        store.set_status(rid, "done")
    store.save_field(other, "texts", "overview", "较新")
    # newest updated first (ties within a second: the later report first)
    assert [r.unit for r in store.list_reports()] == ["中山区", "市财政局"]
    assert {r.id: r.answered_tasks for r in store.list_reports()}[other] == 0


def test_ui_state_is_kept_without_revisions(store):
    rid = store.create_report("市财政局", "dalian-2016")
    store.set_ui_state(rid, "page", "task:1.6.1")
    store.set_ui_state(rid, "page", "task:2.4.1")
    assert store.get_ui_state(rid, "page") == "task:2.4.1"
    assert store.get_ui_state(rid, "missing", 7) == 7
    assert store.db.conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.db.conn.execute(
            "INSERT INTO field_values VALUES (999, 'texts', 'x', '\"y\"', '2016-01-01T00:00:00')"
        )

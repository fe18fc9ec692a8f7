"""desktop.operations.lead: the use cases the wizard and the CLI share."""

from __future__ import annotations

import pytest

from desktop import payload
from desktop.lead import send
from desktop.operations.lead import (
    NoLeadReport,
    NothingToSend,
    collect,
    collect_target,
    find_lead_report,
    plan_sending,
    store_parts,
)
from desktop.services import open_services
from desktop.store import StoreError, open_store
from tests.lead_support import LEAD, TASK, fill_part, full_payload
from tests.test_store_support import real_context


def test_nothing_to_send_says_why(tmp_path):
    catalogue, _form, directory = real_context()
    with open_store(tmp_path / "pc").store as store:
        empty = full_payload(store, store.create_report("中山区", catalogue.id))
        office = full_payload(store, store.create_report("市编委办", catalogue.id))
    with pytest.raises(NothingToSend, match="都还没有填写"):
        plan_sending(empty, catalogue, directory)
    # 市编委办 leads its one task and cooperates on none a named unit leads.
    with pytest.raises(NothingToSend, match="不需要发送配合材料"):
        plan_sending(office, catalogue, directory)


def test_collect_reloads_the_directory_for_an_added_sender_and_refuses_read_only(tmp_path):
    catalogue, _form, _directory = real_context()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with open_store(tmp_path / "sender").store as sender:
        data = full_payload(sender, fill_part(sender, "中山区"))
    doc = send.contribution(data, LEAD, [TASK])
    doc["unit"] = "旅顺经济开发区"
    doc["unit_info"] = {"kind": "pilot_zone", "categories": ["各区市县政府和先导区管委会"]}
    (inbox / "part.json").write_text(payload.dumps(doc), encoding="utf-8")
    services, _notices = open_services(tmp_path / "lead")
    try:
        with pytest.raises(NoLeadReport, match="还没有任何报告"):
            find_lead_report(services, None, None)
        rid = services.store.create_report(LEAD, catalogue.id)
        assert find_lead_report(services, None, None) == rid
        assert services.directory().unit("旅顺经济开发区") is None
        result = collect(services, rid, [inbox], add_unit=lambda entry: True)
        assert result.units_added == ["旅顺经济开发区"]
        assert services.directory().unit("旅顺经济开发区") is not None  # reloaded
        second, _ = open_services(tmp_path / "lead")
        try:
            target = collect_target(second, rid)
            plan = target.read([inbox])
            with pytest.raises(StoreError, match="另一个窗口"):
                store_parts(second, target, plan)
        finally:
            second.store.close()
    finally:
        services.store.close()

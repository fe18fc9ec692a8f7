"""``answers export --for-lead`` and ``answers collect``: the same results as the wizard's 工具."""

from __future__ import annotations

from pathlib import Path

from desktop import payload
from desktop.lead import send
from desktop.store import open_store
from desktop.store.contributions import Contributions
from tests.lead_support import LEAD, TASK, fill_part, full_payload, read_json
from tests.test_store_support import real_context


def test_send_and_collect_from_the_command_line(tmp_path: Path, cli):
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for unit in ("市教育局", "中山区"):
        pc = tmp_path / f"pc-{unit}"
        with open_store(pc).store as store:
            rid = fill_part(store, unit)
            expected = full_payload(store, rid)
        done = cli(
            "--data-dir", str(pc), "answers", "export", "--unit", unit,
            "--for-lead", LEAD, "--out", str(inbox),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        written = inbox / send.file_name(unit, LEAD)
        assert f"写入 {written}" in done.stderr and "四（三）" in done.stderr
        doc = read_json(written)
        # The same document the wizard's “发送给牵头单位…” writes (but for the time stamp).
        catalogue, _form, directory = real_context()
        parcel = next(p for p in send.parcels(expected, catalogue, directory) if p.lead == LEAD)
        same = send.contribution(expected, LEAD, parcel.tasks, when=doc["exported_at"])
        assert payload.dumps(doc) == payload.dumps(same)
    (inbox / "坏文件.json").write_text("不是 JSON", encoding="utf-8")

    lead_pc = tmp_path / "pc-lead"
    with open_store(lead_pc).store as store:
        rid = store.create_report(LEAD, "dalian-2016")
    done = cli("--data-dir", str(lead_pc), "answers", "collect", str(inbox))
    # One file refused (exit 2), the two parts collected all the same.
    assert done.returncode == 2, done.stderr
    assert "收到 2 个单位的 2 项材料：中山区、市教育局" in done.stdout
    assert "坏文件.json" in done.stdout and "文件未收入" in done.stdout
    with open_store(lead_pc).store as store:
        parts = Contributions(store).current(rid, TASK)
        assert [p.unit for p in parts] == ["中山区", "市教育局"]
        assert [r.unit for r in store.list_reports()] == [LEAD]
    again = cli(
        "--data-dir",
        str(lead_pc),
        "answers",
        "collect",
        str(inbox / "中山区致市政府办公厅的配合材料.json"),
    )
    assert again.returncode == 0 and "与已收到的相同" in again.stdout


def test_for_lead_explains_what_cannot_be_sent(tmp_path: Path, cli):
    pc = tmp_path / "pc"
    with open_store(pc).store as store:
        fill_part(store, "中山区")
    base = ("--data-dir", str(pc), "answers", "export", "--unit", "中山区", "--for-lead")
    wrong = cli(*base, "市公安局")
    assert wrong.returncode == 2 and "没有与“市公安局”共同承担的任务" in wrong.stderr
    assert LEAD in wrong.stderr  # the leads it can send to are named
    empty = cli(*base, "市编委办")
    assert empty.returncode == 2 and "一（三）" in empty.stderr and "还没有填写" in empty.stderr
    several = cli(*base, "all")
    assert several.returncode == 2 and "--out" in several.stderr
    out = tmp_path / "out"
    out.mkdir()
    both = cli(*base, "all", "--out", str(out))
    assert both.returncode == 0, both.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "中山区致市政府办公厅的配合材料.json",
        "中山区致市财政局的配合材料.json",
    ]


def test_collect_needs_to_know_the_lead_and_refuses_unknown_units_by_default(tmp_path, cli):
    pc = tmp_path / "pc"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with open_store(pc).store as store:
        data = full_payload(store, fill_part(store, "中山区"))
        store.create_report(LEAD, "dalian-2016")
    doc = send.contribution(data, LEAD, [TASK])
    doc["unit"] = "旅顺经济开发区"
    doc["unit_info"] = {"kind": "pilot_zone", "categories": ["各区市县政府和先导区管委会"]}
    (inbox / "part.json").write_text(payload.dumps(doc), encoding="utf-8")
    which = cli("--data-dir", str(pc), "answers", "collect", str(inbox))
    assert which.returncode == 2 and "--unit" in which.stderr
    no = cli("--data-dir", str(pc), "answers", "collect", str(inbox), "--unit", LEAD)
    assert no.returncode == 0 and "您选择了不加入" in no.stdout and "--add-units" in no.stdout
    yes = cli(
        "--data-dir", str(pc), "answers", "collect", str(inbox), "--unit", LEAD, "--add-units"
    )
    assert yes.returncode == 0 and "已将“旅顺经济开发区”加入单位名录" in yes.stdout


def test_the_self_check_sends_and_collects_a_part(cli):
    done = cli("smoke")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if "发送配合材料并由牵头单位收集" in x)
    assert "通过（市财政局致市编委办的配合材料.json，市编委办收到 1 项任务的材料）" in line


def _lead_pc_with_parts(tmp_path: Path, cli) -> tuple[Path, int]:
    """市政府办公厅's PC with the parts of 市教育局 and 中山区 collected (四（三）)."""
    inbox = tmp_path / "收件箱"
    inbox.mkdir()
    for unit in ("市教育局", "中山区"):
        with open_store(tmp_path / f"pc-{unit}").store as store:
            data = full_payload(store, fill_part(store, unit))
        doc = send.contribution(data, LEAD, [TASK])
        (inbox / send.file_name(unit, LEAD)).write_text(payload.dumps(doc), encoding="utf-8")
    lead_pc = tmp_path / "pc-lead"
    with open_store(lead_pc).store as store:
        rid = store.create_report(LEAD, "dalian-2016")
    done = cli("--data-dir", str(lead_pc), "answers", "collect", str(inbox))
    assert done.returncode == 0, done.stderr
    return lead_pc, rid


def _finalise(pc: Path, rid: int) -> None:
    with open_store(pc).store as store:
        store.save_fields(rid, [("review", "confirmed", True)])
        store.set_status(rid, "final")


def _state(pc: Path, rid: int) -> tuple[str, object, list[str]]:
    with open_store(pc).store as store:
        units = [p.unit for p in Contributions(store).current(rid, TASK)]
        confirmed = store.load_values(rid).get("review", {}).get("confirmed")
        return store.report_info(rid).status, confirmed, units


def test_parts_are_listed_removed_and_restored_by_the_yaodians_numbering(tmp_path, cli):
    pc, rid = _lead_pc_with_parts(tmp_path, cli)
    base = ("--data-dir", str(pc), "answers", "parts", "--unit", LEAD)
    listed = cli(*base)
    assert listed.returncode == 0, listed.stderr
    assert "四（三） " in listed.stdout and "在用 2 份" in listed.stdout
    assert "中山区　在用" in listed.stdout and "市教育局　在用" in listed.stdout
    assert "4.3.1" not in listed.stdout

    _finalise(pc, rid)
    removed = cli(*base, "--task", "四（三）", "--remove", "中山区")
    assert removed.returncode == 0, removed.stderr
    assert "已删除“中山区”的四（三）" in removed.stdout and "--restore" in removed.stdout
    assert "已回到草稿" in removed.stdout
    assert _state(pc, rid) == ("draft", False, ["市教育局"])
    listed = cli(*base, "--task", "四(三)")  # ASCII brackets are forgiven
    assert listed.returncode == 0, listed.stderr
    assert "已删除可恢复 1 份" in listed.stdout and "中山区　已删除（" in listed.stdout

    _finalise(pc, rid)
    restored = cli(*base, "--task", "四（三）", "--restore", "中山区")
    assert restored.returncode == 0, restored.stderr
    assert "已恢复“中山区”的四（三）" in restored.stdout and "已回到草稿" in restored.stdout
    assert _state(pc, rid) == ("draft", False, ["中山区", "市教育局"])
    # Summed again, as the wizard's panel sums it.
    from desktop.lead.desk import LeadDesk

    catalogue, form, directory = real_context()
    with open_store(pc).store as store:
        desk = LeadDesk(store, rid, catalogue, form, directory, directory.unit(LEAD))
        sums = {s.spec.key: s.total for s in desk.task_parts(TASK).sums}
    assert sums == {"trainings_held": 8, "people_trained": 380}


def test_parts_refuses_bad_input_with_one_chinese_line(tmp_path, cli):
    pc, rid = _lead_pc_with_parts(tmp_path, cli)
    base = ("--data-dir", str(pc), "answers", "parts", "--unit", LEAD)
    cases = [
        ((*base, "--remove", "中山区"), "请用 --task 指明删除哪项任务"),
        ((*base, "--task", "九（九）", "--remove", "中山区"), "要点中没有任务“九（九）”"),
        ((*base, "--task", "1.3.1", "--remove", "中山区"), "请按要点的编号写"),
        ((*base, "--task", "一（二）", "--remove", "中山区"), "一（二）之一、一（二）之二"),
        ((*base, "--task", "一（一）", "--remove", "中山区"), "不牵头一（一）"),
        ((*base, "--task", "四（三）", "--remove", "西岗区"), "“西岗区”没有正在使用的四（三）"),
        ((*base, "--task", "四（三）", "--restore", "中山区"), "正在使用，不需要恢复"),
        ((*base, "--task", "四（三）", "--restore", "西岗区"), "“西岗区”没有已删除的四（三）"),
        (("--data-dir", str(pc), "answers", "parts", "--unit", "中山区"), "本机没有“中山区”的报告"),
    ]
    for args, message in cases:
        done = cli(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert message in done.stderr, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    both = cli(*base, "--task", "四（三）", "--remove", "中山区", "--restore", "中山区")
    assert both.returncode == 2 and "Traceback" not in both.stderr
    assert _state(pc, rid) == ("draft", None, ["中山区", "市教育局"])  # nothing changed
    with open_store(pc).store as store:
        store.create_report("中山区", "dalian-2016")
    leads_nothing = cli("--data-dir", str(pc), "answers", "parts", "--unit", "中山区")
    assert leads_nothing.returncode == 2
    assert "没有指定“中山区”牵头的任务" in leads_nothing.stderr


def test_collecting_into_a_final_report_makes_it_a_draft(tmp_path, cli):
    pc, rid = _lead_pc_with_parts(tmp_path, cli)
    _finalise(pc, rid)
    inbox = tmp_path / "收件箱"
    same = cli("--data-dir", str(pc), "answers", "collect", str(inbox), "--unit", LEAD)
    assert same.returncode == 0 and "已回到草稿" not in same.stdout  # nothing new: still final
    assert _state(pc, rid)[:2] == ("final", True)
    with open_store(tmp_path / "pc-西岗区").store as store:
        data = full_payload(store, fill_part(store, "中山区"))
    doc = send.contribution(data, LEAD, [TASK])
    doc["unit"] = "西岗区"
    (inbox / "西岗区.json").write_text(payload.dumps(doc), encoding="utf-8")
    done = cli("--data-dir", str(pc), "answers", "collect", str(inbox), "--unit", LEAD)
    assert done.returncode == 0, done.stderr
    assert "已收入“西岗区”" in done.stdout and "已回到草稿" in done.stdout
    assert _state(pc, rid) == ("draft", False, ["中山区", "市教育局", "西岗区"])

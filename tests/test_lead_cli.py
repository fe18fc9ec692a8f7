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

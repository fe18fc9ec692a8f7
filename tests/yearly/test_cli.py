"""``catalogue import`` / ``catalogue publish`` as a user runs them."""

from __future__ import annotations

import json

from tests.yearly.helpers import SAMPLE_2017


def test_office_publishes_and_a_unit_imports_from_the_command_line(cli, tmp_path, data_dir):
    office = ["--data-dir", str(tmp_path / "office")]
    done = cli(*office, "catalogue", "import", str(SAMPLE_2017), "--install", "--id", "dalian-2017")
    assert done.returncode == 0, done.stderr
    assert "任务三（一）之二按要点的要求增加填报数据：“解读重要政策措施次数”" in done.stderr
    fields = json.loads((tmp_path / "office" / "fields" / "dalian-2017.json").read_text("utf-8"))
    assert fields["tasks"]["3.1.2"][0]["demand_min"] == 3

    out = tmp_path / "发布.json"
    done = cli(*office, "catalogue", "publish", "dalian-2017", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "已发布《2017年政务公开工作要点》（大政办发〔2017〕76号）第1版" in done.stderr
    assert "“市政务服务管理局”（牵头）不在单位名录中" in done.stderr

    unit = ["--data-dir", str(tmp_path / "unit")]
    done = cli(*unit, "catalogue", "import", str(out), "--install")
    assert done.returncode == 0, done.stderr
    assert "已导入《2017年政务公开工作要点》（大政办发〔2017〕76号）第1版" in done.stderr
    again = cli(*unit, "catalogue", "import", str(out), "--install")
    assert again.returncode == 0 and "无需再次导入" in again.stderr
    tasks = cli(*unit, "catalogue", "tasks", "--catalogue", "dalian-2017", "--unit", "市人社局")
    assert tasks.returncode == 0 and "二（三）之一" in tasks.stdout
    shown = cli(*unit, "catalogue", "import", str(out))
    assert shown.returncode == 0 and json.loads(shown.stdout)["id"] == "dalian-2017"


def test_wrong_files_and_ids_get_one_line_reasons(cli, tmp_path):
    exchange = tmp_path / "市财政局.json"
    exchange.write_text(json.dumps({"format": "zwgk-report", "version": 1}), encoding="utf-8")
    done = cli("catalogue", "import", str(exchange), "--install")
    assert done.returncode == 2 and "交换文件" in done.stderr and "Traceback" not in done.stderr
    done = cli("catalogue", "publish", "no-such", "--out", str(tmp_path / "x.json"))
    assert done.returncode == 2 and "找不到要点目录“no-such”" in done.stderr
    done = cli("catalogue", "publish", "dalian-2016", "--out", str(tmp_path / "x.json"))
    assert done.returncode == 2 and "内置" in done.stderr
    assert not (tmp_path / "x.json").exists()


def test_the_self_check_publishes_imports_and_carries_last_year(cli):
    done = cli("smoke")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if "发布新要点，导入并沿用去年的报告" in x)
    assert "通过（第1版，40 项任务、3 个数据项；3 项任务附去年的答复）" in line

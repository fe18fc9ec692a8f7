"""Benchmark: 200 unit reports imported into office.db and the matrix built.

    python bench/bench_consolidate.py [--units 200] [--rounds 3]

Bar (issue 7): import + matrix in under 5 s. Baselines measured in the same run on the same
files: json-parsing the 200 payload texts already in memory, and reading the 200 files from
disk and json-parsing them (for the .docx half, unzipping the payload part with zipfile).
Prints figures and ratios; asserts nothing (a test never times anything).

The directory is extended to 200 units through the user's layer (``units.json`` in a temporary
data dir): 44 bundled units + 156 generated departments. Half the reports are exchange .json,
half .docx with the payload embedded.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import paths

BAR_SECONDS = 5.0


def setup(data_dir: Path, inbox: Path, n_units: int, text_chars: int) -> list[Path]:
    os.environ[paths.DATA_DIR_ENV] = str(data_dir)
    paths.set_data_dir(None)
    from desktop import catalogue, forms, units
    from tests.samples import unit_reports as samples

    bundled = units.load(overlay=Path("/nonexistent"))
    extra = [
        {
            "name": f"市第{n}局",
            "full_name": f"大连市第{n}局",
            "kind": "department",
            "categories": ["市政府各部门", "市政府相关部门"],
        }
        for n in range(1, max(0, n_units - len(bundled.units)) + 1)
    ]
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "units.json").write_text(
        json.dumps({"version": 1, "categories": [], "units": extra}, ensure_ascii=False),
        encoding="utf-8",
    )
    directory = units.load()
    cat = catalogue.load_builtin()
    form = forms.load(cat, directory=directory)
    files = []
    for i, unit in enumerate(directory.units[:n_units]):
        data = samples.make_payload(cat, form, directory, unit, measures_chars=text_chars)
        if i % 2:
            files.append(samples.write_docx(inbox / f"{unit.name}.docx", data))
        else:
            files.append(samples.write_json(inbox / f"{unit.name}.json", data))
    return files


def payload_texts(files: list[Path]) -> list[str]:
    from desktop.docx_payload import read

    return [read(f) if f.suffix == ".docx" else f.read_text(encoding="utf-8") for f in files]


def baseline_parse(texts: list[str]) -> float:
    t = time.perf_counter()
    for text in texts:
        json.loads(text)
    return time.perf_counter() - t


def baseline_read_parse(files: list[Path]) -> float:
    t = time.perf_counter()
    for f in files:
        if f.suffix == ".docx":
            with zipfile.ZipFile(f) as z:
                parts = (z.read(n) for n in z.namelist() if n.startswith("customXml/item"))
                raw = next(p for p in parts if b"urn:zwgk-report:payload" in p)
            text = raw[raw.index(b">{") + 1 : raw.rindex(b"}<") + 1]
            json.loads(text)
        else:
            json.loads(f.read_bytes())
    return time.perf_counter() - t


def run_once(data_dir: Path, inbox: Path) -> dict[str, float]:
    from desktop.consolidate.officedb import OfficeDB
    from desktop.consolidate.service import OfficeService

    db_path = data_dir / "office.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    # A missing office.db with backups beside it is restored from them (as it should be):
    # each round starts from nothing, so its backups go too.
    for old in (*data_dir.glob("backups/office-*.db"), *data_dir.glob("damaged/office-*")):
        old.unlink()
    service = OfficeService(OfficeDB(db_path))
    t0 = time.perf_counter()
    result = service.import_paths([inbox])
    t1 = time.perf_counter()
    c = service.consolidation()
    t2 = time.perf_counter()
    assert len(result.added) == len(list(inbox.iterdir())), result.messages()[:3]
    assert len(c.matrix.rows) >= len(result.added)
    again = service.import_paths([inbox])
    t3 = time.perf_counter()
    assert len(again.unchanged) == len(result.added)
    service.export_xlsx(data_dir / "汇总表.xlsx")
    t4 = time.perf_counter()
    return {
        "import": t1 - t0,
        "matrix": t2 - t1,
        "reimport_unchanged": t3 - t2,
        "xlsx": t4 - t3,
    }


def pad(text: str, cols: int, right: bool = False) -> str:
    """Pad to *cols* terminal columns (a Chinese character takes two)."""
    from desktop.commands.consolidate_cmd import width

    fill = " " * max(0, cols - width(text))
    return fill + text if right else text + fill


def cli_cold(data_dir: Path, inbox: Path) -> float:
    """The whole command as a user runs it: a fresh Python, imports, a fresh office.db."""
    import subprocess

    fresh = data_dir.parent / "cli-data"
    fresh.mkdir(exist_ok=True)
    (fresh / "units.json").write_bytes((data_dir / "units.json").read_bytes())
    main_py = Path(__file__).resolve().parent.parent / "main.py"
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(main_py), "--data-dir", str(fresh), "consolidate", str(inbox)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    elapsed = time.perf_counter() - t
    assert done.returncode == 0, done.stderr
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--text-chars", type=int, default=800, help="每项任务“主要做法”的字数（默认 800）"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        inbox = Path(tmp) / "reports"
        inbox.mkdir()
        t = time.perf_counter()
        files = setup(data_dir, inbox, args.units, args.text_chars)
        print(
            f"生成 {len(files)} 份报告（一半 .json、一半 .docx）：{time.perf_counter() - t:.2f} s"
        )
        texts = payload_texts(files)
        size = sum(f.stat().st_size for f in files)
        print(
            f"文件合计 {size / 1024 / 1024:.1f} MB，payload 合计 {sum(map(len, texts)) / 1024 / 1024:.1f} MB（字符）"
        )
        base_parse = min(baseline_parse(texts) for _ in range(args.rounds))
        base_read = min(baseline_read_parse(files) for _ in range(args.rounds))
        runs = [run_once(data_dir, inbox) for _ in range(args.rounds)]
        cold = cli_cold(data_dir, inbox)
    best = {k: min(r[k] for r in runs) for k in runs[0]}
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    total = min(r["import"] + r["matrix"] for r in runs)
    print()
    print(f"{pad('步骤', 36)}{pad('最好', 10, right=True)}{pad('中位', 10, right=True)}")
    rows = [
        ("基线：json 解析 200 份 payload", base_parse, base_parse),
        ("基线：读文件 + 解压 + json 解析", base_read, base_read),
        ("导入（读取、校验、写入 office.db）", best["import"], median["import"]),
        ("生成矩阵（含缺报、合计）", best["matrix"], median["matrix"]),
        ("重复导入（内容未变）", best["reimport_unchanged"], median["reimport_unchanged"]),
        ("导出汇总表 .xlsx", best["xlsx"], median["xlsx"]),
    ]
    for label, b, m in rows:
        print(f"{pad(label, 36)}{b:>9.3f}s{m:>9.3f}s")
    print()
    print(
        f"导入 + 生成矩阵（同一轮之和，三轮取最好）：{total:.2f} s（要求 < {BAR_SECONDS:.0f} s："
        f"{'达到' if total < BAR_SECONDS else '未达到'}）"
    )
    print(
        f"与基线之比：导入+矩阵 / json 解析 = {total / base_parse:.1f} 倍；"
        f"/ 读文件+解析 = {total / base_read:.1f} 倍"
    )
    print(f"命令行一次完成（新进程、空数据库，含 Python 启动）：{cold:.2f} s")
    print(
        f"每份报告：导入 {best['import'] / len(files) * 1000:.1f} ms，"
        f"其中基线读文件+解析 {base_read / len(files) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

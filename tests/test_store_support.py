"""Shared helpers for the store tests (this module holds no tests itself).

Reports are filled against the real catalogue, forms and unit directory, with values a clerk
would type (control characters from Word included).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop import catalogue as cat_mod
from desktop import forms, units
from desktop.applicability import tasks_for
from desktop.store import Store, task_scope
from tests.conftest import ROOT

WORD_PASTE = "第一段\x0b软回车\x07单元格\x0c分页\x00空字符\x1f\t制表\r\n换行\u2028行分隔\ufffe"


def real_context():
    catalogue = cat_mod.load_builtin()
    directory = units.load()
    return catalogue, forms.load(catalogue, directory=directory), directory


def fill_report(store: Store, unit: str = "市财政局", n_tasks: int | None = None) -> int:
    """A report with profile, texts, review and answered tasks (figures, evidence, N/A)."""
    catalogue, form, directory = real_context()
    rid = store.create_report(unit, catalogue.id)
    store.save_fields(
        rid,
        [
            ("profile", "issuer_name", unit),
            ("profile", "contact_name", "张三"),
            ("profile", "contact_phone", "0411-12345678"),
            ("profile", "leader_name", "李四"),
            ("profile", "leader_title", "副局长"),
            ("profile", "report_date", "2016-11-28"),
            ("texts", "overview", "我单位高度重视政务公开工作。" + WORD_PASTE),
            ("texts", "problems", "公开内容不够全面。"),
            ("texts", "plans", "进一步完善公开目录。"),
            ("review", "reviewer_name", "王五"),
            ("review", "review_date", "2016-11-27"),
            ("review", "confirmed", True),
        ],
    )
    duties = tasks_for(catalogue, directory, directory.unit(unit))
    for i, duty in enumerate(duties[:n_tasks] if n_tasks else duties):
        scope = task_scope(duty.task_id)
        if duty.optional and i % 4 == 1:
            store.save_fields(
                rid,
                [
                    (scope, "applicable", False),
                    (scope, "not_applicable_reason", "本单位不涉及该项工作"),
                ],
            )
            continue
        changes = [
            (scope, "applicable", True),
            (scope, "status", ("已完成", "持续推进", "未完成")[i % 3]),
            (scope, "measures", f"任务{duty.task_id}的主要做法：建立制度，开设专栏。"),
            (scope, "results", f"任务{duty.task_id}取得成效，访问量{100 + i}次。"),
            (
                scope,
                "evidence",
                [{"title": f"{duty.task_id}专栏", "url": "http://www.dl.gov.cn/x", "path": ""}],
            ),
        ]
        for fig in form.figures_for(duty.task_id, directory.unit(unit)):
            value = {"integer": 2, "decimal": 1.5, "boolean": True, "date": "2016-06-30"}.get(
                fig.type, "文字"
            )
            changes.append((scope, fig.store_key, value))
        store.save_fields(rid, changes)
    return rid


def file_hashes(data_dir: Path) -> dict[str, str]:
    """sha256 of answers.db and its side files (what "untouched" means)."""
    out = {}
    for name in ("answers.db", "answers.db-wal", "answers.db-shm"):
        p = data_dir / name
        if p.exists():
            out[name] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def snapshot(db_file: Path) -> tuple:
    """Everything saved in a database file, read with plain sqlite3 (read-only)."""
    conn = sqlite3.connect(f"{db_file.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return (
            conn.execute("SELECT unit, catalogue_id, status FROM reports ORDER BY id").fetchall(),
            conn.execute(
                "SELECT report_id, scope, key, value FROM field_values ORDER BY 1, 2, 3"
            ).fetchall(),
            conn.execute("SELECT scope, key, old, new FROM revisions ORDER BY id").fetchall(),
        )
    finally:
        conn.close()


def integrity(db_file: Path) -> str:
    conn = sqlite3.connect(str(db_file))
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def python(code: str, **kwargs) -> subprocess.Popen:
    """Start ``python -c code`` in the project root (same ZWGK_DATA_DIR as the test)."""
    return subprocess.Popen(
        [sys.executable, "-u", "-c", code],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        **kwargs,
    )

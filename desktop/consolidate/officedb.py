"""The office's own SQLite database (``office.db`` in the data dir) — not the clerks' store.

One row per (catalogue, unit) in ``reports`` holds the report in use; every report it replaced,
and every older report imported after a newer one, is kept in ``history`` so nothing a unit
sent is ever lost. ``batches`` and ``rejections`` remember what each import did.

Durability: WAL journal (set once, it persists) and ``synchronous=FULL`` on every connection,
so a committed import survives a power cut. Threads: each operation opens its own connection
(:meth:`OfficeDB.connect`), so a worker thread and the GUI thread never share one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.consolidate import OFFICE_DB_NAME
from desktop.errors import UserError

if TYPE_CHECKING:
    from sqlite_utils import Database

SCHEMA_VERSION = 1
_REPORT_COLUMNS = {
    "id": int,
    "catalogue_id": str,
    "unit": str,
    "known_unit": int,
    "source_name": str,
    "source_path": str,
    "source_kind": str,
    "source_mtime": float,
    "report_date": str,
    "exported_at": str,
    "status": str,
    "sha256": str,
    "payload": str,
    "imported_at": str,
    "batch_id": int,
}


class OfficeDBError(UserError):
    """The database cannot be opened or written; the message is Chinese and says what to do."""


def default_path() -> Path:
    return paths.data_dir() / OFFICE_DB_NAME


class OfficeDB:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._ready = False

    @contextmanager
    def connect(self) -> Iterator[Database]:
        """A fresh connection for this operation on this thread; closed afterwards."""
        from sqlite_utils import Database

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=15)
        except (OSError, sqlite3.Error) as exc:
            raise OfficeDBError(
                f"无法打开汇总数据库“{self.path}”：{exc}。请检查数据目录是否可写。"
            ) from exc
        try:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            db = Database(conn, execute_plugins=False)
            if not self._ready:
                self._migrate(db)
                self._ready = True
            yield db
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise OfficeDBError(
                    "汇总数据库正被另一个程序窗口使用，请稍后再试或关闭其他窗口。"
                ) from exc
            if isinstance(exc, sqlite3.OperationalError):
                raise
            raise OfficeDBError(
                f"汇总数据库“{self.path.name}”已损坏（{exc}）。"
                "请将它移到别处（或删除）后重新导入各单位报告。"
            ) from exc
        finally:
            conn.close()

    def _migrate(self, db: Database) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise OfficeDBError("汇总数据库由更新版本的程序创建，请升级本程序后再打开。")
        if version == SCHEMA_VERSION:
            return
        if not paths.is_network_path(self.path):
            db.execute("PRAGMA journal_mode=WAL")
        with db.atomic():
            db["reports"].create(_REPORT_COLUMNS, pk="id", if_not_exists=True)
            db["reports"].create_index(["catalogue_id", "unit"], unique=True, if_not_exists=True)
            db["history"].create(
                {**_REPORT_COLUMNS, "archived_at": str, "note": str}, pk="id", if_not_exists=True
            )
            db["history"].create_index(["catalogue_id", "unit"], if_not_exists=True)
            db["batches"].create(
                {
                    "id": int,
                    "started_at": str,
                    "files": int,
                    "imported": int,
                    "rejected": int,
                },
                pk="id",
                if_not_exists=True,
            )
            db["rejections"].create(
                {"id": int, "batch_id": int, "name": str, "path": str, "reason": str},
                pk="id",
                foreign_keys=[("batch_id", "batches", "id")],
                if_not_exists=True,
            )
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    # -- reads ---------------------------------------------------------------------------------
    def current(self, catalogue_id: str) -> list[dict]:
        """Rows of the reports in use for *catalogue_id* (payload as text), by unit name."""
        with self.connect() as db:
            return list(
                db.query(
                    "select * from reports where catalogue_id = ? order by unit", [catalogue_id]
                )
            )

    def catalogue_counts(self) -> dict[str, int]:
        with self.connect() as db:
            return {
                r["catalogue_id"]: r["n"]
                for r in db.query(
                    "select catalogue_id, count(*) as n from reports group by catalogue_id"
                )
            }

    def history(self, catalogue_id: str, unit: str) -> list[dict]:
        """Older reports of one unit, newest archive first (without the payload text)."""
        with self.connect() as db:
            return list(
                db.query(
                    "select id, source_name, report_date, status, imported_at, archived_at, note "
                    "from history where catalogue_id = ? and unit = ? order by id desc",
                    [catalogue_id, unit],
                )
            )

    def history_counts(self, catalogue_id: str) -> dict[str, int]:
        with self.connect() as db:
            return {
                r["unit"]: r["n"]
                for r in db.query(
                    "select unit, count(*) as n from history where catalogue_id = ? group by unit",
                    [catalogue_id],
                )
            }

    def last_batch(self) -> dict | None:
        with self.connect() as db:
            rows = list(db.query("select * from batches order by id desc limit 1"))
            if not rows:
                return None
            batch = rows[0]
            batch["rejections"] = list(
                db.query(
                    "select name, path, reason from rejections where batch_id = ? order by id",
                    [batch["id"]],
                )
            )
            return batch

"""The local SQLite store of the clerks' answers (Qt-free).

Public API (see ``docs/store.md``)::

    from desktop.store import open_store, Store, StoreError, OpenResult, ReportInfo, Revision
    from desktop.store.exchange import export_payload, import_payload
"""

from desktop.answers import task_scope  # re-exported: the store speaks in scopes
from desktop.store.errors import StoreError
from desktop.store.migrations import SCHEMA_VERSION
from desktop.store.opening import OpenResult, open_store
from desktop.store.repository import MAX_VALUE_CHARS, ReportInfo, Revision, Store

__all__ = [
    "MAX_VALUE_CHARS",
    "SCHEMA_VERSION",
    "OpenResult",
    "ReportInfo",
    "Revision",
    "Store",
    "StoreError",
    "open_store",
    "task_scope",
]

"""The second window on Windows: another process holds the data through ``msvcrt.locking``.

Run on Windows Python by the Wine check (``packaging/wine/check.sh``) and the Windows workflow;
tests/ui/test_wizard.py covers two windows in one process on every platform.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel

from tests.test_store_support import python
from tests.ui.test_wizard import field, make_window

pytestmark = pytest.mark.skipif(sys.platform != "win32", reason="Windows behaviour")

HOLDER = r"""
import sys
from desktop.store import open_store
store = open_store().store
rid = store.create_report("市水务局", "dalian-2016")
store.save_field(rid, "profile", "contact_name", "赵敏")
print("ready", flush=True)
sys.stdin.readline()
"""


def test_window_opened_while_another_process_holds_the_data_is_read_only(
    qtbot, open_services, answers
):
    holder = python(HOLDER)
    with holder:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        services = open_services()
        assert services.store.read_only
        window = make_window(qtbot, services)
        window.start_page.refresh()
        rid = services.store.find_report("市水务局", "dalian-2016")
        assert window.open_report(rid)
        view = window.report_view
        assert view.session.read_only
        banners = [w.text() for w in view.findChildren(QLabel) if "只能查看" in w.text()]
        assert banners == ["数据已在另一个窗口中打开，本窗口只能查看，不能修改。"]
        assert field(view, "contact_name").value() == "赵敏"
        editor = field(view, "contact_name")
        assert not editor.isEnabled() or not editor.focus_target().isEnabled()
        holder.communicate("\n", timeout=30)

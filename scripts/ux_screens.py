"""Screens of the wizard and the 汇总 window as a clerk sees them on a 1366×768 office monitor,
at 100% and 150% (README and docs/img/*-1366.png, *-150.png). Never used by the app or the
tests. Run under scripts/screenshot.sh (scripts/make-screenshots.sh does all of them):

    python scripts/ux_screens.py wizard DATA_DIR PAGE [UNIT]  # seed from the realistic
                                       # sample reports, open UNIT's at PAGE (or "start")
    python scripts/ux_screens.py office DATA_DIR [matrix|task]  # 汇总: import the sample
                                       # reports (some drafts), show the matrix or 一（六）

The window fills the screen as a maximised window would (there is no window manager on the
private X server).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import paths  # noqa: E402

REPORTS = ROOT / "tests" / "samples" / "reports"


def fill_screen(app) -> None:
    """Every top-level window takes the whole screen once shown (what maximising does)."""
    from PySide6.QtCore import QTimer

    def fit() -> None:
        for w in app.topLevelWidgets():
            if w.isWindow() and w.isVisible() and w.screen() is not None:
                w.setGeometry(w.screen().availableGeometry())

    for delay in (200, 800, 1500):
        QTimer.singleShot(delay, fit)


def seed_wizard(data: Path, page: str, unit: str = "中山区") -> None:
    from desktop.services import Services
    from desktop.settings import Settings
    from desktop.store import open_store
    from desktop.store.exchange import import_payload

    paths.set_data_dir(data)
    opened = open_store(data)
    services = Services(opened.store, Settings())
    catalogue = services.catalogue("dalian-2016")
    form = services.form(catalogue)
    ids = {}
    for name in ("zhongshan-qu-2016", "shi-caizhengju-2016"):
        payload = json.loads((REPORTS / f"{name}.json").read_text(encoding="utf-8"))
        if name.startswith("zhongshan"):
            payload["status"] = "draft"  # one draft, one final: the start page tells them apart
            payload["review"] = {}
        rid = import_payload(opened.store, payload, catalogue, form, services.directory())
        ids[payload["unit"]] = rid
    rid = ids[unit]
    if page == "start":
        services.settings.set("last_report_id", 0)
    else:
        opened.store.set_ui_state(rid, "last_page", page)
        services.settings.set("last_report_id", rid)
        if page in ("task:3.1.2", "review"):
            # A figure below what the 要点 asks and a result not yet written: what the task
            # page hints and the review lists.
            session = services.open_session(rid)
            session.set_value("task:3.1.2", "figures.head_interpretations", 0)
            session.set_value("task:1.6.1", "results", "")
            session.flush()
    opened.store.close()


def wizard(data: Path, page: str, unit: str) -> int:
    seed_wizard(data, page, unit)
    from desktop.ui import app as app_mod

    make_app = app_mod.make_app

    def wrapped(argv=None):
        app = make_app(argv)
        fill_screen(app)
        return app

    app_mod.make_app = wrapped
    return app_mod.run([])


def office(data: Path, tab: str) -> int:
    from desktop import catalogue as catalogue_mod
    from desktop import forms, units
    from desktop.consolidate.service import OfficeService
    from tests.samples import unit_reports as samples

    paths.set_data_dir(data)
    directory = units.load()
    catalogue = catalogue_mod.load_builtin()
    form = forms.load(catalogue, directory=directory)
    inbox = Path(tempfile.mkdtemp())
    for path in REPORTS.glob("*.json"):
        (inbox / path.name).write_bytes(path.read_bytes())
    silent = {"市委办公厅", "旅顺口区", "长海县", "保税区", "大连广播电视大学", "市审计局"}
    drafts = {"金州区", "市物价局", "大连大学"}
    for unit in directory.units:
        if unit.name in silent or unit.name in ("市财政局", "中山区"):
            continue
        data_ = samples.make_payload(
            catalogue, form, directory, unit, final=unit.name not in drafts
        )
        samples.write_json(inbox / f"{unit.name}.json", data_)
    service = OfficeService(directory=directory)
    service.import_paths([inbox])
    from desktop.ui.app import make_app
    from desktop.ui.office.window import OfficeWindow

    app = make_app()
    window = OfficeWindow(service)
    window.show()
    if tab == "task":
        window.refreshed.connect(lambda: window.show_task("1.6.1"))
    fill_screen(app)
    return app.exec()


if __name__ == "__main__":
    where = Path(sys.argv[2])
    more = sys.argv[3:]
    if sys.argv[1] == "wizard":
        page = more[0] if more else "start"
        sys.exit(wizard(where, page, more[1] if len(more) > 1 else "中山区"))
    sys.exit(office(where, more[0] if more else "matrix"))

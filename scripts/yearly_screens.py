"""Screens of the yearly features for README and docs/yearly.md (never used by the app or
the tests). Under scripts/make-screenshots.sh:

    python scripts/yearly_screens.py office DATA_DIR   # seed, then show the 汇总 window's
                                                        # 要点校对与发布 tab on 一（六）
    python scripts/yearly_screens.py unit DATA_DIR     # seed a unit with last year's report
                                                        # and the 2017 report open at 一（四）;
                                                        # then run `python main.py`
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import paths  # noqa: E402

SAMPLE = ROOT / "tests" / "samples" / "yearly" / "dalian-2017-yaodian.txt"
LAST_YEAR = ROOT / "tests" / "samples" / "reports" / "shi-caizhengju-2016.json"


def office(data: Path) -> None:
    from desktop.yearly.review import ReviewService

    paths.set_data_dir(data)
    service = ReviewService()
    draft = service.import_source(SAMPLE)
    service.save(draft)
    from desktop.ui.app import make_app

    app = make_app()
    from desktop.consolidate.service import OfficeService
    from desktop.ui.office.window import OfficeWindow

    window = OfficeWindow(OfficeService())
    window.move(0, 0)
    window.show()
    window.tabs.setCurrentWidget(window.review_tab)
    tab = window.review_tab
    tab.tree.setCurrentItem(tab.items[sys.argv[3] if len(sys.argv) > 3 else "1.6.1"])
    app.exec()


def unit(data: Path) -> None:
    from desktop.parser import parse_file
    from desktop.services import Services
    from desktop.settings import Settings
    from desktop.store import open_store
    from desktop.store.exchange import import_payload
    from desktop.yearly import installing
    from desktop.yearly import publication as pub_mod
    from desktop.yearly.draft import from_parse

    paths.set_data_dir(data)
    draft = from_parse(parse_file(SAMPLE, "dalian-2017"))
    pub = pub_mod.make(draft.catalogue, draft.figures_document(), 1)
    installing.install(installing.plan(pub))
    opened = open_store(data)
    services = Services(opened.store, Settings())
    catalogue = services.catalogue("dalian-2016")
    import json

    payload = json.loads(LAST_YEAR.read_text(encoding="utf-8"))
    import_payload(opened.store, payload, catalogue, services.form(catalogue), services.directory())
    report = services.start_report("市财政局", "dalian-2017")
    opened.store.set_ui_state(
        report, "last_page", sys.argv[3] if len(sys.argv) > 3 else "task:1.4.1"
    )
    services.settings.set("last_report_id", report)
    opened.store.close()


if __name__ == "__main__":
    {"office": office, "unit": unit}[sys.argv[1]](Path(sys.argv[2]))

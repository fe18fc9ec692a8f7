"""汇总: 市政府办公厅 imports every unit's report and sees the whole city at once.

Qt-free. The pieces, one concern each:

- :mod:`.reader` — find report files in folders and file lists, read one file (our ``.docx``
  with its embedded payload, or an exchange ``.json``) and validate it on its own;
- :mod:`.officedb` — the office's own SQLite database (``office.db`` in the data dir);
- :mod:`.importer` — a batch import: newest report per unit, older ones kept in history;
- :mod:`.matrix`, :mod:`.missing`, :mod:`.totals`, :mod:`.answers` — what the office looks at;
- :mod:`.xlsx_out` — the 汇总表 workbook; :mod:`.summary_doc` the 汇总报告's words and
  :mod:`.docx_out` its Word file (through the team's report writer, ``desktop.report``);
- :mod:`.consolidation` — the snapshot the views and outputs read (:class:`Consolidation`);
- :mod:`.service` — the one API the Qt views and the CLI call (:class:`OfficeService`).

Generated unit reports for the tests and the benchmark are ``tests/samples/unit_reports.py``.
"""

from __future__ import annotations

OFFICE_DB_NAME = "office.db"

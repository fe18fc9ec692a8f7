"""The office (市政府办公厅) side of the app: import every unit's report, see the whole city.

Entry point: :class:`desktop.ui.office.window.OfficeWindow` ``(service, parent=None)`` with a
:class:`desktop.consolidate.service.OfficeService`. The views call only that service; long work
runs through :mod:`desktop.ui.worker`; modal questions go through :mod:`desktop.ui.dialogs`.
"""

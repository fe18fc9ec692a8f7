"""Start: continue an existing report, or start one by picking the unit and the 要点."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import catalogue as catalogue_mod
from desktop.answers import FINAL
from desktop.applicability import tasks_for
from desktop.catalogue import CatalogueError
from desktop.errors import UserError
from desktop.schema import DataFileError
from desktop.services import Services
from desktop.ui import dialogs
from desktop.units import KIND_LABELS

STATUS_COLUMN = 2


class StartPage(QWidget):
    open_requested = Signal(int)  # report id
    office_requested = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        title = QLabel("政务公开工作要点落实情况报告", self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        outer.addWidget(title)
        outer.addWidget(
            QLabel("选择要继续填写的报告，或为本单位新建一份报告。所有内容自动保存在本机。", self)
        )

        columns = QHBoxLayout()
        outer.addLayout(columns, 1)

        # -- existing reports --------------------------------------------------------------------
        existing = QGroupBox("继续填写", self)
        ex_layout = QVBoxLayout(existing)
        self.reports = QTableWidget(0, 5, existing)
        self.reports.setHorizontalHeaderLabels(["填报单位", "要点", "状态", "进度", "最后修改"])
        self.reports.verticalHeader().setVisible(False)
        self.reports.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reports.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.reports.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reports.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.reports.setAccessibleName("已有报告")
        ex_layout.addWidget(self.reports, 1)
        self.empty_label = QLabel("本机还没有报告。请在右侧选择填报单位，点“开始填报”。", existing)
        self.empty_label.setWordWrap(True)
        ex_layout.addWidget(self.empty_label)
        self.open_button = QPushButton("打开所选报告(&O)", existing)
        ex_layout.addWidget(self.open_button)
        columns.addWidget(existing, 3)

        # -- new report --------------------------------------------------------------------------
        new = QGroupBox("新建报告", self)
        new_layout = QVBoxLayout(new)
        new_layout.addWidget(QLabel("1. 选择填报单位（输入名称可筛选）：", new))
        self.search = QLineEdit(new)
        self.search.setPlaceholderText("如：财政、中山区、高校")
        self.search.setClearButtonEnabled(True)
        new_layout.addWidget(self.search)
        self.units = QListWidget(new)
        self.units.setAccessibleName("单位列表")
        new_layout.addWidget(self.units, 1)
        unit_buttons = QHBoxLayout()
        self.add_unit_button = QPushButton("名录中没有？添加单位…", new)
        unit_buttons.addWidget(self.add_unit_button)
        unit_buttons.addStretch(1)
        new_layout.addLayout(unit_buttons)
        new_layout.addWidget(QLabel("2. 确认工作要点：", new))
        cat_row = QHBoxLayout()
        self.catalogues = QComboBox(new)
        # A long 要点 title must not widen this column at 150%: it is cut, whole in the list.
        self.catalogues.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.catalogues.setMinimumContentsLength(14)
        new_layout.addWidget(self.catalogues)  # the whole width: the title and 文号 show whole
        self.import_button = QPushButton("导入新的要点文件…", new)
        cat_row.addStretch(1)
        cat_row.addWidget(self.import_button)
        new_layout.addLayout(cat_row)
        self.unit_summary = QLabel(new)
        self.unit_summary.setWordWrap(True)
        new_layout.addWidget(self.unit_summary)
        self.start_button = QPushButton("开始填报(&S)", new)
        self.start_button.setDefault(True)
        new_layout.addWidget(self.start_button)
        columns.addWidget(new, 2)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.office_button = QPushButton("市政府办公厅：汇总各单位报告…", self)
        bottom.addWidget(self.office_button)
        outer.addLayout(bottom)

        self.search.textChanged.connect(self.fill_units)
        self.units.currentItemChanged.connect(lambda *_: self.update_summary())
        self.catalogues.currentIndexChanged.connect(lambda *_: self.update_summary())
        # Cut at 150%: the whole title and 文号 on hovering.
        self.catalogues.currentTextChanged.connect(self.catalogues.setToolTip)
        self.units.itemActivated.connect(lambda *_: self.start())
        self.start_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_selected)
        self.reports.itemActivated.connect(lambda *_: self.open_selected())
        self.add_unit_button.clicked.connect(self.add_unit)
        self.import_button.clicked.connect(self.import_catalogue)
        self.office_button.clicked.connect(self.office_requested.emit)
        self.refresh()

    # -- filling ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.fill_reports()
        self.fill_catalogues()
        self.fill_units(self.search.text())

    def fill_reports(self) -> None:
        infos = self.services.store.list_reports()
        self.reports.setRowCount(len(infos))
        for row, info in enumerate(infos):
            try:
                session = self.services.open_session(info.id)
                done, total = session.progress()
                progress = f"{done}/{total}"
                title = session.catalogue.title
            except UserError:
                progress, title = "—", info.catalogue_id
            final = info.status == FINAL
            updated = info.updated_at.replace("T", " ")[:16]
            if len(updated) == 16:
                updated = updated.replace(" ", "\u00a0")  # keep date and time on one line
            cells = [info.unit, title, "定稿" if final else "草稿", progress, updated]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                self.reports.setItem(row, col, item)
            status = self.reports.item(row, STATUS_COLUMN)
            status.setForeground(QBrush(QColor("#26734d" if final else "#8a5300")))
            status.setToolTip(
                "已审查定稿，可以报送" if final else "草稿：尚未在“审查定稿”页标记为定稿"
            )
        for col in (0, 2, 3, 4):
            self.reports.resizeColumnToContents(col)
        if infos:
            self.reports.selectRow(0)
        self.open_button.setEnabled(bool(infos))
        self.empty_label.setVisible(not infos)

    def fill_catalogues(self) -> None:
        current = self.catalogues.currentData() or catalogue_mod.BUILTIN_ID
        self.catalogues.blockSignals(True)
        self.catalogues.clear()
        for cid in catalogue_mod.available():
            try:
                cat = self.services.catalogue(cid)
            except CatalogueError:
                continue
            label = cat.label() + ("（内置）" if cid == catalogue_mod.BUILTIN_ID else "")
            self.catalogues.addItem(label, cid)
        index = max(self.catalogues.findData(current), 0)
        self.catalogues.setCurrentIndex(index)
        self.catalogues.blockSignals(False)
        self.catalogues.setToolTip(self.catalogues.currentText())

    def fill_units(self, text: str = "") -> None:
        selected = self.selected_unit()
        self.units.clear()
        for unit in self.services.directory().search(text):
            kind = KIND_LABELS.get(unit.kind, "")
            item = QListWidgetItem(f"{unit.name}　　{kind}")
            item.setData(Qt.ItemDataRole.UserRole, unit.name)
            item.setToolTip(unit.full_name or unit.name)
            self.units.addItem(item)
            if unit.name == selected:
                self.units.setCurrentItem(item)
        if self.units.currentItem() is None and self.units.count() == 1:
            self.units.setCurrentRow(0)
        self.update_summary()

    def selected_unit(self) -> str | None:
        item = self.units.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def update_summary(self) -> None:
        name = self.selected_unit()
        cid = self.catalogues.currentData()
        if not name or not cid:
            self.unit_summary.setText("请选择填报单位。")
            self.start_button.setEnabled(False)
            return
        directory = self.services.directory()
        unit = directory.unit(name)
        try:
            found = tasks_for(self.services.catalogue(cid), directory, unit)
        except CatalogueError as exc:
            self.unit_summary.setText(str(exc))
            self.start_button.setEnabled(False)
            return
        must = sum(1 for a in found if not a.optional)
        text = f"{name}需要报告 {must} 项任务"
        if len(found) > must:
            text += f"，另有 {len(found) - must} 项相关部门任务需确认是否适用"
        existing = self.services.store.find_report(name, cid)
        if existing is not None:
            text += "。该单位已有报告，将继续填写"
        self.unit_summary.setText(text + "。")
        self.start_button.setEnabled(not self.services.store.read_only or existing is not None)

    # -- actions ---------------------------------------------------------------------------------
    def start(self) -> None:
        name = self.selected_unit()
        cid = self.catalogues.currentData()
        if not name or not cid:
            return
        if self.services.store.read_only:
            existing = self.services.store.find_report(name, cid)
            if existing is None:
                dialogs.warn(self, "只读", "数据已在另一个窗口中打开，本窗口不能新建报告。")
                return
            self.open_requested.emit(existing)
            return
        from desktop.store import StoreError

        try:
            report_id = self.services.start_report(name, cid)
        except StoreError as exc:
            dialogs.error(self, "无法新建报告", str(exc))
            return
        self.open_requested.emit(report_id)

    def open_selected(self) -> None:
        row = self.reports.currentRow()
        item = self.reports.item(row, 0) if row >= 0 else None
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def add_unit(self) -> None:
        from desktop.ui.unit_dialog import UnitDialog

        dialog = UnitDialog(self.services.directory(), self)
        unit = dialog.run()
        if unit is None:
            return
        from desktop import units
        from desktop.fileio import FileWriteError
        from desktop.names import InvalidName

        try:
            units.save_user_unit(unit)
        except (DataFileError, FileWriteError, OSError, InvalidName) as exc:
            dialogs.error(self, "无法添加单位", f"无法保存单位名录：{exc}")
            return
        self.services.reload_directory()
        self.search.setText(unit.name)
        self.fill_units(unit.name)

    def import_catalogue(self) -> None:
        from desktop.ui.catalogue_import import import_catalogue_interactively

        cid = import_catalogue_interactively(self, self.services)
        if cid:
            self.fill_catalogues()
            self.catalogues.setCurrentIndex(max(self.catalogues.findData(cid), 0))

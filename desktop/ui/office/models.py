"""Qt item models over the plain data of :mod:`desktop.consolidate` (no SQL here)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop import dates
from desktop.consolidate.answers import TaskView
from desktop.consolidate.matrix import (
    COLOURS,
    OPTIONAL_OPEN,
    REPORT_DRAFT,
    REPORT_FINAL,
    REPORT_NONE,
    Matrix,
    Row,
)

UnitTaskRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex


def _brush(hex_colour: str) -> QBrush:
    return QBrush(QColor("#" + hex_colour))


REPORT_COLUMN = 0  # the unit's report: 定稿 / 草稿 / 未报送; task columns follow
REPORT_BRUSHES = {REPORT_FINAL: "FFFFFF", REPORT_DRAFT: "FFE699", REPORT_NONE: "D9D9D9"}


class MatrixModel(QAbstractTableModel):
    """Units (rows) × [their report, then the tasks] of a :class:`Matrix`, after the filters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.matrix: Matrix | None = None
        self.rows: list[Row] = []
        self.columns: list[str] = []
        self._brushes = {state: _brush(c) for state, c in COLOURS.items()}

    def show(self, matrix: Matrix | None, rows: list[Row], columns: list[str]) -> None:
        self.beginResetModel()
        self.matrix, self.rows, self.columns = matrix, rows, columns
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns) + 1

    def task_column(self, task_id: str) -> int:
        """The view column of a task."""
        return self.columns.index(task_id) + 1

    def task_at(self, column: int) -> str | None:
        """The task of a view column (None for the report column)."""
        return self.columns[column - 1] if 0 < column <= len(self.columns) else None

    def unit_task(self, index: AnyIndex) -> tuple[str, str | None]:
        return self.rows[index.row()].unit, self.task_at(index.column())

    def _report_data(self, row: Row, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return row.report_word
        if role == Qt.ItemDataRole.BackgroundRole:
            return _brush(REPORT_BRUSHES[row.report_word])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.report is None:
                return f"{row.unit}：尚未报送"
            if row.draft:
                return f"{row.unit}：报送的是草稿（未经定稿），{row.report.source_name}"
            return f"{row.unit}：已定稿，{row.report.source_name}"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.matrix is None:
            return None
        unit, task_id = self.unit_task(index)
        if task_id is None:
            return self._report_data(self.rows[index.row()], role)
        cell = self.matrix.cell(unit, task_id)
        if role == UnitTaskRole:
            return (unit, task_id)
        if cell is None:
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{unit}：{self.matrix.catalogue.ref(task_id)}不涉及本单位"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._brushes[cell.kind]
        if role == Qt.ItemDataRole.ForegroundRole:
            # A 相关部门 task the unit did not take up is not a gap: shown quietly.
            return QBrush(QColor("#8a8a8a" if cell.kind == OPTIONAL_OPEN else "#202020"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self.matrix.catalogue.display_name(task_id)
            return f"{unit} · {name}：{cell.text}（点击查看答复）"
        if role == StateRole:
            return cell.state
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self.matrix is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == REPORT_COLUMN:
                if role == Qt.ItemDataRole.DisplayRole:
                    return "报告"
                if role == Qt.ItemDataRole.ToolTipRole:
                    return "各单位报告的状态：定稿、草稿（尚未定稿）或未报送"
                return None
            task_id = self.task_at(section)
            if task_id is None:
                return None
            catalogue = self.matrix.catalogue
            if role == Qt.ItemDataRole.DisplayRole:
                return catalogue.ref(task_id)  # 一（二）之二: the 要点's numbering, not 1.2.2
            if role == Qt.ItemDataRole.ToolTipRole:
                text = catalogue.task(task_id).text
                return f"{catalogue.display_name(task_id)}\n{text[:120]}…（点击按任务查看）"
            return None
        if section >= len(self.rows):
            return None
        row = self.rows[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.unit + ("" if row.known else "（名录外）")
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.report is None:
                return f"{row.unit}：尚未报送"
            return f"{row.unit}：{row.report.source_name}，报告日期{dates.shown_iso(row.report.report_date)}"
        if role == Qt.ItemDataRole.ForegroundRole and row.report is None:
            return QBrush(QColor("#9a3412"))
        return None


class TaskModel(QAbstractTableModel):
    """One task: rows are the answer's parts, columns the units (lead units first)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.view: TaskView | None = None
        self._brushes = {state: _brush(c) for state, c in COLOURS.items()}

    def show(self, view: TaskView | None) -> None:
        self.beginResetModel()
        self.view = view
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.view is None else len(self.view.labels)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.view is None else len(self.view.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.view is None:
            return None
        label = self.view.labels[index.row()]
        column = self.view.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.values.get(label, "")
        if role == Qt.ItemDataRole.BackgroundRole and label == "完成状态":
            return self._brushes[column.kind]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self.view is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self.view.columns):
                return None
            column = self.view.columns[section]
            draft = "（草稿）" if column.draft else ""
            return f"{column.unit}{draft}\n（{column.role_label}）"
        if section >= len(self.view.labels):
            return None
        return self.view.labels[section]

"""The office window's tabs: the matrix with its filters and answer pane, the per-task view,
the missing list and the import log. Each shows a :class:`Consolidation` it is given."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import dates
from desktop.consolidate.answers import answer_view, task_view
from desktop.consolidate.consolidation import Consolidation
from desktop.consolidate.matrix import REPORT_WORDS, Matrix, Row
from desktop.numerals import cn_number
from desktop.ui.office.models import MatrixModel, TaskModel
from desktop.ui.plaintext import plain_label

ALL = "全部"


class Legend(QWidget):
    """One chip per state in its colour; the status words are the form's, so it is filled
    from each consolidation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(QLabel("图例："))
        self.row.addStretch(1)
        self.chips: list[QLabel] = []

    def show_matrix(self, matrix: Matrix) -> None:
        for chip in self.chips:
            self.row.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        for n, state in enumerate(matrix.states):
            chip = QLabel(state)
            chip.setFrameShape(QFrame.Shape.Box)
            colour = matrix.colour(state)
            chip.setStyleSheet(f"background:#{colour}; color:#202020; padding:1px 6px;")
            self.row.insertWidget(1 + n, chip)
            self.chips.append(chip)


class MatrixPanel(QWidget):
    """Filters above the matrix; the clicked cell's answer below it."""

    task_chosen = Signal(str)  # a column header was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.consolidation: Consolidation | None = None
        self.section = QComboBox()
        self.section.setObjectName("sectionFilter")
        self.category = QComboBox()
        self.category.setObjectName("categoryFilter")
        self.state = QComboBox()
        self.state.setObjectName("stateFilter")
        self.report = QComboBox()
        self.report.setObjectName("reportFilter")
        self.count = plain_label(QLabel())
        filters = QHBoxLayout()
        for label, combo in (
            ("部分", self.section),
            ("单位类别", self.category),
            ("报告", self.report),
            ("状态", self.state),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.count)

        self.model = MatrixModel(self)
        self.table = QTableView()
        self.table.setObjectName("matrixTable")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setDefaultSectionSize(96)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.clicked.connect(self._cell_clicked)
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)

        self.answer = QTextBrowser()
        self.answer.setObjectName("answerView")
        self.answer.setPlaceholderText("点击表中的单元格，查看该单位对这项任务的答复。")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.answer)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        self.legend = Legend()
        layout.addWidget(self.legend)
        layout.addWidget(split, 1)
        for combo in (self.section, self.category, self.report, self.state):
            combo.currentIndexChanged.connect(self.apply_filters)

    def show_consolidation(self, c: Consolidation) -> None:
        self.consolidation = c
        self._fill(
            self.section,
            [(f"{cn_number(s.no)}、{s.title[:14]}", s.no) for s in c.catalogue.sections],
        )
        self._fill(self.category, [(name, name) for name in c.matrix.category_names])
        self._fill(self.report, [(word, word) for word in REPORT_WORDS])
        self._fill(self.state, [(state, state) for state in c.matrix.states])
        self.legend.show_matrix(c.matrix)
        self.apply_filters()

    @staticmethod
    def _fill(combo: QComboBox, entries: list[tuple[str, object]]) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(ALL, None)
        for text, data in entries:
            combo.addItem(text, data)
        found = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def apply_filters(self) -> None:
        c = self.consolidation
        if c is None:
            return
        rows, columns = c.matrix.filtered(
            section=self.section.currentData(),
            category=self.category.currentData(),
            state=self.state.currentData(),
            report=self.report.currentData(),
        )
        self.model.show(c.matrix, rows, columns)
        # The 报告 column needs only “未报送”; the tasks get the room.
        self.table.setColumnWidth(0, self.table.fontMetrics().horizontalAdvance("未报送") + 20)
        reported = sum(1 for r in rows if r.reported)
        drafts = sum(1 for r in rows if r.draft)
        of_which = f"，其中草稿 {drafts} 份" if drafts else ""
        self.count.setText(
            f"显示 {len(rows)} 个单位（已报送 {reported}{of_which}）、{len(columns)} 项任务"
        )

    def _cell_clicked(self, index: QModelIndex) -> None:
        c = self.consolidation
        if c is None or not index.isValid():
            return
        unit, task_id = self.model.unit_task(index)
        if task_id is None:
            self.answer.setPlainText(report_summary(c.matrix.row(unit)))
            return
        view = answer_view(c.matrix, c.form, unit, task_id)
        if view is None:
            self.answer.setPlainText(f"{c.catalogue.display_name(task_id)}不涉及{unit}。")
            return
        text = view.text()
        older = c.history_counts.get(unit, 0)
        if older:
            text += f"\n\n（该单位另有{older}份较早或未采用的报告保存在历史记录中。）"
        self.answer.setPlainText(text)

    def _header_clicked(self, section: int) -> None:
        task_id = self.model.task_at(section)
        if task_id is not None:
            self.task_chosen.emit(task_id)


def report_summary(row: Row) -> str:
    """What the office reads when it clicks a unit's 报告 cell."""
    if row.report is None:
        return f"{row.unit}：尚未报送报告。"
    report = row.report
    date = dates.shown_iso(report.report_date)
    if row.draft:
        state = "草稿（报送单位尚未审查定稿，内容可能还会修改，可请该单位报送定稿）"
    else:
        state = "定稿"
    return f"{row.unit}\n\n报告：{report.source_name}\n状态：{state}\n报告日期：{date}"


class TaskPanel(QWidget):
    """One task, every unit's answer side by side (lead units first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.consolidation: Consolidation | None = None
        self.task = QComboBox()
        self.task.setObjectName("taskChooser")
        self.text = plain_label(QLabel())  # the 要点 text may come from an imported file
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = plain_label(QLabel())
        self.model = TaskModel(self)
        self.table = QTableView()
        self.table.setObjectName("taskTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setDefaultSectionSize(240)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        top = QHBoxLayout()
        top.addWidget(QLabel("任务"))
        top.addWidget(self.task, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.task.currentIndexChanged.connect(self._show_task)

    def show_consolidation(self, c: Consolidation) -> None:
        self.consolidation = c
        keep = self.task.currentData()
        self.task.blockSignals(True)
        self.task.clear()
        for task in c.catalogue.tasks():
            self.task.addItem(c.catalogue.display_name(task.id), task.id)
        self.task.setCurrentIndex(max(self.task.findData(keep), 0) if keep else 0)
        self.task.blockSignals(False)
        self._show_task()

    def choose(self, task_id: str) -> None:
        self.task.setCurrentIndex(self.task.findData(task_id))

    def _show_task(self) -> None:
        c = self.consolidation
        task_id = self.task.currentData()
        if c is None or task_id is None:
            self.model.show(None)
            return
        view = task_view(c.matrix, c.form, task_id)
        self.text.setText(f"（{view.item_title}）{view.task_text}")
        counts = c.matrix.counts(task_id)
        shown = "，".join(f"{s}{counts[s]}" for s in c.matrix.states[:5] if counts[s])
        self.summary.setText(f"涉及 {len(view.columns)} 个单位：{shown or '无'}")
        self.model.show(view)


class MissingPanel(QWidget):
    HEADERS = ("单位", "情况", "涉及任务", "说明")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label(QLabel())
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("missingTable")
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 260)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

    def show_consolidation(self, c: Consolidation) -> None:
        entries = c.missing
        silent = sum(1 for e in entries if e.kind == "no_report")
        self.title.setText(
            f"未报送报告 {silent} 个单位；报告中缺少牵头任务 {len(entries) - silent} 个单位。"
        )
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            for col, text in enumerate((e.unit, e.label, "、".join(e.task_refs), e.detail)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, col, item)


class LogPanel(QPlainTextEdit):
    """What the last imports and exports did, file by file (newest first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importLog")
        self.setReadOnly(True)
        self.setPlaceholderText("导入报告后，这里逐个列出未导入或未采用的文件及原因。")

    def add(self, lines: list[str]) -> None:
        self.setPlainText("\n".join([*lines, "", self.toPlainText()]).strip())

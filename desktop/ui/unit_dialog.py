"""Add a unit to the directory: its name, what it is, and which 要点 categories it belongs to."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.names import name_problem, normalise
from desktop.ui import dialogs
from desktop.units import KIND_LABELS, Directory, Unit

DEFAULT_CATEGORIES = {
    "department": ("市政府各部门", "市政府相关部门"),
    # As the bundled units.json files them: a district is reached by clauses naming the
    # districts alone (各县（市）区政府) and by those naming districts and 先导区 together.
    "district": ("各区市县政府和先导区管委会", "各区市县政府"),
    "pilot_zone": ("各区市县政府和先导区管委会", "各先导区管委会"),
    "university": ("市属各高校", "市直其他单位"),
}


class UnitDialog(QDialog):
    def __init__(self, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.setWindowTitle("添加单位")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("单位会保存在本机的单位名录中，以后新建报告时可直接选择。", self))
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("要点中使用的简称，如：市旅发委")
        self.name.setMaxLength(60)
        self.title_name = QLineEdit(self)
        self.title_name.setPlaceholderText("用于报告标题和落款，可留空（同简称）")
        self.title_name.setMaxLength(80)
        self.full_name = QLineEdit(self)
        self.full_name.setPlaceholderText("全称，如：大连市旅游发展委员会")
        self.full_name.setMaxLength(80)
        self.kind = QComboBox(self)
        for key, label in KIND_LABELS.items():
            self.kind.addItem(label, key)
        form.addRow("单位简称(&N)：", self.name)
        form.addRow("发文机关名称：", self.title_name)
        form.addRow("单位全称：", self.full_name)
        form.addRow("单位类型(&K)：", self.kind)
        layout.addLayout(form)
        layout.addWidget(QLabel("属于要点中的哪些类别（决定需要报告哪些任务）：", self))
        self.boxes: dict[str, QCheckBox] = {}
        for cat in directory.categories:
            if cat.all_units:
                continue
            box = QCheckBox(cat.label or cat.name, self)
            self.boxes[cat.name] = box
            layout.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        defaults = DEFAULT_CATEGORIES.get(self.kind.currentData(), ())
        for name, box in self.boxes.items():
            box.setChecked(name in defaults)

    def unit(self) -> Unit:
        return Unit(
            name=normalise(self.name.text()),
            categories=tuple(n for n, b in self.boxes.items() if b.isChecked()),
            full_name=normalise(self.full_name.text()),
            title_name=normalise(self.title_name.text()),
            kind=self.kind.currentData(),
            user_added=True,
        )

    def _accept(self) -> None:
        name = normalise(self.name.text())
        if not name:
            dialogs.warn(self, "请填写单位简称", "请填写单位简称。")
            return
        known = self.directory.unit(name)
        if known is not None:
            same = "" if known.name == name else f"（即“{known.name}”）"
            dialogs.warn(self, "单位已存在", f"名录中已有“{name}”{same}，请直接在列表中选择。")
            return
        problem = self.directory.name_problem(name, "单位简称")
        for field, what in ((self.title_name, "发文机关名称"), (self.full_name, "单位全称")):
            problem = problem or name_problem(field.text(), what, max_length=80, allow_empty=True)
        if problem:
            dialogs.warn(self, "名称不能使用", problem)
            return
        self.accept()

    def run(self) -> Unit | None:
        if dialogs.run_dialog(self) == QDialog.DialogCode.Accepted:
            return self.unit()
        return None

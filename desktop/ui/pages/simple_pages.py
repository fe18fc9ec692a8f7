"""Pages that are a plain list of fields: 封面信息 (profile) and 报告正文 (report-level texts)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.forms import FieldSpec
from desktop.ui.context import PageContext
from desktop.ui.pages.base import FieldBlock, Page, scroll


class FieldsPage(Page):
    def __init__(
        self,
        ctx: PageContext,
        key: str,
        scope: str,
        title: str,
        subtitle: str,
        fields: list[FieldSpec],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, title, subtitle, parent)
        self.key = key
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 8, 0)
        for spec in fields:
            block = FieldBlock(ctx, scope, spec, inner)
            self.fields[spec.key] = block
            layout.addWidget(block)
        layout.addStretch(1)
        self.body.addWidget(scroll(inner))
        self.refresh()

    def refresh(self) -> None:
        for block in self.fields.values():
            block.load()


def profile_page(ctx: PageContext) -> FieldsPage:
    from desktop.yearly.carry import CARRIED_STATE

    unit = ctx.session.unit
    subtitle = (
        f"填报单位：{unit.full_name or unit.name}。这些信息用于报告标题、落款和附注中的联系人。"
    )
    if ctx.session.get_ui_state(CARRIED_STATE) is not None:
        subtitle += "已沿用本单位上一份报告的封面信息，请核对，有变化的请修改。"
    return FieldsPage(
        ctx, "profile", "profile", "封面信息", subtitle, ctx.session.form.profile_fields
    )


def texts_page(ctx: PageContext) -> FieldsPage:
    return FieldsPage(
        ctx,
        "texts",
        "texts",
        "报告正文",
        "总体情况写在“一、工作开展情况”之下；存在的问题、下一步工作打算各成一部分。报告不得夹带请示事项。",
        ctx.session.form.report_fields,
    )

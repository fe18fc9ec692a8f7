"""Untrusted text on screen is plain text — tooltips included.

Qt renders any string that *might be* rich text as HTML: an answer from a unit's report
containing ``<img src="file:///…">`` in a tooltip made Qt load that file (on Windows a UNC path
``\\\\server\\share`` would connect out). :class:`PlainToolTips`, installed on the application
once (:func:`install`), intercepts every tooltip — of widgets, item views and their headers —
and shows its text escaped and clipped, whatever model or widget it came from. Labels that
show data use :func:`plain_label` (or escape what they put in rich text themselves).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QToolTip,
    QWidget,
)

MAX_TIP_CHARS = 2000  # a 10 MB paste must not become a 10 MB tooltip


def as_plain_tip(text: str) -> str:
    """*text* as a tooltip that Qt shows character for character (line breaks kept)."""
    if len(text) > MAX_TIP_CHARS:
        text = text[:MAX_TIP_CHARS] + "…"
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def plain_label(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _tip_text(widget: QWidget, event: QHelpEvent) -> object:
    view = widget.parentWidget()
    if isinstance(view, QAbstractItemView) and widget is view.viewport():
        model = view.model()
        if model is None:
            return None
        if isinstance(view, QHeaderView):
            section = view.logicalIndexAt(event.pos())
            if section < 0:
                return None
            return model.headerData(section, view.orientation(), Qt.ItemDataRole.ToolTipRole)
        index = view.indexAt(event.pos())
        if index.isValid():
            return index.data(Qt.ItemDataRole.ToolTipRole)
        return view.toolTip() or None
    return widget.toolTip()


class PlainToolTips(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(obj, QWidget):
            return False
        assert isinstance(event, QHelpEvent)
        text = _tip_text(obj, event)
        if not isinstance(text, str) or not text:
            return False  # nothing of ours to show: Qt hides any tooltip as usual
        QToolTip.showText(
            event.globalPos(), as_plain_tip(text), obj, QRect(), obj.toolTipDuration()
        )
        return True


def install(app: QApplication) -> None:
    if getattr(app, "_zwgk_plain_tips", None) is None:
        tips = PlainToolTips(app)
        app.installEventFilter(tips)
        app._zwgk_plain_tips = tips  # type: ignore[attr-defined]

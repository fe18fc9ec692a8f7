"""Python's cycle collector runs on the GUI thread only.

Python collects reference cycles in whichever thread allocates when a threshold is crossed —
a worker thread of the pool too (:mod:`desktop.ui.worker`). A cycle that holds a Qt object (a
closed window and a slot that refers back to it) is then destroyed off the GUI thread, and Qt
crashes: seen as a segmentation fault “Garbage-collecting” in a 汇总 build in the pool while
the GUI thread waited. So automatic collection is off, and a timer on the GUI thread does what
it would have done, generation by generation, with Python's own thresholds (the recipe of
pyqtgraph's ``GarbageCollector``).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Installed once per application by :func:`desktop.ui.app.configure`."""

    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect what the automatic collector would have collected by now."""
        counts = gc.get_count()
        generation = -1
        for n, (count, threshold) in enumerate(zip(counts, self.thresholds, strict=True)):
            if count <= threshold:
                break
            generation = n
        if generation >= 0:
            gc.collect(generation)

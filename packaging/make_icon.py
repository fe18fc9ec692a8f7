"""Draw the app icon and write ``packaging/icon/zwgk.ico`` (Windows) and ``zwgk.png``.

The icon is drawn by code so it can be changed and regenerated; the generated files are
committed, so the build never depends on fonts. Run after changing the drawing::

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py

A red rounded square (公文红) with a white 报 (报告). The .ico holds 16–48 px as 32-bit
bitmaps (crisp in Explorer lists and the taskbar on every Windows 10) and 256 px as PNG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "icon"
SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
RED = "#C4161C"


def draw(size: int):
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = max(0.5, size * 0.03)
    rect = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(RED))
    p.drawRoundedRect(rect, size * 0.18, size * 0.18)
    font = QFont(["Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun"])
    font.setPixelSize(max(8, round(size * 0.72)))
    font.setWeight(QFont.Weight.Black)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "报")
    p.end()
    return img


def png_bytes(img) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data.data())


def dib_bytes(img) -> bytes:
    """A 32-bit BGRA DIB as .ico wants it: header with double height, bottom-up rows, then
    an all-zero AND mask (the alpha channel does the masking)."""
    w, h = img.width(), img.height()
    header = struct.pack("<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(h)):
        row = bytearray()
        for x in range(w):
            argb = img.pixel(x, y)
            row += struct.pack("<I", argb)  # little-endian ARGB == B, G, R, A
        rows.append(bytes(row))
    mask_row = ((w + 31) // 32) * 4
    return header + b"".join(rows) + b"\0" * (mask_row * h)


def write_ico(path: Path, images: dict[int, bytes]) -> None:
    entries, blobs = [], []
    offset = 6 + 16 * len(images)
    for size, blob in sorted(images.items()):
        dim = 0 if size >= 256 else size
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    path.write_bytes(struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(blobs))


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts need an application
    HERE.mkdir(exist_ok=True)
    images = {}
    for size in SIZES:
        img = draw(size)
        images[size] = png_bytes(img) if size >= 256 else dib_bytes(img)
    write_ico(HERE / "zwgk.ico", images)
    draw(256).save(str(HERE / "zwgk.png"), "PNG")
    print(f"wrote {HERE / 'zwgk.ico'} ({len(SIZES)} sizes) and {HERE / 'zwgk.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

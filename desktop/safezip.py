"""The one reader for .docx/.zip files that came from elsewhere.

Opening an archive is decided on its central directory, before anything is decompressed:

* the archive itself is read bounded (:func:`desktop.safeio.read_bounded`);
* member count, each member's size, the total size and the compression ratio of large members
  are limited (a 494 KB .docx inflating to 315 MB is refused, not parsed into 7 GB of XML);
* members with the encryption flag, a compression method other than stored/deflate (method 99
  is AES), or a name that appears twice are refused — ``zipfile`` would raise
  ``RuntimeError``/``NotImplementedError`` deep inside a caller;
* reading a member is bounded by its declared size (``zipfile`` stops there and checks the
  CRC), and every failure while decompressing becomes :class:`UnsafeArchive`.

Callers that hand the file to python-docx (the GB/T 9704 checker, the Word template) call
:func:`checked_bytes` first: once the central directory passed, python-docx's own reading is
bounded by the same declared sizes.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from desktop.errors import UserError
from desktop.safeio import UnreadableFile, read_bounded

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    archive_bytes: int = 60 * MB  # the .docx/.zip file itself
    members: int = 2000
    member_bytes: int = 40 * MB  # any one member, uncompressed
    xml_bytes: int = 20 * MB  # an XML part parsed whole (.xml, .rels): lxml needs ~20× in RAM
    total_bytes: int = 200 * MB  # all members, uncompressed
    ratio: int = 200  # uncompressed / compressed, for members over ratio_floor
    ratio_floor: int = 1 * MB


DOCX = Limits()


class UnsafeArchive(UserError, ValueError):
    """The archive cannot be read safely; ``str()`` is a Chinese sentence naming the file."""


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


class SafeZip:
    """A checked archive; :meth:`read` gives one member's bytes, bounded."""

    def __init__(self, data: bytes, name: str = "文件", limits: Limits = DOCX) -> None:
        self.name = name
        self.limits = limits
        if len(data) > limits.archive_bytes:
            raise self._error("文件过大，不像是 Word 文档，已拒绝读取")
        if not data.startswith(b"PK"):
            raise self._error("不是 Word（.docx）文件，或文件已损坏")
        try:
            self._zip = zipfile.ZipFile(BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
            raise self._error("文件已损坏或不完整，无法打开") from exc
        self._check(infos)
        self._infos = {i.filename: i for i in infos}

    def _error(self, reason: str) -> UnsafeArchive:
        return UnsafeArchive(f"{self.name}：{reason}")

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        lim = self.limits
        if len(infos) > lim.members:
            raise self._error(f"文件结构异常（超过 {lim.members} 个条目），已拒绝读取")
        seen: set[str] = set()
        total = 0
        for info in infos:
            if info.filename in seen:
                raise self._error("文件结构异常（同名条目重复，内容无法确定），已拒绝读取")
            seen.add(info.filename)
            if info.flag_bits & 0x1:
                raise self._error(
                    "文件已加密（设置了打开密码），无法读取。请去掉密码后重新保存，再发送"
                )
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self._error(
                    f"文件使用了不支持的压缩方式（{info.compress_type}），"
                    "可能被压缩软件加密或改动过。请用 Word 或 WPS 重新保存后再发送"
                )
            limit = lim.xml_bytes if _is_xml(info.filename) else lim.member_bytes
            big = info.file_size > limit
            ratio = info.file_size > lim.ratio_floor and info.file_size > lim.ratio * max(
                info.compress_size, 1
            )
            if big or ratio:
                raise self._error("解压后的内容异常庞大（疑似压缩炸弹），已拒绝读取")
            total += info.file_size
        if total > lim.total_bytes:
            raise self._error("解压后的内容异常庞大（疑似压缩炸弹），已拒绝读取")

    # -- reading -------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, member: str) -> bool:
        return member in self._infos

    def size(self, member: str) -> int:
        return self._infos[member].file_size

    def read(self, member: str) -> bytes:
        """The member's bytes (never more than its declared, checked size)."""
        info = self._infos[member]
        try:
            with self._zip.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            ValueError,
            RuntimeError,
            NotImplementedError,
        ) as exc:
            raise self._error("文件已损坏或不完整（内容无法解压）") from exc
        if len(data) > info.file_size:
            raise self._error("文件结构异常（内容比声明的大），已拒绝读取")
        return data

    def read_optional(self, member: str) -> bytes | None:
        return self.read(member) if member in self._infos else None

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_bytes(data: bytes, name: str = "文件", limits: Limits = DOCX) -> SafeZip:
    return SafeZip(data, name, limits)


def read_archive(
    path: str | os.PathLike[str], name: str | None = None, limits: Limits = DOCX
) -> bytes:
    """The bytes of the archive at *path*, read bounded; :class:`UnsafeArchive` otherwise."""
    path = Path(path)
    try:
        return read_bounded(path, limits.archive_bytes, "Word 文件")
    except UnreadableFile as exc:
        raise UnsafeArchive(f"{name or path.name}：无法读取，{exc.reason}") from exc


def open_path(path: str | os.PathLike[str], name: str | None = None, limits: Limits = DOCX):
    path = Path(path)
    return SafeZip(read_archive(path, name, limits), name or path.name, limits)


def source_bytes(
    source: str | os.PathLike[str] | bytes, name: str | None = None, limits: Limits = DOCX
) -> tuple[bytes, str]:
    """(bytes, name to quote) of an archive given as a path (read bounded) or as bytes already
    read. Raises :class:`UnsafeArchive` when the file cannot be read."""
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), name or "文件"
    name = name or Path(source).name
    return read_archive(source, name, limits), name


def checked_bytes(
    source: str | os.PathLike[str] | bytes, name: str | None = None, limits: Limits = DOCX
) -> bytes:
    """The archive's bytes after its central directory passed every check: hand them to
    python-docx (``docx.Document(BytesIO(data))``). Raises :class:`UnsafeArchive`."""
    data, name = source_bytes(source, name, limits)
    SafeZip(data, name, limits).close()
    return data

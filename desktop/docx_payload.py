"""The report's answers, embedded in its .docx as a custom XML part, and read back safely.

Writing: :func:`embed` adds ``/customXml/itemN.xml`` (with its ``itemProps`` part, as Word
expects) related to the main document. The payload JSON is stored ASCII-escaped inside one
element, so no character of a clerk's text can break the XML.

Reading (:func:`read`) treats the file as hostile: the archive goes through
:mod:`desktop.safezip` (size, ratio, member count, encryption and compression method checked
before anything is decompressed), no DTDs or entities (XXE), nothing fetched or executed.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from desktop.errors import UserError
from desktop.safezip import Limits

if TYPE_CHECKING:
    from docx.document import Document

NS = "urn:zwgk-report:payload"
ROOT_TAG = f"{{{NS}}}report"
PART_VERSION = "1"
MAX_DOCX_BYTES = 60 * 1024 * 1024
MAX_PART_BYTES = 40 * 1024 * 1024
# The payload part is one text node (cheap to parse) and may be larger than a body XML part:
# Chinese text ASCII-escaped takes 6 bytes a character.
PAYLOAD_LIMITS = Limits(
    archive_bytes=MAX_DOCX_BYTES, member_bytes=MAX_PART_BYTES, xml_bytes=MAX_PART_BYTES
)

_SAFE = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, dtd_validation=False
)


class DocxPayloadError(UserError):
    """The file cannot give a payload; ``str()`` is a Chinese reason for the user."""


def payload_xml(payload_text: str) -> bytes:
    data = json.loads(payload_text)
    ascii_text = json.dumps(data, ensure_ascii=True, sort_keys=True)
    root = etree.Element(ROOT_TAG, nsmap={"zwgk": NS})
    root.set("version", PART_VERSION)
    root.text = ascii_text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def embed(document: Document, payload_text: str) -> None:
    """Attach the payload to a python-docx document before it is saved."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    existing = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in existing:
        n += 1
    item = Part(
        PackURI(f"/customXml/item{n}.xml"), "application/xml", payload_xml(payload_text), package
    )
    guid = "{" + str(uuid.uuid4()).upper() + "}"
    props_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
        '<ds:datastoreItem ds:itemID="' + guid + '" '
        'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NS}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()
    props = Part(
        PackURI(f"/customXml/itemProps{n}.xml"),
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        props_xml,
        package,
    )
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)


def read(source: bytes | str | Path, name: str | None = None) -> str:
    """The payload JSON text embedded in a .docx. Raises :class:`DocxPayloadError`."""
    from desktop.safezip import UnsafeArchive, open_bytes, source_bytes

    try:
        data, name = source_bytes(source, name, PAYLOAD_LIMITS)
        with open_bytes(data, name, PAYLOAD_LIMITS) as archive:
            if not archive.has("word/document.xml"):
                raise DocxPayloadError(f"{name}：不是 Word 文档（缺少正文部分）")
            for member in archive.names():
                if not re.fullmatch(r"customXml/item\d+\.xml", member):
                    continue
                text = _payload_text(archive.read(member), name)
                if text is not None:
                    return text
    except UnsafeArchive as exc:
        raise DocxPayloadError(str(exc)) from exc
    raise DocxPayloadError(
        f"{name}：不含本程序的报告数据（可能不是用本程序导出的，或被其他软件另存过）。"
        "请让该单位用本程序重新导出，或提供交换文件（.json）。"
    )


def _payload_text(blob: bytes, name: str) -> str | None:
    """The payload in one customXml part, or None when the part is someone else's."""
    if NS.encode() not in blob:
        return None
    if b"<!DOCTYPE" in blob or b"<!ENTITY" in blob:
        raise DocxPayloadError(f"{name}：内嵌数据含有不安全的 XML 声明，已拒绝读取")
    try:
        root = etree.fromstring(blob, _SAFE)
    except etree.XMLSyntaxError as exc:
        raise DocxPayloadError(f"{name}：内嵌数据已损坏，无法读取") from exc
    if root.tag != ROOT_TAG:
        return None
    version = root.get("version", "")
    if not version.isdigit() or int(version) > int(PART_VERSION):
        raise DocxPayloadError(
            f"{name}：由更新版本的程序导出（数据版本{version[:10]}），请升级本程序后再导入"
        )
    return root.text or ""

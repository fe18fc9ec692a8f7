"""Property-based fuzzing (Hypothesis) of what reads untrusted input: payload validation, the
importer, the safe readers, the name validator and the 要点 parser's public entry points.

Deterministic and bounded: ``derandomize=True`` (the same examples on every run and every
machine, so CI never flakes), no example database, a fixed number of examples per property.
The property is always the same: hostile input gives the reader's own Chinese error (or a
result) — never any other exception.
"""

from __future__ import annotations

import copy
import json
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import payload, safejson
from desktop.consolidate.officedb import OfficeDB
from desktop.consolidate.reader import CatalogueCache, RejectedFile, read_file
from desktop.consolidate.service import OfficeService
from desktop.docx_payload import DocxPayloadError
from desktop.docx_payload import read as read_docx_payload
from desktop.names import InvalidName, check_name, name_problem, normalise
from desktop.safezip import UnsafeArchive, open_bytes
from tests.samples import unit_reports as samples

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
FEW = settings(FUZZ, max_examples=20)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["已完成", "final", "draft", "1.6.1", "市政府各部门", "\u200b", "9999-12-31"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def good_payload(catalogue, form, directory_bundled) -> dict:
    return samples.make_payload(catalogue, form, directory_bundled, "市财政局")


def _paths(value, prefix=()):
    """Every (path, value) inside a JSON document, for mutation."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


def _replace(doc, path, new):
    if not path:
        return new
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return doc


# -- payload validation ------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_validation_never_raises_on_a_mutated_report(
    data, good_payload, catalogue, form, directory_bundled
):
    doc = copy.deepcopy(good_payload)
    paths = list(_paths(doc))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = list(_paths(doc)) or [()]
        path = data.draw(st.sampled_from(paths))
        doc = _replace(doc, path, data.draw(json_values))
    if not isinstance(doc, dict):
        return
    doc.setdefault("format", payload.FORMAT)
    problems = payload.validate(doc, catalogue, form, directory_bundled)
    assert isinstance(problems, list) and all(isinstance(p, str) for p in problems)
    assert all(len(p) < 2000 for p in problems)
    if not problems:
        # What validates can be written, hashed and stored — the steps that used to crash.
        payload.dumps(doc).encode("utf-8")


@FUZZ
@given(extra=st.dictionaries(st.sampled_from(sorted(payload.ALLOWED_TOP)), json_values))
def test_validation_never_raises_on_random_top_level_values(
    extra, good_payload, catalogue, form, directory_bundled
):
    doc = {**copy.deepcopy(good_payload), **extra, "format": payload.FORMAT, "version": 1}
    assert isinstance(payload.validate(doc, catalogue, form, directory_bundled), list)


@FUZZ
@given(raw=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_parse_gives_only_payload_errors(raw):
    try:
        assert isinstance(payload.parse(raw), dict)
    except payload.PayloadError as exc:
        assert exc.problems and all(isinstance(p, str) for p in exc.problems)


# -- safe readers ------------------------------------------------------------------------------

plain_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=25,
)


@FUZZ
@given(value=plain_json)
def test_safejson_reads_what_json_writes(value):
    assert safejson.loads(json.dumps(value)) == value
    assert safejson.loads(json.dumps(value, ensure_ascii=False).encode("utf-8")) == value


@FUZZ
@given(text=st.text(alphabet='[]{}",:0123456789.eE+-\\ntrufalsNIiy \ud800', max_size=300))
def test_safejson_gives_only_its_own_error_on_json_like_noise(text):
    try:
        safejson.loads(text)
    except safejson.JSONProblem as exc:
        assert str(exc) and str(exc).isprintable()


@pytest.fixture(scope="module")
def good_docx(good_payload, tmp_path_factory) -> bytes:
    return samples.write_docx(
        tmp_path_factory.mktemp("docx") / "好.docx", good_payload
    ).read_bytes()


@FUZZ
@given(data=st.data())
def test_zip_reader_gives_only_its_own_error_on_damaged_archives(data, good_docx):
    blob = bytearray(good_docx)
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(blob) - 1))
        blob[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        blob = blob[: data.draw(st.integers(0, len(blob)))]
    try:
        with open_bytes(bytes(blob), "样本.docx") as archive:
            for member in archive.names():
                archive.read(member)
    except UnsafeArchive as exc:
        assert str(exc).startswith("样本.docx：")
    try:
        read_docx_payload(bytes(blob), "样本.docx")
    except DocxPayloadError:
        pass


# -- the importer ------------------------------------------------------------------------------


def _hostile_file(data, good_payload, good_docx) -> tuple[str, bytes]:
    kind = data.draw(st.sampled_from(["mutated-json", "random-json", "damaged-docx", "bytes"]))
    if kind == "mutated-json":
        doc = copy.deepcopy(good_payload)
        path = data.draw(st.sampled_from(list(_paths(doc))))
        doc = _replace(doc, path, data.draw(json_values))
        return ".json", json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")
    if kind == "random-json":
        return ".json", json.dumps(data.draw(json_values)).encode()
    if kind == "damaged-docx":
        blob = bytearray(good_docx)
        for _ in range(4):
            blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
        return ".docx", bytes(blob)
    return data.draw(st.sampled_from([".json", ".docx"])), data.draw(st.binary(max_size=300))


@FEW
@given(data=st.data())
def test_import_of_one_hostile_file_beside_a_good_one(
    data, good_payload, good_docx, catalogue, form, directory_bundled
):
    suffix, blob = _hostile_file(data, good_payload, good_docx)
    good = samples.make_payload(catalogue, form, directory_bundled, "中山区")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        samples.write_json(folder / "好.json", good)
        hostile = folder / f"恶意{suffix}"
        hostile.write_bytes(blob)
        try:
            read_file(hostile, CatalogueCache(directory_bundled), directory_bundled)
        except RejectedFile as exc:
            assert exc.rejected.reason
        service = OfficeService(OfficeDB(Path(tmp) / "office.db"), directory=directory_bundled)
        result = service.import_paths([folder])
        assert "中山区" in [r.unit for r in result.added]
        assert result.files_seen == 2
        service.consolidation()  # the matrix builds with whatever was accepted


# -- names -------------------------------------------------------------------------------------


@FUZZ
@given(text=st.text(max_size=40) | st.sampled_from(["市政府各部门", "大连市财政局", "\x01", "🏛"]))
def test_name_validator_never_raises_and_accepted_names_are_stable(text, directory_bundled):
    problem = name_problem(text, directory=directory_bundled)
    if problem is None:
        name = check_name(text)
        assert name == normalise(name) and name_problem(name) is None
    else:
        assert problem.isprintable()
        with pytest.raises(InvalidName):
            check_name(text, directory=directory_bundled)


# -- the 要点 parser (public entry points only) ------------------------------------------------

SOURCE = Path(__file__).resolve().parent.parent / "forms" / "sources" / "dalian-2016-yaodian.txt"


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


@FUZZ
@given(data=st.data())
def test_parser_gives_a_result_or_its_own_error_on_mutated_notices(data, source_lines):
    from desktop.parser import ParseError, parse_lines

    lines = list(source_lines)
    for _ in range(data.draw(st.integers(1, 5))):
        op = data.draw(st.sampled_from(["drop", "dup", "insert", "renumber", "cut"]))
        i = data.draw(st.integers(0, len(lines) - 1)) if lines else 0
        if op == "drop" and lines:
            del lines[i]
        elif op == "dup" and lines:
            lines.insert(i, lines[i])
        elif op == "insert":
            lines.insert(i, data.draw(st.text(max_size=60)))
        elif op == "renumber":
            lines.insert(
                i, data.draw(st.sampled_from(["1000、", "（一千）", "一百、", "（99）"])) + "测试"
            )
        elif op == "cut" and lines:
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
    try:
        result = parse_lines(lines)
    except ParseError as exc:
        assert str(exc)
    else:
        assert result.catalogue.task_ids() is not None


@FUZZ
@given(
    raw=st.binary(max_size=600)
    | st.text(max_size=300).map(lambda t: t.encode("utf-16"))
    | st.text(max_size=300).map(lambda t: t.encode("utf-16")[:-1])
    | st.text(max_size=300).map(lambda t: t.encode("gb18030", "replace")),
    suffix=st.sampled_from([".txt", ".docx"]),
)
def test_parse_file_gives_only_its_own_errors_on_any_bytes(raw, suffix):
    from desktop.parser import ParseError, SourceError, parse_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"要点{suffix}"
        path.write_bytes(raw)
        try:
            parse_file(path)
        except (SourceError, ParseError) as exc:
            assert str(exc)


@FEW
@given(data=st.data())
def test_parse_file_on_a_damaged_docx_notice(data, tmp_path_factory, source_lines):
    from docx import Document

    from desktop.parser import ParseError, SourceError, parse_file

    folder = tmp_path_factory.mktemp("notice")
    doc = Document()
    for line in source_lines[:30]:
        doc.add_paragraph(line)
    buf = BytesIO()
    doc.save(buf)
    blob = bytearray(buf.getvalue())
    with zipfile.ZipFile(BytesIO(bytes(blob))):
        pass
    for _ in range(data.draw(st.integers(1, 8))):
        blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    path = folder / "要点.docx"
    path.write_bytes(bytes(blob))
    try:
        parse_file(path)
    except (SourceError, ParseError) as exc:
        assert str(exc)

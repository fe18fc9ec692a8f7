"""A unit's PC takes in a publication: the 要点 becomes selectable, a newer one replaces the
older one and says what changed, answers already written follow renumbered tasks.

Files (all in the data directory, each written all-or-nothing): ``catalogues/<id>.json``,
``fields/<id>.json`` and ``publications/<id>.json`` (the publication itself, so the next one
knows what it replaces).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from desktop import catalogue as catalogue_mod
from desktop import paths
from desktop.catalogue import Catalogue, CatalogueError
from desktop.fileio import atomic_write
from desktop.schema import DataFileError, load_json
from desktop.yearly import publication as pub_mod
from desktop.yearly.changes import Changes, compare
from desktop.yearly.publication import Publication, PublicationError

NEW, UPDATE, SAME, OLDER = "new", "update", "same", "older"


@dataclass
class InstallPlan:
    publication: Publication
    state: str  # new / update / same / older
    installed_revision: int | None = None  # None: never published here (0: imported by hand)
    changes: Changes | None = None
    reports: int = 0  # reports on this 要点 in the store
    notes: list[str] = field(default_factory=list)

    @property
    def can_install(self) -> bool:
        return self.state in (NEW, UPDATE)

    def message(self) -> str:
        """What the clerk is asked to confirm (or told), in plain Chinese."""
        pub = self.publication
        cat = pub.catalogue
        n_tasks = len(cat.task_ids())
        head = f"{cat.label()}，市政府办公厅发布的第{pub.revision}版，共{n_tasks}项任务。"
        if self.state == NEW:
            return head + "\n导入后即可在“新建报告”中选用。"
        if self.state == SAME:
            return head + "\n本机已经是这一版，无需再次导入。"
        if self.state == OLDER:
            return head + f"\n本机已有更新的第{self.installed_revision}版，未导入这份较旧的文件。"
        was = (
            f"本机的第{self.installed_revision}版"
            if self.installed_revision
            else "本机自行导入的版本"
        )
        lines = self.changes.lines() if self.changes else []
        text = head + f"\n将替换{was}。变化：\n" + "\n".join(f"· {line}" for line in lines)
        if self.reports:
            text += (
                f"\n本机已有{self.reports}份该要点的报告：已填写的内容会保留，"
                "编号变化的任务随之调整；删去的任务的答复不再显示（仍保存在本机）。"
            )
        return text


def installed_publication(catalogue_id: str) -> Publication | None:
    """The publication last installed (or published) here, or None."""
    path = paths.publications_dir() / f"{catalogue_id}{pub_mod.SUFFIX}"
    if not path.is_file():
        return None
    try:
        return pub_mod.read(path)
    except PublicationError:
        return None  # a damaged record only costs the comparison; the new file replaces it


def _installed_catalogue(catalogue_id: str) -> tuple[Catalogue, dict] | None:
    path = paths.user_catalogues_dir() / f"{catalogue_id}.json"
    if not path.is_file():
        return None
    try:
        catalogue = catalogue_mod.load_file(path)
    except CatalogueError:
        return None
    figures: dict = {}
    fields_path = paths.user_fields_dir() / f"{catalogue_id}.json"
    if fields_path.is_file():
        try:
            figures = dict(load_json(fields_path).get("tasks", {}))
        except (DataFileError, AttributeError):
            figures = {}
    return catalogue, figures


def plan(publication: Publication, count_reports=None, directory=None) -> InstallPlan:
    """Compare with what is installed. *count_reports*: catalogue id → reports in the store;
    *directory*: this PC's unit directory, which must know every unit a figure is limited to.
    Raises :class:`PublicationError` when the 要点 is one built into the program or its forms
    name units this PC does not know."""
    cid = publication.id
    if (paths.forms_dir() / "catalogues" / f"{cid}.json").is_file():
        raise PublicationError(
            f"“{cid}”是本程序内置的要点，不能用发布文件替换。请让市政府办公厅换一个要点编号后重新发布。"
        )
    if directory is not None:
        from desktop import forms

        try:
            forms.add_figures(
                forms.load_common(), publication.figures, publication.catalogue, "", directory
            )
        except DataFileError as exc:
            raise PublicationError(
                f"发布文件中的填报数据只要求部分单位填写，但{str(exc).split('：')[-1]}。"
                "请先在单位名录中添加该单位，或请市政府办公厅改正后重新发布。"
            ) from exc
    reports = count_reports(cid) if count_reports else 0
    record = installed_publication(cid)
    current = _installed_catalogue(cid)
    if current is None:
        return InstallPlan(publication, NEW, None, None, reports)
    revision = record.revision if record else 0
    if record is not None and record.revision > publication.revision:
        return InstallPlan(publication, OLDER, revision, None, reports)
    catalogue, figures = current
    changes = compare(catalogue, figures, publication.catalogue, publication.figures["tasks"])
    if record is not None and record.revision == publication.revision and changes.empty:
        return InstallPlan(publication, SAME, revision, changes, reports)
    return InstallPlan(publication, UPDATE, revision, changes, reports)


def install(plan: InstallPlan, store=None) -> None:
    """Write the catalogue, its forms and the record; move answers of renumbered tasks. All
    or nothing: if the answers cannot be moved, the files are put back as they were.
    Raises :class:`desktop.fileio.FileWriteError` or :class:`desktop.store.StoreError`."""
    if not plan.can_install:
        return
    pub = plan.publication
    changes = plan.changes
    before = _snapshot(pub.id)
    write_files(pub)
    if store is not None and changes is not None and (changes.moved or changes.removed_ids):
        from desktop.store.renumber import renumber_tasks

        try:
            renumber_tasks(store, pub.id, changes.moved, changes.removed_ids, pub.revision)
        except Exception:
            _restore(before)
            raise


def _files(cid: str) -> list[Path]:
    return [
        paths.user_fields_dir() / f"{cid}.json",
        paths.user_catalogues_dir() / f"{cid}.json",
        paths.publications_dir() / f"{cid}{pub_mod.SUFFIX}",
    ]


def _snapshot(cid: str) -> dict[Path, bytes | None]:
    out: dict[Path, bytes | None] = {}
    for path in _files(cid):
        try:
            out[path] = path.read_bytes()
        except OSError:
            out[path] = None
    return out


def _restore(snapshot: dict[Path, bytes | None]) -> None:
    for path, data in snapshot.items():
        try:
            if data is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, data, "要点目录")
        except Exception:  # noqa: BLE001 - best effort; the original error is what is reported
            pass


def write_files(pub: Publication) -> Path:
    """Catalogue, forms and record of *pub* into the data directory (the office's own PC
    uses this too, so it consolidates against what it published). A failure part-way puts
    back the files already written."""
    cid = pub.id
    for folder in (paths.user_catalogues_dir(), paths.user_fields_dir(), paths.publications_dir()):
        folder.mkdir(parents=True, exist_ok=True)
    before = _snapshot(cid)
    fields_text = json.dumps(pub.figures, ensure_ascii=False, indent=1) + "\n"
    try:
        atomic_write(_files(cid)[0], fields_text.encode("utf-8"), "填报数据")
        target = catalogue_mod.install(pub.catalogue)
        pub_mod.write(pub, _files(cid)[2])
    except Exception:
        _restore(before)
        raise
    return target


def install_parsed(result, directory=None) -> dict[str, list[dict]]:
    """A 要点 the unit (or the office) parsed itself: install the catalogue, and the figures
    its requirements ask for (“不少于3次”, “每季度” …). Returns task id → figures added.
    Raises :class:`desktop.fileio.FileWriteError`."""
    from desktop.yearly.draft import from_parse

    draft = from_parse(result, directory=directory)
    doc = draft.figures_document()
    target = paths.user_fields_dir() / f"{draft.id}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    before = _snapshot(draft.id)
    try:
        atomic_write(
            target, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode(), "填报数据"
        )
        catalogue_mod.install(draft.catalogue)
    except Exception:
        _restore(before)
        raise
    return doc["tasks"]

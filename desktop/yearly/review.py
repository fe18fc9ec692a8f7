"""The office's 要点 under review: import a notice, keep the corrected draft, publish it.

Qt-free; the review screen and ``catalogue publish`` call only this. A draft is one file in
``reviews/<id>.json`` (catalogue, figures, the parser's warnings, suggested figures), written
all-or-nothing on every save; saving also installs the corrected 要点 and its forms here, so
the office's own 汇总 checks reports against what it corrected. Publishing writes the
publication file the office sends to units and records its revision (第N版).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desktop import paths, safejson
from desktop.catalogue import CatalogueError
from desktop.fileio import atomic_write
from desktop.safeio import UnreadableFile
from desktop.safejson import JSONProblem
from desktop.units import Directory
from desktop.yearly import installing
from desktop.yearly import publication as pub_mod
from desktop.yearly.changes import Changes, compare
from desktop.yearly.draft import DraftError, ReviewDraft, from_parse
from desktop.yearly.publication import Publication, PublicationError

REVIEW_FORMAT = "zwgk-yaodian-review"
MAX_REVIEW_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class DraftInfo:
    id: str
    label: str  # 《2017年政务公开工作要点》（大政办发〔2017〕76号）
    revision: int  # last published revision, 0 = not yet published
    broken: bool = False  # the file cannot be read (the reason comes when it is opened)


@dataclass
class Published:
    publication: Publication
    path: Path
    changes: Changes | None  # against the previous revision; None for the first


class ReviewService:
    def __init__(self, directory: Directory | None = None) -> None:
        self._directory = directory

    @property
    def directory(self) -> Directory:
        if self._directory is None:
            from desktop import units

            self._directory = units.load()
        return self._directory

    # -- drafts --------------------------------------------------------------------------------
    def path(self, catalogue_id: str) -> Path:
        return paths.reviews_dir() / f"{catalogue_id}.json"

    def drafts(self) -> list[DraftInfo]:
        out = []
        folder = paths.reviews_dir()
        for file in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                draft = self.load(file.stem)
            except DraftError:
                # Listed, so the office learns of it when choosing it (the reason is shown then).
                out.append(DraftInfo(file.stem, f"{file.name}（校对文件已损坏）", 0, True))
                continue
            out.append(DraftInfo(draft.id, draft.catalogue.label(), self.revision(draft.id)))
        return out

    def exists(self, catalogue_id: str) -> bool:
        return self.path(catalogue_id).is_file()

    def import_source(self, source: Path) -> ReviewDraft:
        """Parse a 要点 (.docx/.txt) into a new draft (not saved yet). Raises the parser's
        SourceError/ParseError or :class:`DraftError`, each with a Chinese message."""
        from desktop.parser.structure import parse_file

        result = parse_file(Path(source))
        return from_parse(result, Path(source).name, self.directory)

    def load(self, catalogue_id: str) -> ReviewDraft:
        path = self.path(catalogue_id)
        try:
            data = safejson.load_path(path, max_bytes=MAX_REVIEW_BYTES, what="要点校对文件")
            if not isinstance(data, dict) or data.get("format") != REVIEW_FORMAT:
                raise DraftError(f"“{path.name}”不是要点校对文件。")
            return ReviewDraft.from_json(data, source=f"校对文件“{path.name}”")
        except UnreadableFile as exc:
            raise DraftError(str(exc)) from exc
        except JSONProblem as exc:
            raise DraftError(f"校对文件“{path.name}”已损坏：{exc}") from exc
        except (CatalogueError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DraftError(f"校对文件“{path.name}”内容不完整：{exc}") from exc

    def save(self, draft: ReviewDraft) -> None:
        """Keep the draft, and install the corrected 要点 and forms here.
        Raises :class:`desktop.fileio.FileWriteError`."""
        data = {"format": REVIEW_FORMAT, "version": 1, **draft.to_json()}
        path = self.path(draft.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        atomic_write(path, text.encode("utf-8"), "要点校对文件")
        if not any(p.blocking for p in draft.problems()):
            self._install_here(draft)

    def _install_here(self, draft: ReviewDraft) -> None:
        from desktop import catalogue as catalogue_mod
        from desktop.fileio import atomic_write as write

        catalogue_mod.install(draft.catalogue)
        fields = paths.user_fields_dir() / f"{draft.id}.json"
        fields.parent.mkdir(parents=True, exist_ok=True)
        doc = json.dumps(draft.figures_document(), ensure_ascii=False, indent=1) + "\n"
        write(fields, doc.encode("utf-8"), "填报数据")

    # -- publishing ----------------------------------------------------------------------------
    def revision(self, catalogue_id: str) -> int:
        record = installing.installed_publication(catalogue_id)
        return record.revision if record else 0

    def check(self, draft: ReviewDraft) -> list[str]:
        """What must be fixed before publishing (empty when it can be published)."""
        problems = [p.message for p in draft.problems() if p.blocking]
        if problems:
            return problems
        pub = pub_mod.make(draft.catalogue, draft.figures_document(), 1)
        try:
            pub_mod.from_json(json.loads(pub.dumps()), "发布文件")
            installing.plan(pub, directory=self.directory)
        except PublicationError as exc:
            return [str(exc)]
        return []

    def changes_since_published(self, draft: ReviewDraft) -> Changes | None:
        record = installing.installed_publication(draft.id)
        if record is None:
            return None
        return compare(
            record.catalogue,
            record.figures.get("tasks", {}),
            draft.catalogue,
            draft.figures_document()["tasks"],
        )

    def publish(self, draft: ReviewDraft, target: Path, publisher: str = "") -> Published:
        """Write the next revision to *target* and record it here. Raises :class:`DraftError`
        (what to fix first) or :class:`desktop.fileio.FileWriteError`."""
        problems = self.check(draft)
        if problems:
            more = f"等{len(problems)}处" if len(problems) > 3 else ""
            raise DraftError("发布前请先改正：" + "；".join(problems[:3]) + more)
        changes = self.changes_since_published(draft)
        revision = self.revision(draft.id) + 1
        pub = pub_mod.make(draft.catalogue, draft.figures_document(), revision, publisher)
        self.save(draft)
        pub_mod.write(pub, Path(target))
        installing.write_files(pub)
        return Published(pub, Path(target), changes)

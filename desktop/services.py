"""What the app works with, loaded once and passed in (no global registry).

Qt-free: the GUI and the smoke test build one :class:`Services` and hand it down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop import catalogue as catalogue_mod
from desktop import forms, units
from desktop.catalogue import Catalogue
from desktop.forms import FormSpec
from desktop.session import ReportSession
from desktop.settings import Settings
from desktop.store import Store, open_store
from desktop.units import Directory
from desktop.yearly import carry


@dataclass
class Library:
    """The 要点, their forms and the unit directory of this PC (forms/ and the data folder),
    each loaded once. Opens no database: checking a file someone sent needs only this."""

    _directory: Directory | None = field(default=None, kw_only=True)
    _catalogues: dict[str, Catalogue] = field(default_factory=dict, kw_only=True)
    _forms: dict[str, FormSpec] = field(default_factory=dict, kw_only=True)

    def directory(self) -> Directory:
        if self._directory is None:
            self._directory = units.load()
        return self._directory

    def reload_directory(self) -> Directory:
        self._directory = None
        return self.directory()

    def catalogue(self, catalogue_id: str) -> Catalogue:
        if catalogue_id not in self._catalogues:
            self._catalogues[catalogue_id] = catalogue_mod.load(catalogue_id)
        return self._catalogues[catalogue_id]

    def reload_catalogue(self, catalogue_id: str) -> None:
        """Forget a catalogue and its form (a newer version was just installed)."""
        self._catalogues.pop(catalogue_id, None)
        self._forms.pop(catalogue_id, None)

    def form(self, catalogue: Catalogue) -> FormSpec:
        if catalogue.id not in self._forms:
            self._forms[catalogue.id] = forms.load(catalogue, directory=self.directory())
        return self._forms[catalogue.id]


@dataclass
class Services(Library):
    """The library, the open store and the settings: what the wizard and the commands use."""

    store: Store
    settings: Settings

    def open_session(self, report_id: int) -> ReportSession:
        info = self.store.report_info(report_id)
        cat = self.catalogue(info.catalogue_id)
        session = ReportSession(self.store, report_id, cat, self.form(cat), self.directory())
        session.references = carry.references_for(self.store, info, cat, self._catalogue_form)
        return session

    def _catalogue_form(self, catalogue_id: str) -> tuple[Catalogue, FormSpec]:
        cat = self.catalogue(catalogue_id)
        return cat, self.form(cat)

    def start_report(self, unit_name: str, catalogue_id: str) -> int:
        """Find or create the report of *unit_name* for the catalogue. A new one takes its
        cover page from the unit's report on an earlier 要点, else the unit's report name as
        发文机关名称 (all editable)."""
        existing = self.store.find_report(unit_name, catalogue_id)
        if existing is not None:
            return existing
        report_id = self.store.create_report(unit_name, catalogue_id)
        unit = self.directory().unit(unit_name)
        name = unit.report_name if unit is not None else unit_name
        self.store.save_field(report_id, "profile", "issuer_name", name)
        previous = carry.previous_report(
            self.store, unit_name, self.catalogue(catalogue_id), self._catalogue_form
        )
        if previous is not None:
            carry.carry_cover(self.store, report_id, previous[0])
        return report_id


def open_services(
    data_dir: Path | None = None, *, read_only: bool = False, backup_on_open: bool = True
) -> tuple[Services, list[str]]:
    """The settings and the store of *data_dir* (default: the user's data folder), opened the
    way the app opens them (the ``backup_keep`` setting applies); and the notices to show once.
    Raises :class:`desktop.store.StoreError`. Close with ``services.store.close()``."""
    settings = Settings(Path(data_dir) / "settings.json" if data_dir is not None else None)
    opened = open_store(
        data_dir,
        read_only=read_only,
        backup_on_open=backup_on_open,
        backup_keep=settings.get("backup_keep"),
    )
    notices = [*opened.notices, *([settings.notice] if settings.notice else [])]
    return Services(opened.store, settings), notices

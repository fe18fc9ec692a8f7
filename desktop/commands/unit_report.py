"""What ``answers export`` and ``export`` share: find one unit's report and build its payload."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.catalogue import Catalogue
from desktop.errors import UserError
from desktop.forms import FormSpec
from desktop.payload_types import Payload
from desktop.settings import Settings
from desktop.units import Directory


class CommandFailed(UserError):
    """A Chinese one-line reason and the exit code (2 bad input, 1 data not usable)."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class UnitPayload:
    name: str
    data: Payload
    catalogue: Catalogue
    form: FormSpec
    directory: Directory
    settings: Settings
    contribution_rows: list = field(default_factory=list)  # a lead unit's 配合单位落实情况


def load_unit_payload(unit_arg: str, catalogue_id: str) -> UnitPayload:
    """Open the store read-only (never creating it) and export the unit's report payload."""
    from desktop.commands import open_data
    from desktop.lead.desk import LeadDesk
    from desktop.store import StoreError
    from desktop.store.exchange import export_payload
    from desktop.units import Unit

    try:
        services = open_data(read_only=True, backup_on_open=False)
    except StoreError as exc:
        raise CommandFailed(str(exc), 1) from exc
    store = services.store
    try:
        try:
            catalogue = services.catalogue(catalogue_id)
            form = services.form(catalogue)
            directory = services.directory()
        except StoreError:
            raise
        except UserError as exc:  # the 要点 or the forms installed here cannot be used
            raise CommandFailed(str(exc), 2) from exc
        unit = directory.unit(unit_arg)
        name = unit.name if unit is not None else unit_arg.strip()
        report_id = store.find_report(name, catalogue.id)
        if report_id is None:
            have = [r.unit for r in store.list_reports() if r.catalogue_id == catalogue.id]
            listing = f"已有报告的单位：{'、'.join(have)}" if have else "本机还没有任何报告"
            close = directory.closest(unit_arg) if unit is None else []
            hint = f"；您是不是要找：{'、'.join(close)}" if close else ""
            raise CommandFailed(
                f"没有找到“{name}”的《{catalogue.title}》落实情况报告（{listing}{hint}）。"
                "请先在填报向导中填写，或用 answers import 导入交换文件。",
                2,
            )
        data = export_payload(store, report_id, catalogue, form, directory)
        lead = LeadDesk(store, report_id, catalogue, form, directory, unit or Unit(name))
        rows = lead.report_rows()
    except StoreError as exc:
        raise CommandFailed(str(exc), 1) from exc
    finally:
        store.close()
    return UnitPayload(name, data, catalogue, form, directory, services.settings, rows)

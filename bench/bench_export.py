"""Export benchmark: a full report (40 tasks, ~800 characters each, every figure filled).

Measures, on this machine, the steps the wizard and ``export`` run (and the whole export of
the realistic 市财政局 sample report in tests/samples/reports):
compose (payload → model), preview (model → HTML), render (model → .docx bytes with the
template's styles and the embedded payload), and the whole export to a file (temp file, fsync,
replace). Baseline, measured in the same run: python-docx writing the same number of plain
paragraphs with the same characters into a blank document and saving it.

    python bench/bench_export.py [--runs 15] [--chars 800]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop import catalogue as cat_mod
from desktop import forms, units
from desktop import payload as payload_mod
from desktop.report import compose_report, export_report, render_docx, to_html
from desktop.report.model import Table
from tests.samples.payloads import full_payload


def timed(fn, runs: int) -> tuple[float, float]:
    """(median, min) seconds over *runs* calls, after one warm-up call."""
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples)


def plain_texts(model) -> list[str]:
    """Every paragraph of the report as plain text (table cells flattened to paragraphs)."""
    out: list[str] = []
    for line in model.text().split("\n"):
        out.extend(t for t in line.split("\t") if t != "\f")
    return out


def baseline(texts: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for t in texts:
        document.add_paragraph(t)
    buf = BytesIO()
    document.save(buf)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--chars", type=int, default=800, help="characters per task answer")
    args = parser.parse_args(argv)

    catalogue = cat_mod.load_builtin()
    form = forms.load(catalogue, directory=units.load())
    data = full_payload(catalogue, form, args.chars)
    problems = payload_mod.validate(data, catalogue, form)
    assert not problems, problems
    text = payload_mod.dumps(data)
    model = compose_report(data, catalogue, form)
    texts = plain_texts(model)
    answer_chars = sum(
        len(a.get(k, "")) for a in data["answers"].values() for k in ("measures", "results")
    )
    figures = sum(len(a.get("figures", {})) for a in data["answers"].values())
    rows = len(model.of_type(Table)[0].rows)
    print(
        f"report: {len(data['answers'])} tasks, {answer_chars / len(data['answers']):.0f} "
        f"characters of answers per task, {figures} figures, {len(model.blocks)} blocks, "
        f"{rows} table rows, {sum(map(len, texts)):,} characters in print"
    )

    import docx  # noqa: F401  (imported once, as in a running app; not part of the timings)

    t_compose = timed(lambda: compose_report(data, catalogue, form), args.runs)
    t_html = timed(lambda: to_html(model), args.runs)
    t_render = timed(lambda: render_docx(model, None, text), args.runs)
    t_base = timed(lambda: baseline(texts), args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "报告.docx"
        t_export = timed(lambda: export_report(data, catalogue, form, out), args.runs)
        size = out.stat().st_size

    rows_out = [
        ("compose (payload → model)", t_compose),
        ("preview (model → HTML)", t_html),
        ("render (model → .docx bytes, payload embedded)", t_render),
        ("export (compose + render + atomic write)", t_export),
        ("baseline: python-docx, same text as plain paragraphs", t_base),
    ]
    print(f"\n{'step':<54}{'median':>10}{'min':>10}")
    for name, (med, low) in rows_out:
        print(f"{name:<54}{med * 1000:>8.1f}ms{low * 1000:>8.1f}ms")
    # The realistic 市财政局 report (26 tasks in a clerk's words, landscape table): what a
    # clerk actually exports.
    from tests.samples import reports

    real = reports.load("shi-caizhengju-2016")
    with tempfile.TemporaryDirectory() as tmp:
        out_real = Path(tmp) / "市财政局.docx"
        t_real = timed(lambda: export_report(real, catalogue, form, out_real), args.runs)
    print(
        f"{'export, realistic 市财政局 report (26 tasks)':<54}{t_real[0] * 1000:>8.1f}ms{t_real[1] * 1000:>8.1f}ms"
    )
    print(f"\n.docx size: {size / 1024:.0f} KB")
    print(f"export / baseline: {t_export[0] / t_base[0]:.2f}×")
    print(f"render / baseline: {t_render[0] / t_base[0]:.2f}×")
    print(f"export against the 1 s budget: {t_export[0] * 100:.0f}% of it")
    return 0


if __name__ == "__main__":
    sys.exit(main())

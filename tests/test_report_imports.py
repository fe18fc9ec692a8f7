"""The report package is Qt-free and loads python-docx/lxml only when a file is written."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_report_core_and_cli_start_without_docx_lxml_or_qt():
    code = (
        "import sys, io, contextlib\n"
        "import desktop.report, desktop.commands.report_cmd\n"
        "from desktop.report import compose_report, to_html\n"
        "from desktop.cli import build_parser\n"
        "build_parser()\n"
        "heavy = sorted({k.split('.')[0] for k in sys.modules} & {'docx', 'lxml', 'PySide6'})\n"
        "print(' '.join(heavy) or 'clean')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "clean"

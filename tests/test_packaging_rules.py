"""The packaging rules without building: what the bundle keeps and drops, the Windows version
resource, and the installer script's promises (per-user, data left alone)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from desktop import APP_NAME, __version__
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
import bundle_rules
import version_info

PYSIDE = Path(__import__("PySide6").__file__).parent
LINUX = sys.platform.startswith("linux")


# -- what is kept -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/translations/qtbase_zh_CN.qm",  # Linux layout
        "PySide6/translations/qtbase_zh_CN.qm",  # Windows layout
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/plugins/platforms/qoffscreen.dll",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "forms/units.json",
        "forms/catalogues/dalian-2016.json",
        "doc_templates/report-template.docx",
        "docx/templates/default.docx",
        # OpenCC's extension module and what its t2s conversion reads.
        "opencc/clib/opencc_clib.cpython-311-x86_64-linux-gnu.so",
        "opencc/clib/opencc_clib.cp311-win_amd64.pyd",
        "opencc/clib/share/opencc/t2s.json",
        "opencc/clib/share/opencc/TSPhrases.ocd2",
        "opencc\\clib\\share\\opencc\\TSCharacters.ocd2",
    ],
)
def test_what_the_app_needs_is_kept(dest):
    assert bundle_rules.drop_reason(dest) is None


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qt_zh_CN.qm",  # a meta catalogue the app never loads
        "PySide6/translations/qt_help_zh_CN.qm",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/plugins/platforms/qdirect2d.dll",
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/plugins/tls/qschannelbackend.dll",
        # Windows wheel: an on-screen keyboard built on Qt Quick (would drag in QML).
        "PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll",
        "forms/sources/dalian-2016-yaodian.txt",
        "opencc/clib/bin/opencc",
        "opencc/clib/bin/opencc_dict.exe",
        "opencc/clib/include/opencc/opencc.h",
        "opencc/clib/lib64/libopencc.a",
        "opencc/clib/lib/opencc.lib",
        "opencc/clib/share/opencc/s2t.json",
        "opencc/clib/share/opencc/STPhrases.ocd2",
    ],
)
def test_what_the_app_never_uses_is_dropped(dest):
    assert bundle_rules.drop_reason(dest)


def test_only_the_three_qt_modules_the_app_imports_are_bundled():
    excluded = bundle_rules.qt_excludes(PYSIDE)
    assert "PySide6.QtNetwork" in excluded
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} & set(excluded)
    # The app really imports no other Qt module (if it starts to, this rule must change).
    used = set()
    for f in (ROOT / "desktop").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", f.read_text(encoding="utf-8")))
    assert used <= set(bundle_rules.QT_MODULES_USED), used


def test_network_and_tls_modules_are_excluded():
    ex = bundle_rules.excludes()
    assert {"ssl", "_ssl", "_hashlib", "PySide6.QtNetwork"} <= set(ex)


def test_hashing_still_works_without_openssl():
    """_hashlib (OpenSSL) is left out; hashlib/hmac must fall back to CPython's own hashes."""
    code = (
        "import sys; sys.modules['_hashlib'] = None; sys.modules['ssl'] = None\n"
        "import hashlib, hmac, random, uuid, email.utils, importlib.metadata\n"
        "print(hashlib.sha256(b'x').hexdigest()[:8], hmac.new(b'k', b'm', 'sha1').hexdigest()[:8])"
    )
    import subprocess

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2d711642", "772b71c8"]


# -- libraries nothing links to ------------------------------------------------------------------


@pytest.mark.skipif(not LINUX, reason="ELF files of the Linux PySide6 wheel")
def test_elf_reader_lists_what_a_qt_library_links_to():
    needed = bundle_rules.elf_needed(PYSIDE / "Qt" / "lib" / "libQt6Widgets.so.6")
    assert "libQt6Gui.so.6" in needed and "libQt6Core.so.6" in needed
    assert bundle_rules.elf_needed(ROOT / "main.py") is None


@pytest.mark.skipif(not LINUX, reason="ELF files of the Linux PySide6 wheel")
def test_a_library_only_a_dropped_plugin_needed_is_found_unreachable():
    lib = PYSIDE / "Qt" / "lib"
    toc = [
        ("PySide6/QtWidgets.abi3.so", str(PYSIDE / "QtWidgets.abi3.so"), "EXTENSION"),
        ("PySide6/libpyside6.abi3.so.6.12", str(PYSIDE / "libpyside6.abi3.so.6.12"), "BINARY"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", str(lib / "libQt6Widgets.so.6"), "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", str(lib / "libQt6Gui.so.6"), "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", str(lib / "libQt6Core.so.6"), "BINARY"),
        ("PySide6/Qt/lib/libQt6Svg.so.6", str(lib / "libQt6Svg.so.6"), "BINARY"),
        ("libQt6Svg.so.6", "PySide6/Qt/lib/libQt6Svg.so.6", "SYMLINK"),
    ]
    assert bundle_rules.unreachable_libraries(toc) == {
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "libQt6Svg.so.6",
    }
    binaries, _datas, removed = bundle_rules.prune_toc(toc, [])
    kept = {e[0] for e in binaries}
    assert "PySide6/Qt/lib/libQt6Gui.so.6" in kept
    assert "libQt6Svg.so.6" not in kept
    assert dict(removed)["libQt6Svg.so.6"]


# -- Windows version resource -------------------------------------------------------------------


class _Recorder:
    """Stands in for PyInstaller's versioninfo classes (which need pefile, Windows-only) to read
    the generated text the way PyInstaller does: by eval()."""

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs


def _parse(text: str) -> dict:
    names = [
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ]
    env = {n: type(n, (_Recorder,), {}) for n in names}
    info = eval(text, env)  # our own generated text, read the way PyInstaller reads it
    table = info.kwargs["kids"][0].args[0][0]
    strings = {s.args[0]: s.args[1] for s in table.args[1]}
    return {
        "filevers": info.kwargs["ffi"].kwargs["filevers"],
        "lang": table.args[0],
        "strings": strings,
        "translation": info.kwargs["kids"][1].args[0][0].args[1],
    }


def test_version_resource_comes_from_the_one_version():
    parsed = _parse(version_info.render(__version__, APP_NAME, "zwgk"))
    assert parsed["strings"]["FileVersion"] == __version__
    assert parsed["strings"]["ProductVersion"] == __version__
    assert parsed["filevers"] == version_info.version_tuple(__version__)
    assert parsed["strings"]["ProductName"] == APP_NAME
    assert parsed["strings"]["OriginalFilename"] == "zwgk.exe"
    assert parsed["lang"] == "080404B0" and parsed["translation"] == [0x0804, 1200]


def test_console_twin_says_so_in_its_description():
    cli = _parse(version_info.render(__version__, APP_NAME, "zwgk-cli", console=True))
    assert cli["strings"]["OriginalFilename"] == "zwgk-cli.exe"
    assert "命令行" in cli["strings"]["FileDescription"]


@pytest.mark.parametrize(
    ("text", "want"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0))],
)
def test_version_tuple(text, want):
    assert version_info.version_tuple(text) == want


def test_version_that_windows_cannot_hold_is_refused():
    with pytest.raises(ValueError):
        version_info.version_tuple("dev")
    with pytest.raises(ValueError):
        version_info.version_tuple("70000.1")


def test_version_file_written_by_the_spec_helper(tmp_path):
    path = version_info.write_version_file(tmp_path / "v.txt", "zwgk")
    assert _parse(path.read_text(encoding="utf-8"))["strings"]["FileVersion"] == __version__


# -- the installer script -------------------------------------------------------------------------


def _iss() -> str:
    return (ROOT / "packaging" / "installer.iss").read_text(encoding="utf-8-sig")


def _section(text: str, name: str) -> str:
    match = re.search(rf"^\[{name}\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    return match.group(1) if match else ""


def test_installer_is_per_user_without_admin():
    setup = _section(_iss(), "Setup")
    assert re.search(r"^PrivilegesRequired=lowest\s*$", setup, re.M)
    assert re.search(r"^DefaultDirName=\{autopf\}", setup, re.M)  # {userpf} when per-user


def test_installer_version_is_not_hard_coded():
    """The version reaches the installer only from build.py (/DAppVersion=__version__)."""
    text = _iss()
    assert re.search(r"^AppVersion=\{#AppVersion\}", _section(text, "Setup"), re.M)
    assert __version__ not in text


def test_uninstaller_leaves_the_users_data_alone():
    text = _iss()
    for section in ("UninstallDelete", "InstallDelete", "UninstallRun"):
        body = _section(text, section).lower()
        assert "appdata" not in body and "zwgk-report" not in body, section
    assert 'Name: "{app}\\_internal"' in _section(text, "InstallDelete")


def test_installer_speaks_chinese_and_makes_both_shortcuts():
    text = _iss()
    assert re.search(r'^Name: "chinesesimp"; MessagesFile: "\{#ChineseIsl\}"', text, re.M)
    icons = _section(text, "Icons")
    assert "{userprograms}" in icons or "{group}" in icons
    assert "{autodesktop}" in icons

"""What goes into the PyInstaller bundle, what is pruned, and why.

One place for the rules, used by ``zwgk.spec`` (to filter the Analysis before anything is
copied), by ``build.py`` (to audit the finished bundle) and by the packaging tests.

The app uses QtCore, QtGui and QtWidgets only (``grep -r "from PySide6" desktop``). What is
dropped, and why that is safe, is written next to each rule; the proof is that the smoke mode
and the offscreen GUI start pass from the pruned bundle (``build.py`` runs both).
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

# -- Python modules ---------------------------------------------------------------------------

QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets")

# Python modules left out of the Analysis, with the reason.
PYTHON_EXCLUDES: dict[str, str] = {
    # Network and TLS: the app never opens a connection (tests/test_no_network.py). hashlib
    # and hmac fall back to CPython's built-in _md5/_sha*/_blake2 without _hashlib, so
    # OpenSSL (libssl + libcrypto, ~6 MB on Linux, ~5 MB on Windows) is not needed at all.
    "ssl": "no network: TLS is never used",
    "_ssl": "no network: TLS is never used",
    "_hashlib": "hashlib/hmac use CPython's built-in hashes instead of OpenSSL",
    # Interactive-only stdlib pieces pulled in by pdb/pydoc imports of dependencies.
    "readline": "interactive console only (pulls libreadline/libtinfo)",
    "tkinter": "Tk GUI toolkit, not used (Qt is the GUI)",
    "_tkinter": "Tk GUI toolkit, not used (Qt is the GUI)",
    # lxml: python-docx and openpyxl use lxml.etree only (grep "from lxml" in both);
    # PyInstaller's lxml hook collects every submodule.
    "lxml.objectify": "not used by python-docx/openpyxl (2.8 MB)",
    "lxml.html": "not used by python-docx/openpyxl",
    "lxml.isoschematron": "not used by python-docx/openpyxl",
    "lxml.sax": "not used by python-docx/openpyxl",
    "lxml.cssselect": "not used by python-docx/openpyxl",
    "lxml.builder": "not used by python-docx/openpyxl",
    "lxml.ElementInclude": "not used by python-docx/openpyxl",
    # Pulled in only through lxml's doctest helpers (PyInstaller's lxml hook collects every
    # submodule): doctest → unittest → asyncio, pdb → pydoc → http.server, and
    # multiprocessing (→ xmlrpc) via concurrent.futures. The app is single-process and
    # uses none of them; ~3 MB of .pyc.
    "lxml.doctestcompare": "doctest helper",
    "lxml.usedoctest": "doctest helper",
    "doctest": "test tool",
    "unittest": "test tool",
    "pdb": "debugger",
    "pydoc": "help browser (pulls http.server)",
    "pydoc_data": "help texts",
    "asyncio": "not used (the GUI's background work uses Qt threads)",
    "multiprocessing": "not used (single process)",
    # Development tools that must never end up in the product.
    "pytest": "test tool",
    "_pytest": "test tool",
    "PyInstaller": "build tool",
    "pip": "installer",
    "setuptools": "installer",
    "pkg_resources": "installer",
}


def qt_excludes(pyside_dir: Path | None = None) -> list[str]:
    """Every ``PySide6.Qt*`` binding module installed, except the three the app uses.

    Listing what is installed (rather than a hand-made list) also catches modules a future
    PySide6 adds. Never ``collect_all('PySide6')``: it drags every Qt module and plugin in.
    """
    if pyside_dir is None:
        import PySide6

        pyside_dir = Path(PySide6.__file__).parent
    names = set()
    for f in pyside_dir.iterdir():
        stem = f.name.split(".", 1)[0]
        if stem.startswith("Qt") and f.suffix in (".so", ".pyd", ".pyi") and stem != "Qt":
            names.add(stem)
    return sorted(f"PySide6.{n}" for n in names - set(QT_MODULES_USED))


def excludes() -> list[str]:
    return [*PYTHON_EXCLUDES, *qt_excludes()]


# -- Qt plugins and translations --------------------------------------------------------------

# Plugins kept, by directory; every other plugin directory is dropped whole:
#   platformthemes (GTK3, xdg portal: native file dialogs; we use Qt's own, and Fusion style),
#   styles (Windows 11 style: the app sets Fusion), imageformats and iconengines (the app
#   shows no image files; PNG is built into QtGui), generic/egldeviceintegrations (input
#   for eglfs/linuxfb kiosks), wayland-* (Qt falls back to xcb through XWayland),
#   tls/networkinformation (come with QtNetwork, excluded).
KEEP_PLUGINS: dict[str, set[str] | None] = {
    # Windows (the product), Linux (CI, developers) and the offscreen platform the smoke test
    # and CI use. None means every plugin in the directory.
    "platforms": {
        "qwindows.dll",
        "qoffscreen.dll",
        "libqxcb.so",
        "libqoffscreen.so",
        "libqcocoa.dylib",
        "libqoffscreen.dylib",
    },
    # Linux input methods (ibus, compose): how Chinese is typed on Linux. Windows IME support
    # is built into qwindows.dll; the Windows wheel's qtvirtualkeyboardplugin.dll (an on-screen
    # keyboard built on Qt Quick/QML) must not come along.
    "platforminputcontexts": {
        "libcomposeplatforminputcontextplugin.so",
        "libibusplatforminputcontextplugin.so",
    },
    # The xcb platform probes these at start (GLX/EGL); tiny.
    "xcbglintegrations": None,
}

# Qt's translations: the app loads only this one (desktop/ui/app.py, QLibraryInfo
# TranslationsPath); without it Qt's own buttons read Cancel/OK instead of 取消/确定.
KEEP_TRANSLATIONS = {"qtbase_zh_CN.qm"}

# Bundled data directories of our own that the app never reads at run time.
DROP_OWN_DATA = {
    "forms/sources": "the 要点 source text; only used to regenerate the catalogue (tests)",
}

# OpenCC: the parser converts with the t2s configuration only (desktop/parser/hanzi.py). The
# wheel also carries command-line tools, C++ headers, static libraries and the dictionaries of
# every other conversion; PyInstaller's contributed hook collects all of them as data.
OPENCC_DIR = "opencc/clib"
OPENCC_SHARE = "opencc/clib/share/opencc"
OPENCC_KEEP = {
    "t2s.json",
    "TSPhrases.ocd2",
    "TSCharactersExt.ocd2",
    "TSCharacters.ocd2",
    "CJK_Compatibility_Ideographs.ocd2",
}


def _opencc_drop(norm: str) -> str | None:
    if not norm.startswith(OPENCC_DIR + "/"):
        return None
    if norm.startswith(OPENCC_SHARE + "/"):
        if PurePosixPath(norm).name in OPENCC_KEEP:
            return None
        return "OpenCC dictionary or configuration the t2s conversion does not use"
    rest = norm[len(OPENCC_DIR) + 1 :]
    if rest.startswith(("bin/", "include/", "lib/", "lib64/")):
        return "OpenCC command-line tools, headers and static libraries"
    return None


def _parts(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def plugin_of(dest: str) -> tuple[str, str] | None:
    """(plugin directory, file name) for a Qt plugin's bundle path, else None."""
    parts = _parts(dest)
    if "PySide6" not in parts:
        return None
    for i, p in enumerate(parts[:-2]):
        if p == "plugins":
            return parts[i + 1], parts[-1]
    return None


def is_translation(dest: str) -> bool:
    parts = _parts(dest)
    return "PySide6" in parts and len(parts) >= 2 and parts[-2] == "translations"


def drop_reason(dest: str) -> str | None:
    """Why a bundle file (path relative to the bundle's contents dir) is dropped, or None."""
    plugin = plugin_of(dest)
    if plugin is not None:
        directory, name = plugin
        if directory not in KEEP_PLUGINS:
            return f"Qt plugin directory {directory}/ not used"
        keep = KEEP_PLUGINS[directory]
        if keep is not None and name not in keep:
            return f"Qt {directory} plugin not used"
        return None
    if is_translation(dest):
        name = _parts(dest)[-1]
        if name not in KEEP_TRANSLATIONS:
            return "Qt translation for another language"
        return None
    norm = "/".join(_parts(dest))
    for prefix, why in DROP_OWN_DATA.items():
        if norm == prefix or norm.startswith(prefix + "/"):
            return why
    return _opencc_drop(norm)


# -- shared libraries nothing links to ---------------------------------------------------------


def elf_needed(path: Path) -> list[str] | None:
    """DT_NEEDED entries of an ELF file (None if it is not ELF). Pure Python, no binutils."""
    with open(path, "rb") as fh:
        head = fh.read(64)
        if head[:4] != b"\x7fELF":
            return None
        is64 = head[4] == 2
        end = "<" if head[5] == 1 else ">"
        if is64:
            phoff, phentsize, phnum = (
                struct.unpack_from(end + "Q", head, 0x20)[0],
                *struct.unpack_from(end + "HH", head, 0x36),
            )
            ph_fmt, dyn_fmt = end + "IIQQQQQQ", end + "qQ"
        else:
            phoff, phentsize, phnum = (
                struct.unpack_from(end + "I", head, 0x1C)[0],
                *struct.unpack_from(end + "HH", head, 0x2A),
            )
            ph_fmt, dyn_fmt = end + "IIIIIIII", end + "iI"
        fh.seek(phoff)
        table = fh.read(phentsize * phnum)
        loads, dynamic = [], None
        for i in range(phnum):
            fields = struct.unpack_from(ph_fmt, table, i * phentsize)
            if is64:
                p_type, _flags, p_offset, p_vaddr, _paddr, p_filesz = fields[:6]
            else:
                p_type, p_offset, p_vaddr, _paddr, p_filesz = fields[:5]
            if p_type == 1:
                loads.append((p_vaddr, p_offset, p_filesz))
            elif p_type == 2:
                dynamic = (p_offset, p_filesz)
        if dynamic is None:
            return []
        fh.seek(dynamic[0])
        raw = fh.read(dynamic[1])
        step = struct.calcsize(dyn_fmt)
        needed_offsets, strtab = [], None
        for off in range(0, len(raw) - step + 1, step):
            tag, val = struct.unpack_from(dyn_fmt, raw, off)
            if tag == 0:
                break
            if tag == 1:
                needed_offsets.append(val)
            elif tag == 5:
                strtab = val
        if strtab is None:
            return []
        for vaddr, offset, size in loads:
            if vaddr <= strtab < vaddr + size:
                strtab_off = strtab - vaddr + offset
                break
        else:
            return []
        names = []
        for n in needed_offsets:
            fh.seek(strtab_off + n)
            chunk = fh.read(256)
            names.append(chunk.split(b"\0", 1)[0].decode("ascii", "replace"))
        return names


def pe_imports(path: Path) -> list[str] | None:
    """DLLs a PE file imports, delay-loaded ones included (None if it is not PE). Uses pefile,
    which PyInstaller installs on Windows."""
    with open(path, "rb") as fh:
        if fh.read(2) != b"MZ":
            return None
    import pefile

    pe = pefile.PE(str(path), fast_load=True)
    try:
        pe.parse_data_directories(
            directories=[
                pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"],
                pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT"],
            ]
        )
        entries = [
            *getattr(pe, "DIRECTORY_ENTRY_IMPORT", []),
            *getattr(pe, "DIRECTORY_ENTRY_DELAY_IMPORT", []),
        ]
        return [e.dll.decode("ascii", "replace") for e in entries]
    finally:
        pe.close()


def direct_imports(path: Path) -> list[str]:
    for reader in (elf_needed, pe_imports):
        found = reader(path)
        if found is not None:
            return found
    return []


def is_shared_library(name: str) -> bool:
    low = name.lower()
    return low.endswith((".dll", ".dylib")) or ".so" in low and not low.endswith(".py")


def _key(name: str) -> str:
    return name.lower() if sys.platform == "win32" else name


def unreachable_libraries(
    entries: Iterable[tuple[str, str, str]],
    imports_of: Callable[[Path], list[str]] = direct_imports,
) -> set[str]:
    """Bundle paths of shared libraries that nothing kept in the bundle links to.

    *entries* is a PyInstaller TOC (dest, src, typecode) after the plugin pruning. Roots are
    the Python extension modules, the kept Qt plugins and the Python library (loaded by the
    bootloader); a plain library stays only if a root needs it, directly or through other
    libraries. This removes what only the dropped plugins needed (GTK's cairo/pango/… for
    the GTK3 theme, QtSvg for the SVG plugins, Wayland's libraries, …).
    """
    entries = list(entries)
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    roots: list[tuple[str, str, str]] = []
    for entry in entries:
        dest, _src, kind = entry
        base = _key(PurePosixPath(dest.replace("\\", "/")).name)
        by_name.setdefault(base, []).append(entry)
        if kind == "EXTENSION" or plugin_of(dest) is not None:
            roots.append(entry)
        elif kind == "BINARY" and (
            base.startswith(("libpython", "python3")) or not is_shared_library(base)
        ):
            roots.append(entry)
    reached: set[str] = set()
    todo = [e for e in roots]
    while todo:
        dest, src, kind = todo.pop()
        if kind == "SYMLINK" or not src:
            continue
        for name in imports_of(Path(src)):
            key = _key(PurePosixPath(name).name)
            if key in reached:
                continue
            reached.add(key)
            todo.extend(e for e in by_name.get(key, []) if e[2] != "SYMLINK")
    unreachable = set()
    for dest, _src, kind in entries:
        base = _key(PurePosixPath(dest.replace("\\", "/")).name)
        if kind not in ("BINARY", "SYMLINK") or plugin_of(dest) is not None:
            continue
        if not is_shared_library(base) or base.startswith(("libpython", "python3")):
            continue
        if base not in reached:
            unreachable.add(dest)
    return unreachable


def prune_toc(
    binaries: list[tuple[str, str, str]], datas: list[tuple[str, str, str]]
) -> tuple[list, list, list[tuple[str, str]]]:
    """Filter the Analysis' binaries and datas; returns (binaries, datas, [(dest, reason)])."""
    removed: list[tuple[str, str]] = []
    kept_bin = []
    for entry in binaries:
        why = drop_reason(entry[0])
        if why:
            removed.append((entry[0], why))
        else:
            kept_bin.append(entry)
    orphans = unreachable_libraries(kept_bin)
    final_bin = []
    for entry in kept_bin:
        if entry[0] in orphans:
            removed.append((entry[0], "shared library nothing kept in the bundle links to"))
        else:
            final_bin.append(entry)
    kept_data = []
    for entry in datas:
        why = drop_reason(entry[0])
        if why:
            removed.append((entry[0], why))
        else:
            kept_data.append(entry)
    # PyInstaller adds top-level symlinks to libraries (libQt6Core.so.6 → PySide6/Qt/lib/…);
    # one whose target was pruned would dangle.
    gone = {_norm(dest) for dest, _ in removed}

    def dangling(entry: tuple[str, str, str]) -> bool:
        return entry[2] == "SYMLINK" and _link_target(entry) in gone

    for entry in [*final_bin, *kept_data]:
        if dangling(entry):
            removed.append((entry[0], "link to a pruned file"))
    final_bin = [e for e in final_bin if not dangling(e)]
    kept_data = [e for e in kept_data if not dangling(e)]
    return final_bin, kept_data, removed


def _norm(dest: str) -> str:
    return "/".join(_parts(dest))


def _link_target(entry: tuple[str, str, str]) -> str:
    """The bundle path a SYMLINK entry points to (its target is relative to its directory)."""
    dest, target, _ = entry
    parts: list[str] = list(_parts(dest)[:-1])
    for p in _parts(target):
        if p == "..":
            if parts:
                parts.pop()
        elif p != ".":
            parts.append(p)
    return "/".join(parts)


def audit_bundle(contents: Path) -> list[str]:
    """Files in a built bundle's contents dir that the rules say should not be there."""
    bad = []
    for f in sorted(contents.rglob("*")):
        if f.is_file() or f.is_symlink():
            rel = f.relative_to(contents).as_posix()
            why = drop_reason(rel)
            if why:
                bad.append(f"{rel}: {why}")
    return bad

"""Build the real onedir bundle with packaging/build.py and use it as a clerk's PC would.

Slow (a PyInstaller build: about half a minute warm, a few minutes with a cold PyInstaller
cache). Runs in README's test command and so in CI. The build happens once per session in a
temp folder; set ``ZWGK_BUNDLE_DIR`` to test an already built ``dist/zwgk`` instead (the
Windows workflow does, after ``build.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import __version__, paths
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
import bundle_rules

pytestmark = pytest.mark.slow

WINDOWS = sys.platform == "win32"
LINUX = sys.platform.startswith("linux")
EXE = ".exe" if WINDOWS else ""
SIZE_TARGET_MB = 150
BUILD_TIMEOUT_S = 1500
RUN_TIMEOUT_S = 180


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    """(bundle dir, build.py's figures); build.py itself already ran smoke + GUI start."""
    given = os.environ.get("ZWGK_BUNDLE_DIR")
    if given:
        return Path(given).resolve(), {}
    out = tmp_path_factory.mktemp("build")
    report = out / "report.json"
    cmd = [
        sys.executable,
        str(ROOT / "packaging" / "build.py"),
        "--dist",
        str(out / "dist"),
        "--work",
        str(out / "work"),
        "--no-installer",
        "--report",
        str(report),
    ]
    try:
        done = subprocess.run(
            cmd,
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=BUILD_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"packaging/build.py did not finish within {BUILD_TIMEOUT_S} s")
    if done.returncode != 0:
        pytest.fail(
            "packaging/build.py failed (exit "
            f"{done.returncode}):\n{done.stdout[-6000:]}\n{done.stderr[-4000:]}"
        )
    return out / "dist" / "zwgk", json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundle(built) -> Path:
    return built[0]


def _env(tmp: Path, **extra: str) -> dict:
    """A clean environment: a user whose home, data and caches are all under *tmp*."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "ZWGK_"))}
    env.update(
        HOME=str(tmp / "home"),
        USERPROFILE=str(tmp / "home"),
        APPDATA=str(tmp / "appdata"),
        LOCALAPPDATA=str(tmp / "localappdata"),
        XDG_DATA_HOME=str(tmp / "xdg-data"),
        XDG_CONFIG_HOME=str(tmp / "xdg-config"),
        XDG_CACHE_HOME=str(tmp / "xdg-cache"),
        **paths.offscreen_qt_env(),
    )
    env.update(extra)
    for key in ("HOME", "USERPROFILE", "APPDATA", "LOCALAPPDATA"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)  # they exist on a real PC
    return env


def run(
    bundle: Path, program: str, *args: str, env: dict, cwd: Path
) -> subprocess.CompletedProcess:
    exe = bundle / f"{program}{EXE}"
    try:
        return subprocess.run(
            [str(exe), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            cwd=cwd,
            timeout=RUN_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{exe.name} {' '.join(args)} did not finish within {RUN_TIMEOUT_S} s")


def test_build_script_smoke_tested_the_bundle(built):
    _bundle, figures = built
    if not figures:
        pytest.skip("bundle given by ZWGK_BUNDLE_DIR; build.py's own checks ran there")
    assert "error" not in figures
    assert figures["smoke_seconds"] > 0 and figures["gui_seconds"] > 0
    assert figures["removed_after_build"] == []  # the spec's pruning left nothing to audit


def test_bundle_is_within_the_size_target(bundle: Path):
    files = [f for f in bundle.rglob("*") if f.is_file() and not f.is_symlink()]
    size_mb = sum(f.stat().st_size for f in files) / 1_000_000
    print(f"bundle size: {size_mb:.1f} MB in {len(files)} files")
    assert size_mb <= SIZE_TARGET_MB, f"bundle is {size_mb:.1f} MB (target {SIZE_TARGET_MB} MB)"


def test_bundle_holds_what_the_app_reads_and_nothing_it_does_not(bundle: Path):
    contents = bundle / "_internal"
    assert (bundle / f"zwgk{EXE}").is_file() and (bundle / f"zwgk-cli{EXE}").is_file()
    assert (contents / "forms" / "catalogues" / "dalian-2016.json").is_file()
    assert not (contents / "forms" / "sources").exists()
    assert (contents / "packaging" / "icon" / "zwgk.png").is_file()  # window icon
    if (ROOT / "doc_templates").is_dir():
        for f in (ROOT / "doc_templates").iterdir():
            assert (contents / "doc_templates" / f.name).is_file(), f.name
    assert bundle_rules.audit_bundle(contents) == []
    names = {f.name for f in contents.rglob("*")}
    translations = {f.name for f in contents.rglob("*.qm")}
    assert translations == {"qtbase_zh_CN.qm"}
    # OpenCC: the t2s conversion's files and nothing else of the wheel's data.
    opencc = contents / "opencc" / "clib"
    shared = {f.name for f in (opencc / "share" / "opencc").iterdir()}
    assert shared == bundle_rules.OPENCC_KEEP
    assert not [d for d in ("bin", "include", "lib", "lib64") if (opencc / d).exists()]
    unwanted_parts = (
        "QtNetwork",
        "Qt6Network",
        "QtQml",
        "QtQuick",
        "libssl",
        "libcrypto",
        "_ssl.",
        "_hashlib.",
        "_tkinter",
        "opengl32sw",
        "d3dcompiler",
    )
    for unwanted in unwanted_parts:
        hits = sorted(n for n in names if unwanted in n)
        assert hits == [], f"{unwanted}: {hits}"
    assert not [n for n in names if n.startswith(("pytest", "_pytest", "PyInstaller"))]
    dangling = [f for f in contents.rglob("*") if f.is_symlink() and not f.exists()]
    assert dangling == []


@pytest.mark.skipif(not LINUX, reason="ELF dependencies")
def test_every_library_in_the_bundle_finds_what_it_links_to(bundle: Path):
    """The pruning of unreferenced libraries must not cut one that is needed."""
    system = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True).stdout
    have = {f.name for f in bundle.rglob("*")}
    missing = []
    for f in bundle.rglob("*"):
        if not f.is_file() or f.is_symlink():
            continue
        needed = bundle_rules.elf_needed(f)
        for name in needed or []:
            if name not in have and f"\t{name} " not in system and not name.startswith("ld-linux"):
                missing.append(f"{f.relative_to(bundle)} needs {name}")
    assert missing == []


def test_frozen_smoke_mode_passes(bundle: Path, tmp_path: Path):
    done = run(bundle, "zwgk-cli", "smoke", "--gui", env=_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "自检（打包版本）" in done.stdout
    assert "自检通过" in done.stdout
    # The Word export and 汇总 were exercised in the frozen program too.
    assert "导出 Word 报告并检查格式：通过" in done.stdout
    assert "汇总报告并生成汇总表：通过" in done.stdout
    # Bundled data and Qt's zh_CN translation were found inside the bundle.
    assert f"程序文件在 {bundle / '_internal'}" in done.stdout
    assert "按钮为中文" in done.stdout
    assert str(bundle / "_internal") in done.stdout.split("翻译文件在 ", 1)[1]


def test_frozen_window_starts_offscreen(bundle: Path, tmp_path: Path):
    env = _env(tmp_path, ZWGK_DATA_DIR=str(tmp_path / "data"))
    done = run(bundle, "zwgk", "--quit-when-shown", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    if not WINDOWS:  # the windowed Windows exe has no stdout
        lines = done.stdout.splitlines()
        assert "shown" in lines and any(x.startswith("ready") for x in lines), done.stdout
    assert (tmp_path / "data" / "answers.db").is_file()


@pytest.mark.skipif(not LINUX or shutil.which("Xvfb") is None, reason="needs Linux and Xvfb")
def test_frozen_window_starts_on_a_real_x_server(bundle: Path, tmp_path: Path):
    """The xcb platform plugin and what it links to survived the pruning."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as fh:
            display = fh.readline().strip()
        assert display, "Xvfb did not start"
        env = _env(
            tmp_path,
            DISPLAY=f":{display}",
            QT_QPA_PLATFORM="xcb",
            ZWGK_DATA_DIR=str(tmp_path / "data"),
        )
        env.pop("WAYLAND_DISPLAY", None)
        done = run(bundle, "zwgk", "--quit-when-shown", env=env, cwd=tmp_path)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)
    assert done.returncode == 0, done.stderr
    assert "shown" in done.stdout.splitlines(), done.stdout + done.stderr
    assert "Could not load the Qt platform plugin" not in done.stderr


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        f.relative_to(root).as_posix(): (f.stat().st_size, f.stat().st_mtime_ns)
        for f in root.rglob("*")
        if f.is_file() and not f.is_symlink()
    }


def test_frozen_app_writes_only_to_the_per_user_data_dir(bundle: Path, tmp_path: Path):
    """A clerk's start, with no overrides: the data lands in the per-user directory, and
    nothing is written into the program's folder or the working folder."""
    user = tmp_path / "user"
    work = tmp_path / "work"
    user.mkdir()
    work.mkdir()
    before = _snapshot(bundle)
    env = _env(user)
    started = time.time()
    done = run(bundle, "zwgk", "--quit-when-shown", env=env, cwd=work)
    assert done.returncode == 0, done.stderr
    listed = run(bundle, "zwgk-cli", "answers", "list", env=env, cwd=work)
    assert listed.returncode == 0, listed.stderr
    data = (
        (user / "appdata" / "ZWGK" / "zwgk-report")
        if WINDOWS
        else (user / "xdg-data" / "zwgk-report")
    )
    assert (data / "answers.db").is_file()
    assert _snapshot(bundle) == before
    assert list(work.iterdir()) == []
    written = sorted(
        f.relative_to(user).as_posix()
        for f in user.rglob("*")
        if f.is_file() and f.stat().st_mtime >= started - 1
    )
    # fontconfig (a system library Qt uses on Linux) may keep its font cache; that is all.
    data_rel = data.relative_to(user).as_posix()
    elsewhere = [w for w in written if not w.startswith((data_rel + "/", "xdg-cache/fontconfig/"))]
    assert elsewhere == []


def test_frozen_cli_answers_in_chinese(bundle: Path, tmp_path: Path):
    env = _env(tmp_path, ZWGK_DATA_DIR=str(tmp_path / "data"))
    version = run(bundle, "zwgk-cli", "--version", env=env, cwd=tmp_path)
    assert version.returncode == 0 and __version__ in version.stdout
    # It names itself as the administrator typed it, not the source file main.py.
    helped = run(bundle, "zwgk-cli", "--help", env=env, cwd=tmp_path)
    assert helped.returncode == 0, helped.stderr
    assert f"zwgk-cli{EXE} [-h]" in helped.stdout.splitlines()[0], helped.stdout[:200]
    assert "main.py" not in helped.stdout
    assert version.stdout.startswith(f"zwgk-cli{EXE} {__version__}")
    tasks = run(
        bundle, "zwgk-cli", "catalogue", "tasks", "--unit", "市财政局", env=env, cwd=tmp_path
    )
    assert tasks.returncode == 0, tasks.stderr
    assert "市财政局：必须报告" in tasks.stdout
    wrong = run(bundle, "zwgk-cli", "catalogue", "tasks", "--unit", "市财政", env=env, cwd=tmp_path)
    assert wrong.returncode == 2
    assert "单位名录中没有“市财政”" in wrong.stderr


def test_frozen_cli_reads_a_traditional_reprint(bundle: Path, tmp_path: Path):
    """OpenCC's extension module and t2s dictionaries work from the bundle, offline."""
    env = _env(tmp_path, ZWGK_DATA_DIR=str(tmp_path / "data"))
    sample = ROOT / "tests" / "samples" / "guoban-2016-traditional.big5.txt"
    out = tmp_path / "guoban.json"
    done = run(
        bundle, "zwgk-cli", "catalogue", "import", str(sample), "--out", str(out), env=env,
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "文件含繁体字" in done.stderr
    text = out.read_text(encoding="utf-8")
    assert "国务院办公厅" in text and "國務院" not in text


@pytest.mark.skipif(not LINUX or shutil.which("strace") is None, reason="needs Linux and strace")
def test_frozen_app_opens_no_network_socket(bundle: Path, tmp_path: Path):
    """System-call level, so Qt's C++ is covered too: no internet socket is created and no
    connection of any kind is made (smoke mode: catalogue, store, exports, offscreen window)."""
    trace = tmp_path / "trace.txt"
    env = _env(tmp_path)
    cmd = [
        "strace",
        "-f",
        "-qq",
        "-e",
        "trace=socket,connect,sendto,sendmsg",
        "-o",
        str(trace),
        str(bundle / "zwgk-cli"),
        "smoke",
        "--gui",
    ]
    done = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=RUN_TIMEOUT_S,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    calls = [line for line in trace.read_text().splitlines() if "(" in line]
    network = [c for c in calls if "AF_INET" in c or "AF_NETLINK" in c or " connect(" in c]
    assert network == []

"""Build the program for distribution: bundle, prune, measure, smoke-test, installer.

    python packaging/build.py                  # dist/zwgk/ (+ dist/installer/ on Windows)
    python packaging/build.py --no-installer   # bundle and checks only
    python packaging/build.py --help

Works on Windows (the product) and Linux (CI, developers); PyInstaller cannot cross-build, so
the Windows bundle and installer are built on Windows. Steps, in order (stops at the first
failure, with a message saying what to do):

1. PyInstaller with ``packaging/zwgk.spec`` (onedir; the spec prunes unused Qt plugins,
   translations other than zh_CN and libraries nothing links to);
2. audit: nothing the rules drop may remain (anything found is deleted and listed);
3. measure the bundle (total, biggest parts, what pruning saved);
4. run the bundle's smoke mode: ``zwgk-cli smoke --gui`` (temp data, offscreen window);
5. start the windowed program offscreen with ``--quit-when-shown`` on an empty temp data dir;
6. on Windows, Inno Setup's ``iscc`` makes ``dist/installer/zwgk-setup-<version>.exe``
   (skipped with a note when Inno Setup is not installed, unless ``--require-installer``).

As qutebrowser's release script does, the frozen program is launched before an installer is
made, so a broken bundle never becomes an installer.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

sys.path.insert(1, str(ROOT))

import bundle_rules  # noqa: E402
import version_info  # noqa: E402

from desktop.paths import offscreen_qt_env  # noqa: E402

NAME = "zwgk"
CLI_NAME = "zwgk-cli"
WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""
SMOKE_TIMEOUT_S = 300
GUI_TIMEOUT_S = 180
BUILD_TIMEOUT_S = 1800
ISL_NAME = "ChineseSimplified.isl"


class BuildError(Exception):
    """A step failed; the message says what to do."""


def log(text: str = "") -> None:
    print(text, flush=True)


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


# -- steps -------------------------------------------------------------------------------------


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> float:
    try:
        import PyInstaller  # noqa: F401
    except ImportError as exc:
        raise BuildError(
            "没有安装 PyInstaller。请先运行：python -m pip install -r requirements-dev.txt"
        ) from exc
    if sys.platform.startswith("linux") and shutil.which("objdump") is None:
        raise BuildError(
            "PyInstaller 在 Linux 上需要 objdump：请安装 binutils（apt-get install binutils）"
        )
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        *(["--clean"] if clean else []),
        str(HERE / "zwgk.spec"),
    ]
    log(f"$ {' '.join(cmd)}")
    t0 = time.perf_counter()
    try:
        done = subprocess.run(cmd, cwd=ROOT, timeout=BUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise BuildError(
            f"PyInstaller 超过 {BUILD_TIMEOUT_S // 60} 分钟仍未完成，已停止。"
        ) from exc
    if done.returncode != 0:
        raise BuildError(f"PyInstaller 失败（退出码 {done.returncode}），原因见上方输出。")
    return time.perf_counter() - t0


def contents_dir(bundle: Path) -> Path:
    return bundle / "_internal"


def audit(bundle: Path) -> list[str]:
    """Delete anything the pruning rules say must not be there (and dangling links)."""
    contents = contents_dir(bundle)
    found = bundle_rules.audit_bundle(contents)
    for line in found:
        rel = line.split(": ", 1)[0]
        (contents / rel).unlink(missing_ok=True)
    for f in list(contents.rglob("*")):
        if f.is_symlink() and not f.exists():
            found.append(f"{f.relative_to(contents).as_posix()}: dangling link")
            f.unlink()
    return found


def measure(bundle: Path, work: Path) -> dict:
    files = [f for f in bundle.rglob("*") if f.is_file() and not f.is_symlink()]
    total = sum(f.stat().st_size for f in files)
    contents = contents_dir(bundle)
    parts: dict[str, int] = {}
    for f in files:
        rel = f.relative_to(bundle)
        if rel.parts[0] != contents.name:
            key = rel.parts[0]
        elif len(rel.parts) > 2 and rel.parts[1] == "PySide6":
            sub = rel.parts[2:]
            key = "PySide6/" + (
                "/".join(sub[:2]) if sub[0] == "Qt" and len(sub) > 2 else "(bindings)"
            )
        else:
            key = rel.parts[1] if len(rel.parts) > 2 else "(libraries and modules)"
        parts[key] = parts.get(key, 0) + f.stat().st_size
    pruned_bytes, pruned_files, reasons = 0, 0, {}
    pruned_list = work / NAME / "pruned.txt"
    if pruned_list.is_file():
        for line in pruned_list.read_text(encoding="utf-8").splitlines():
            _dest, size, why = line.split("\t", 2)
            pruned_files += 1
            pruned_bytes += int(size)
            n, b = reasons.get(why, (0, 0))
            reasons[why] = (n + 1, b + int(size))
    biggest = sorted(files, key=lambda f: f.stat().st_size, reverse=True)[:8]
    return {
        "bytes": total,
        "files": len(files),
        "parts": dict(sorted(parts.items(), key=lambda kv: -kv[1])),
        "biggest": [(f.relative_to(bundle).as_posix(), f.stat().st_size) for f in biggest],
        "pruned_files": pruned_files,
        "pruned_bytes": pruned_bytes,
        "pruned_reasons": reasons,
    }


def print_sizes(m: dict) -> None:
    log(f"bundle: {mb(m['bytes'])} in {m['files']} files")
    for key, size in list(m["parts"].items())[:12]:
        log(f"  {mb(size):>9}  {key}")
    log("biggest files:")
    for rel, size in m["biggest"]:
        log(f"  {mb(size):>9}  {rel}")
    log(f"pruned by the spec: {m['pruned_files']} files, {mb(m['pruned_bytes'])} (before strip)")
    for why, (n, size) in sorted(m["pruned_reasons"].items(), key=lambda kv: -kv[1][1]):
        log(f"  {n:4} files {mb(size):>9}  {why}")


def check_env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
    env.update(
        {
            **offscreen_qt_env(),
            "ZWGK_DATA_DIR": str(data_dir),
            "PYTHONIOENCODING": "utf-8",
        }
    )
    return env


def _run_in_temp(
    cmd: list[str], data: str, timeout: int, too_slow: str, inspect
) -> tuple[subprocess.CompletedProcess, object]:
    """Run a bundle program in a fresh temp folder, its data dir set to ``<temp>/<data>``;
    ``inspect(data_dir)`` looks at what it left before the folder is removed."""
    with tempfile.TemporaryDirectory(prefix="zwgk-build-") as tmp:
        try:
            done = subprocess.run(
                cmd,
                env=check_env(Path(tmp) / data),
                cwd=tmp,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            raise BuildError(too_slow) from exc
        return done, inspect(Path(tmp) / data)


def run_smoke(bundle: Path) -> float:
    exe = bundle / f"{CLI_NAME}{EXE}"
    cmd = [str(exe), "smoke", "--gui"]
    log(f"$ {' '.join(cmd)}")
    t0 = time.perf_counter()
    done, touched = _run_in_temp(
        cmd,
        "never-used",
        SMOKE_TIMEOUT_S,
        f"打包后的自检超过 {SMOKE_TIMEOUT_S} 秒没有结束。",
        Path.exists,
    )
    if touched:
        raise BuildError("自检写入了用户数据目录（应只用临时文件夹）。")
    for line in (done.stdout + done.stderr).splitlines():
        log(f"  | {line}")
    if done.returncode != 0:
        raise BuildError(f"打包后的自检未通过（退出码 {done.returncode}），原因见上方输出。")
    return time.perf_counter() - t0


def run_gui_start(bundle: Path) -> float:
    exe = bundle / f"{NAME}{EXE}"
    cmd = [str(exe), "--quit-when-shown"]
    log(f"$ QT_QPA_PLATFORM=offscreen {' '.join(cmd)}")
    t0 = time.perf_counter()
    done, created = _run_in_temp(
        cmd,
        "data",
        GUI_TIMEOUT_S,
        f"打包后的窗口超过 {GUI_TIMEOUT_S} 秒没有打开并退出。",
        lambda data: (data / "answers.db").is_file(),
    )
    took = time.perf_counter() - t0
    lines = done.stdout.splitlines()
    for line in lines:
        log(f"  | {line}")
    if done.returncode != 0:
        raise BuildError(f"打包后的窗口启动失败（退出码 {done.returncode}）：{done.stderr[-2000:]}")
    # The windowed Windows exe has no stdout; there the database it created is the evidence.
    if not WINDOWS and ("shown" not in lines or not any(x.startswith("ready") for x in lines)):
        raise BuildError(f"打包后的窗口没有显示或没有载入数据：{done.stdout} {done.stderr[-2000:]}")
    if not created:
        raise BuildError("打包后的窗口没有在数据目录中建立数据库。")
    return took


def find_iscc(given: str | None) -> Path | None:
    candidates = [given, os.environ.get("ISCC"), shutil.which("iscc"), shutil.which("ISCC")]
    for base in (
        os.environ.get("ProgramFiles(x86)"),
        os.environ.get("ProgramFiles"),
        os.path.join(os.environ.get("LOCALAPPDATA", ""), "Programs"),
    ):
        if base:
            candidates.append(os.path.join(base, "Inno Setup 6", "ISCC.exe"))
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    return None


def find_isl(given: str | None, iscc: Path) -> Path:
    """The Chinese (Simplified) messages: an unofficial Inno Setup translation, not shipped
    with Inno Setup 6. Looked for as given, in packaging/inno/ (the copy this repository
    carries, for the pinned Inno Setup 6.4.1), in packaging/, then in Inno Setup's Languages."""
    candidates = (
        given,
        HERE / "inno" / ISL_NAME,
        HERE / ISL_NAME,
        iscc.parent / "Languages" / ISL_NAME,
    )
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    raise BuildError(
        f"找不到 Inno Setup 的简体中文语言文件 {ISL_NAME}（非官方翻译，Inno Setup 不自带）。"
        f"请从 Inno Setup 官网的翻译页（jrsoftware.org/files/istrans/）下载，放到 {HERE} 下，"
        "或用 --isl 指定。详见 docs/packaging.md。"
    )


def make_installer(bundle: Path, out: Path, iscc: Path, isl: Path) -> Path:
    version, _name = version_info.current_version()
    out.mkdir(parents=True, exist_ok=True)
    cmd = [
        str(iscc),
        "/Q",
        f"/DAppVersion={version}",
        f"/DFileVersion={'.'.join(map(str, version_info.version_tuple(version)))}",
        f"/DBundleDir={bundle}",
        f"/DOutputDir={out}",
        f"/DChineseIsl={isl}",
        str(HERE / "installer.iss"),
    ]
    log(f"$ {' '.join(cmd)}")
    done = subprocess.run(cmd, cwd=HERE, timeout=BUILD_TIMEOUT_S)
    if done.returncode != 0:
        raise BuildError(f"Inno Setup 失败（退出码 {done.returncode}），原因见上方输出。")
    setup = out / f"zwgk-setup-{version}.exe"
    if not setup.is_file():
        raise BuildError(f"Inno Setup 没有生成 {setup}。")
    return setup


# -- main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    parser = argparse.ArgumentParser(description="Build the bundle and the installer.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output (dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller work dir")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-check", action="store_true", help="skip the smoke and GUI runs")
    parser.add_argument("--no-installer", action="store_true", help="do not run Inno Setup")
    parser.add_argument(
        "--require-installer", action="store_true", help="fail if Inno Setup is missing (CI)"
    )
    parser.add_argument("--iscc", help="path to ISCC.exe")
    parser.add_argument("--isl", help=f"path to {ISL_NAME}")
    parser.add_argument("--report", type=Path, help="write the figures as JSON to this file")
    args = parser.parse_args(argv)

    dist, work = args.dist.resolve(), args.work.resolve()
    bundle = dist / NAME
    figures: dict = {"platform": sys.platform, "python": sys.version.split()[0]}
    try:
        log("== 1. PyInstaller")
        figures["build_seconds"] = round(run_pyinstaller(dist, work, args.clean), 1)
        log("== 2. audit")
        leftovers = audit(bundle)
        for line in leftovers:
            log(f"  removed after the build: {line}")
        figures["removed_after_build"] = leftovers
        log("== 3. size")
        m = measure(bundle, work)
        print_sizes(m)
        figures["size"] = m
        if not args.no_check:
            log("== 4. smoke mode of the bundle")
            figures["smoke_seconds"] = round(run_smoke(bundle), 1)
            log("== 5. windowed program, offscreen")
            figures["gui_seconds"] = round(run_gui_start(bundle), 1)
        if WINDOWS and not args.no_installer:
            log("== 6. installer")
            iscc = find_iscc(args.iscc)
            if iscc is None:
                msg = (
                    "Inno Setup 6 is not installed: no installer made. Install it "
                    "(jrsoftware.org, or `choco install innosetup`) or pass --iscc."
                )
                if args.require_installer:
                    raise BuildError(msg)
                log(f"NOTE: {msg}")
            else:
                started = time.perf_counter()
                setup = make_installer(bundle, dist / "installer", iscc, find_isl(args.isl, iscc))
                figures["installer_seconds"] = round(time.perf_counter() - started, 1)
                figures["installer"] = {"path": str(setup), "bytes": setup.stat().st_size}
                log(f"installer: {setup} ({mb(setup.stat().st_size)})")
    except BuildError as exc:
        log(f"BUILD FAILED: {exc}")
        figures["error"] = str(exc)
        if args.report:
            args.report.write_text(json.dumps(figures, ensure_ascii=False, indent=2), "utf-8")
        return 1
    if args.report:
        args.report.write_text(json.dumps(figures, ensure_ascii=False, indent=2), "utf-8")
    log(f"done: {bundle} ({mb(figures['size']['bytes'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

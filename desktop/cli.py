"""Command line: ``python main.py <command>``; plain ``python main.py`` opens the wizard.

Qt-free: each command module is imported only when its command runs, so ``catalogue show``
starts in a fraction of a second. Every command accepts ``--data-dir``.
"""

from __future__ import annotations

import argparse
import os
import sys

from desktop import APP_NAME, __version__, paths

# Each module defines ``register(subparsers)``; its parsers set ``func`` (args → exit code).


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"参数错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="main.py",
        description=f"{APP_NAME}：填写、导出、汇总政务公开工作要点落实情况报告。不带命令时打开填报向导。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"数据目录（默认 {paths.default_data_dir()}；也可用环境变量 {paths.DATA_DIR_ENV}）",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    # Here, not at the top: the commands import their own heavy parts lazily, and `main.py`
    # with no command starts the window without loading any of them.
    from desktop.commands import answers_cmd, catalogue_cmd, consolidate_cmd, report_cmd, smoke_cmd

    for module in (catalogue_cmd, answers_cmd, report_cmd, consolidate_cmd, smoke_cmd):
        module.register(sub)
    return parser


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                if stream.isatty():
                    stream.reconfigure(errors="replace")
                else:
                    stream.reconfigure(encoding="utf-8", errors="replace")
            except (OSError, ValueError):
                pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_streams()
    # GUI start: no command (only options such as --data-dir).
    if not any(not a.startswith("-") for a in _strip_option_values(argv)) and not (
        {"-h", "--help", "--version"} & set(argv)
    ):
        gui = argparse.ArgumentParser(add_help=False)
        gui.add_argument("--data-dir")
        known, rest = gui.parse_known_args(argv)
        if known.data_dir:
            paths.set_data_dir(known.data_dir)
        from desktop.ui.app import run  # Qt is imported only here

        return run(rest)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _strip_option_values(argv: list[str]) -> list[str]:
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
            continue
        if a == "--data-dir":
            skip = True
            continue
        out.append(a)
    return out

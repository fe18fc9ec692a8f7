"""Command line: ``python main.py <command>``; plain ``python main.py`` opens the wizard.

Qt-free: each command module is imported only when its command runs, so ``catalogue show``
starts in a fraction of a second. Every command accepts ``--data-dir``.
"""

from __future__ import annotations

import argparse
import os
import sys

from desktop import APP_NAME, __version__, paths
from desktop.commands import fail
from desktop.errors import UserError

# Each module defines ``register(subparsers)``; its parsers set ``func`` (args → exit code).


# argparse's own words (it looks them up through gettext as ``argparse._`` when it runs):
# usage lines, help headings and error messages reach clerks, so they are Chinese too.
_ARGPARSE_CN = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "参数",
    "show this help message and exit": "显示本帮助后退出",
    "show program's version number and exit": "显示程序版本后退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "后面需要一个值",
    "expected at least one argument": "后面至少需要一个值",
    "expected at most one argument": "后面最多一个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def _argparse_text(text: str) -> str:
    return _ARGPARSE_CN.get(text, text)


argparse._ = _argparse_text  # type: ignore[attr-defined]


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"参数错误：{message}\n")


def program_name() -> str:
    """What the user typed to run us: ``zwgk-cli.exe`` (``zwgk-cli`` on Linux) when frozen."""
    if getattr(sys, "frozen", False):
        return os.path.basename(sys.executable)
    return "main.py"


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog=program_name(),
        description=f"{APP_NAME}：填写、导出、汇总政务公开工作要点落实情况报告。不带命令时打开填报向导。",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}", help="显示版本号后退出"
    )
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
    """Run a command (or the wizard). Exit codes: 0 done, 1 the data or a file could not be
    used, 2 bad input, 3 an unexpected error (one Chinese line and a log file), 130 Ctrl+C.

    No Python traceback ever reaches the clerk: an error nobody foresaw is written to a log
    file (:mod:`desktop.crashlog`) and summed up in one line.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_streams()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except SystemExit:
        raise
    except UserError as exc:
        # A Chinese message a command did not catch itself: show it as it is.
        return fail(str(exc), 1)
    except BaseException as exc:  # noqa: BLE001 - the catch-all: log it, one line for the clerk
        from desktop import crashlog

        log = crashlog.write(type(exc), exc, exc.__traceback__, f"命令 {' '.join(argv)}")
        return fail(crashlog.message(log), crashlog.EXIT_INTERNAL)


def _main(argv: list[str]) -> int:
    if starts_the_window(argv):
        gui = argparse.ArgumentParser(add_help=False)
        gui.add_argument("--data-dir")
        known, rest = gui.parse_known_args(argv)
        if known.data_dir:
            paths.set_data_dir(known.data_dir)
        from desktop.ui.app import run  # Qt is imported only here

        return run(rest, exit_fast=True)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


def starts_the_window(argv: list[str]) -> bool:
    """The GUI start: no command, only options such as --data-dir (and no --help/--version)."""
    return not any(not a.startswith("-") for a in _strip_option_values(argv)) and not (
        {"-h", "--help", "--version"} & set(argv)
    )


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

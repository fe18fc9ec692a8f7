"""政务公开工作要点落实情况报告 — start the wizard, or run a command (``python main.py --help``)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

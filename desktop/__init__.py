"""政务公开工作要点落实情况报告 — application package.

Everything in this package except ``desktop.ui`` is Qt-free: the catalogue, applicability,
storage, report building, checks and the CLI never import PySide6.
"""

__version__ = "0.1.0"
APP_NAME = "政务公开落实情况报告"
APP_ID = "zwgk-report"
ORG_NAME = "ZWGK"

"""Quotes inside quotes read as Chinese prose nests them (issue 12 §11): a figure whose label
already holds “…” is cited with single quotes inside, never “已实现“1个部门只有1个网站””."""

from __future__ import annotations

from desktop import completeness
from desktop.textclean import quoted


def test_quoted_nests_single_quotes_inside():
    assert quoted("主要做法") == "“主要做法”"
    assert quoted("已实现“1个部门只有1个网站”") == "“已实现‘1个部门只有1个网站’”"


def test_a_warning_about_such_a_figure(form, directory_bundled):
    values = {"figures.one_site_per_department": False}
    unit = directory_bundled.unit("中山区")
    ((_, message),) = completeness.figure_warnings(form, "4.2.1", values, unit)
    assert message == "“已实现‘1个部门只有1个网站’”为“否”，要点要求做到。"
    assert "““" not in message and "””" not in message

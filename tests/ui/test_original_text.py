"""The task page's 要点原文 marks the words that made the task the unit's."""

from __future__ import annotations


def _marked_text(browser) -> str:
    """The characters the original text shows on the clause's yellow."""
    doc = browser.document()
    marked = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().color().name() == "#ffe58f":
                marked.append(fragment.text())
            it += 1
        block = block.next()
    return "".join(marked)


def test_the_original_text_marks_what_reached_the_unit(qtbot, open_services):
    """“要点原文（责任分工已标出）”: the clause of a task, and for a 保障措施 task without a clause
    of its own the “各地区、各部门” of its text (nothing was marked there)."""
    from tests.ui.test_wizard import choose_unit_and_start, make_window, nav_click

    window = make_window(qtbot, open_services())
    view = choose_unit_and_start(qtbot, window, "中山", "中山区")
    nav_click(qtbot, view, "task:3.1.1")
    assert (
        _marked_text(view.pages["task:3.1.1"].source)
        == "各区市县政府和先导区管委会、市政府各部门牵头落实"
    )
    nav_click(qtbot, view, "task:5.1.1")
    assert _marked_text(view.pages["task:5.1.1"].source) == "各地区、各部门"

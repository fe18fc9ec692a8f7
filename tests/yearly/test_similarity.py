"""Last year's task for this year's: the 2017 sample against the real 2016 要点."""

from __future__ import annotations

from desktop.yearly.similarity import THRESHOLD, Matcher, bigrams, catalogue_matcher
from tests.yearly.helpers import parse_2017

# 2017 task → the 2016 task it was modelled on (same subject, reworded).
MODELLED_ON = {
    "1.1.1": "1.1.1",
    "1.2.1": "1.2.1",
    "1.2.2": "1.2.2",
    "1.3.1": "1.3.1",
    "1.4.1": "1.6.1",
    "1.5.1": "1.10.1",
    "2.1.1": "2.2.1",
    "2.2.1": "2.6.1",
    "2.3.1": "2.7.1",
    "3.1.1": "3.1.1",
    "3.1.2": "3.1.2",
    "3.2.1": "3.2.2",
    "3.3.1": "3.3.1",
    "4.1.1": "4.1.1",
    "4.3.1": "4.3.1",
    "5.1.1": "5.1.1",
}


def test_each_reworded_task_finds_the_one_it_came_from(catalogue):
    matcher = catalogue_matcher(parse_2017().catalogue, catalogue)
    for new_id, old_id in MODELLED_ON.items():
        best = matcher.best(new_id, limit=1)
        assert best and best[0].task_id == old_id, (new_id, best)
    # 四（二）2017 (monthly website checks) shares only boilerplate with any 2016 task.
    assert matcher.best("4.2.1") == []


def test_unrelated_tasks_stay_under_the_threshold(catalogue):
    ids = catalogue.task_ids()
    matcher = Matcher(
        {i: catalogue.task(i).text for i in ids}, {i: catalogue.task(i).text for i in ids}
    )
    worst = max(matcher.score(a, b) for a in ids for b in ids if a != b)
    assert worst < THRESHOLD
    assert all(matcher.score(i, i) > 0.999 for i in ids)


def test_clause_and_punctuation_do_not_count():
    assert bigrams("公开预算。（市财政局牵头落实）") == bigrams("公开预算")
    assert bigrams("") == {} and bigrams("公") == {"公": 1}

"""Autosave coalesces typing into one revision per field; an explicit save seals it."""

from __future__ import annotations

from desktop.store import open_store


def test_typing_coalesces_and_explicit_save_seals(data_dir):
    store = open_store(data_dir).store
    rid = store.create_report("中山区", "dalian-2016")
    for text in ("一", "一是", "一是建立", "一是建立制度"):
        store.save_fields(rid, [("texts", "overview", text)], coalesce=True)
    history = store.history(rid, "texts", "overview")
    assert len(history) == 1
    assert history[0].old is None and history[0].new == "一是建立制度"
    store.seal_revisions()
    store.save_fields(rid, [("texts", "overview", "一是建立制度。二是")], coalesce=True)
    history = store.history(rid, "texts", "overview")
    assert [h.new for h in history] == ["一是建立制度。二是", "一是建立制度"]
    assert history[0].old == "一是建立制度"
    # Saves without coalescing (imports, status) always add a revision.
    store.save_field(rid, "texts", "overview", "改写")
    store.save_field(rid, "texts", "overview", "再改写")
    assert len(store.history(rid, "texts", "overview")) == 4
    store.close()

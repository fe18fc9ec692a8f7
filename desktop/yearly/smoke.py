"""``smoke``'s yearly step: the office publishes a corrected 要点, the unit installs it and
starts a report carrying last year forward — all in the self-test's temporary folder, so the
frozen bundle is proven to carry desktop.yearly and its readers. Next year's 要点 is the
built-in one under a new id and title (the bundle has no 要点 source text to parse)."""

from __future__ import annotations

from desktop import paths


def smoke_step(ctx) -> str:
    import copy

    from desktop.commands import SmokeFailure
    from desktop.services import Services
    from desktop.settings import Settings
    from desktop.store import open_store
    from desktop.yearly import installing
    from desktop.yearly import publication as pub_mod
    from desktop.yearly.draft import ReviewDraft
    from desktop.yearly.review import ReviewService

    unit_dir = paths.data_dir()
    paths.set_data_dir(ctx.root / "office")
    try:
        catalogue = copy.deepcopy(ctx.catalogue)
        catalogue.id = "smoke-2017"
        draft = ReviewDraft(catalogue)
        draft.apply_firm_suggestions(ctx.directory)
        n_figures = sum(len(f) for f in draft.figures.values())
        if n_figures < 3:
            raise SmokeFailure("没有从要点文字中得出应填报的数据项（如“不少于1次”）")
        # The office's corrections: next year's title and date.
        draft.set_header("title", "2017年政务公开工作要点")
        draft.set_header("date", "2017-06-20")
        done = ReviewService(ctx.directory).publish(draft, ctx.out / "要点发布文件.json")
    finally:
        paths.set_data_dir(unit_dir)
    pub = pub_mod.read(done.path)
    opened = open_store()
    try:
        store = opened.store
        plan = installing.plan(pub, directory=ctx.directory)
        if plan.state != installing.NEW:
            raise SmokeFailure(f"导入要点发布文件的结果不对：{plan.message()}")
        installing.install(plan, store)
        services = Services(store, Settings())
        report = services.start_report(ctx.unit, pub.id)
        session = services.open_session(report)
        refs = session.references  # None: no earlier report found (the check below says so)
        carried = len([t for t in session.tasks if refs and refs.for_task(t.task_id)])
        cover = store.load_values(report).get("profile", {})
    finally:
        opened.store.close()
    if not cover.get("issuer_name"):
        raise SmokeFailure("新报告没有沿用上一份报告的封面信息")
    if not carried:
        raise SmokeFailure("新报告中看不到去年相应任务的答复")
    return (
        f"通过（第{pub.revision}版，{len(pub.catalogue.task_ids())} 项任务、{n_figures} 个数据项；"
        f"{carried} 项任务附去年的答复）"
    )

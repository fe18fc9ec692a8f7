"""Realistic payloads for tests, the benchmark and the documentation's pictures.

Built from the real catalogue, form and unit directory (applicability decides which tasks a
unit reports on and in which role), with answers that read like a 落实情况报告 — not lorem
ipsum, so a reviewer looking at the rendered pages judges real prose.
"""

from __future__ import annotations

from desktop import payload as payload_mod
from desktop.applicability import tasks_for
from desktop.catalogue import Catalogue
from desktop.forms import FormSpec
from desktop.report.prose import self_reference
from desktop.units import Directory

# Task id → answer text. "{me}" is how the unit names itself (我局/我区), "{unit}" its name.
ANSWERS: dict[str, dict] = {
    "1.1.1": {
        "status": "已完成",
        "measures": "{me}制定重大行政决策事项目录，对涉及群众切身利益的财政政策，在决策前通过"
        "政府网站公开征求意见稿和起草说明，征求意见期限不少于30日；征集意见结束后，在原栏目"
        "集中反馈意见采纳情况及理由。",
        "results": "全年公开征求意见的政策文件6件，收到社会意见建议83条，采纳31条。",
        "evidence": [{"title": "意见征集专栏", "url": "http://www.dl.gov.cn/yjzj/"}],
    },
    "1.2.1": {
        "status": "持续推进",
        "measures": "{me}围绕《政府工作报告》确定的重点工作，逐项明确责任处室和完成时限，"
        "每季度在门户网站公开执行措施和进展情况；对督查中发现的问题，同步公开整改落实情况。",
        "results": "已按季度公开重点工作进展3次。",
        "next_steps": "第四季度结束后15日内公开全年完成情况，并将督查整改情况纳入年度公开内容。",
        "evidence": [{"title": "重点工作进展专栏", "url": "http://www.dl.gov.cn/zdgz/"}],
    },
    "1.3.1": {
        "status": "已完成",
        "measures": "配合市编委办、市人社局完成权责清单动态调整，对取消、下放、调整的行政职权"
        "及时更新，并在“备注”中标识是否向社会公示。",
        "evidence": [{"title": "权责清单专栏", "url": "http://www.dl.gov.cn/qzqd/"}],
    },
    "1.4.1": {
        "status": "已完成",
        "measures": "在门户网站开设“稳增长、促改革、调结构、惠民生”政策专栏，集中发布支持"
        "创新创业、培育发展新动能等方面的政策措施，并编印政策解读汇编。",
        "results": "专栏全年发布政策文件42件、解读材料27篇，累计访问量超过15万人次。",
        "evidence": [{"title": "政策专栏", "url": "http://www.dl.gov.cn/zczl/"}],
    },
    "1.6.1": {
        "status": "已完成",
        "measures": "{me}在政府网站设立预决算公开统一平台，于人代会批准后20日内公开市本级"
        "预算，部门预算批复后20日内督促各部门公开部门预算，“三公”经费预决算细化到经济分类"
        "款级科目，并对变化情况作出说明。\n同时将区市县政府预决算公开情况纳入年度检查，"
        "逐一通报检查结果。",
        "results": "全市108个市直部门全部公开2016年部门预算，公开率100%；“三公”经费公开"
        "实现全覆盖。",
        "problems": "部分部门预算说明较为简略，绩效目标公开的深度不够。",
        "evidence": [
            {"title": "预决算公开统一平台", "url": "http://www.dl.gov.cn/yjs/"},
            {"title": "《大连日报》专版", "url": ""},
        ],
    },
    "1.8.1": {
        "status": "持续推进",
        "measures": "会同市国资委研究制定国有资本经营预决算公开办法，按季度公开市属国有企业"
        "主要财务指标。",
        "next_steps": "2016年12月底前公开2017年国有资本经营预算草案编制说明。",
        "evidence": [{"title": "国有资本经营预算专栏", "url": "http://www.dl.gov.cn/gyzb/"}],
    },
    "2.4.1": {
        "status": "已完成",
        "measures": "会同地税、国税部门在门户网站公开“营改增”试点政策、办税指南和减税效果，"
        "开通12366纳税服务热线咨询专席。",
        "results": "全年发布减税政策解读12篇，热线答复咨询4600余次。",
        "evidence": [{"title": "减税降费专栏", "url": "http://www.dl.gov.cn/jsjf/"}],
    },
    "2.4.2": {
        "status": "未完成",
        "measures": "已完成行政事业性收费和政府性基金目录清单的梳理，报市政府审定。",
        "unfinished_reason": "收费目录清单尚待市政府常务会议审定，审定后10个工作日内在门户网站"
        "公开，预计2016年12月底前完成。",
    },
    "3.1.1": {
        "status": "已完成",
        "measures": "建立政策解读与政策文件同步起草、同步审签、同步发布制度，{me}出台的"
        "规范性文件均配发图文解读。",
        "results": "全年发布政策解读材料19篇，其中图解9篇。",
        "evidence": [{"title": "政策解读专栏", "url": "http://www.dl.gov.cn/zcjd/"}],
    },
    "3.1.2": {
        "status": "已完成",
        "measures": "主要负责同志通过大连电视台《政风行风热线》、市政府新闻发布会解读"
        "财政支持实体经济发展的政策措施。",
        "figures": {"head_interpretations": 2},
    },
    "3.2.2": {
        "status": "持续推进",
        "measures": "建立政务舆情收集、研判、处置和回应机制，明确专人每日监测网络舆情，"
        "对重要舆情在24小时内作出回应。",
        "next_steps": "完善舆情回应台账，定期分析回应效果。",
    },
    "3.2.3": {
        "status": "已完成",
        "measures": "按照“第一责任主体”要求，对本系统发生的突发事件及时发布权威信息。",
        "figures": {"major_incidents": 0, "pressers_within_24h": 0},
    },
    "3.3.1": {
        "status": "已完成",
        "measures": "以市政府新闻办名义召开预算执行、减税降费等专题新闻发布会，主动通报"
        "财政工作情况。",
        "figures": {"press_conferences": 3},
        "evidence": [{"title": "新闻发布会实录", "url": "http://www.dl.gov.cn/xwfb/"}],
    },
    "4.2.1": {
        "status": "已完成",
        "measures": "将所属事业单位网站功能整合到部门门户网站，原网站域名关停并设置跳转。",
        "figures": {"websites_closed": 2, "one_site_per_department": True},
    },
    "4.3.1": {
        "status": "已完成",
        "measures": "配合市政府办公厅制定年度培训计划，组织政务公开工作人员参加全市集中培训。",
        "figures": {
            "training_plan_date": "2016-09-30",
            "trainings_held": 2,
            "people_trained": 85,
        },
    },
    "5.1.1": {
        "status": "已完成",
        "measures": "调整政务公开工作领导小组，明确办公室承担日常工作，配备专职工作人员2名。",
        "figures": {
            "leader_name": "李四",
            "leader_title": "副局长",
            "leader_published_url": "http://www.dl.gov.cn/ldfg/",
        },
    },
    "5.2.1": {
        "status": "已完成",
        "measures": "将政务公开工作纳入处室年度绩效考核，权重不低于4%，并依法办理政府信息"
        "公开申请。",
        "figures": {
            "requests_received": 126,
            "requests_answered": 126,
            "reconsiderations": 2,
            "lawsuits": 0,
        },
    },
    "5.3.1": {
        "status": "已完成",
        "measures": "将政务公开工作经费列入部门预算，保障网站运维、培训和宣传等支出。",
        "figures": {"budget_prepared": True, "budget_amount": 35.5},
    },
}

# Tasks a sample unit declares not applicable (optional 相关部门 tasks only), with a reason.
NOT_APPLICABLE = {
    "1.5.1": "我局不承担市场监管执法职责，无随机抽查事项",
    "2.3.1": "我局不涉及面向转移落户人员的服务事项",
    "1.7.1": "我局无政府投资的重大建设项目审批职责",
}

PROFILES = {
    "市财政局": {
        "issuer_name": "市财政局",
        "contact_name": "张三",
        "contact_phone": "0411-83678901",
        "leader_name": "李四",
        "leader_title": "副局长",
        "report_date": "2016-11-28",
    },
    "中山区": {
        "issuer_name": "中山区人民政府",
        "contact_name": "王丽",
        "contact_phone": "0411-82881234",
        "leader_name": "赵强",
        "leader_title": "副区长",
        "report_date": "2016-11-25",
    },
}

TEXTS = {
    "overview": "今年以来，{me}认真贯彻落实《{title}》，成立由主要负责同志任组长的政务公开"
    "工作领导小组，制定任务分解表，逐项明确责任处室和完成时限，推动各项任务落到实处。",
    "problems": "一是政策解读的形式还不够丰富，图解、视频等群众喜闻乐见的形式运用不多。"
    "二是部分公开内容更新不够及时。",
    "plans": "一是进一步健全政务公开工作机制，加强督促检查。二是丰富政策解读形式，提高解读"
    "质量。三是加强政务公开队伍建设，开展业务培训。",
}


def _generic(item_title: str, me: str) -> dict:
    return {
        "status": "已完成",
        "measures": f"{me}按照要点要求，围绕{item_title}，明确责任处室，通过门户网站及时公开"
        "相关信息，并做好政策解读和社会关切回应。",
    }


def sample_payload(
    unit_name: str,
    catalogue: Catalogue,
    form: FormSpec,
    directory: Directory,
    not_applicable: bool = True,
) -> dict:
    """A complete, valid payload for *unit_name* (e.g. 市财政局, 中山区)."""
    unit = directory.unit(unit_name)
    if unit is None:
        raise KeyError(unit_name)
    data = payload_mod.empty(catalogue, unit.name)
    data["unit_info"] = {
        "kind": unit.kind,
        "full_name": unit.full_name,
        "title_name": unit.title_name,
        "categories": list(unit.categories),
    }
    profile = dict(PROFILES.get(unit.name, {"issuer_name": unit.report_name}))
    data["profile"] = profile
    me = self_reference(profile["issuer_name"])
    data["texts"] = {k: v.format(me=me, title=catalogue.title) for k, v in TEXTS.items()}
    data["review"] = {"reviewer_name": "王五", "review_date": "2016-11-27", "confirmed": True}
    data["status"] = "final"
    for duty in tasks_for(catalogue, directory, unit):
        answer: dict = {"role": duty.role, "optional": duty.optional, "applicable": True}
        if not_applicable and duty.optional and duty.task_id in NOT_APPLICABLE:
            answer["applicable"] = False
            answer["not_applicable_reason"] = NOT_APPLICABLE[duty.task_id]
        else:
            _section, item = catalogue.item_of(duty.task_id)
            template = ANSWERS.get(duty.task_id) or _generic(item.title, me)
            answer.update(_fill(template, me, unit.name))
        data["answers"][duty.task_id] = answer
    return data


def _fill(template: dict, me: str, unit: str) -> dict:
    out: dict = {}
    for key, value in template.items():
        if isinstance(value, str):
            out[key] = value.replace("{me}", me).replace("{unit}", unit)
        else:
            out[key] = value
    return out


FILLER = (
    "通过政府网站、政务微博微信和新闻发布会等渠道，及时准确公开相关信息，主动回应社会关切，"
    "切实保障人民群众的知情权、参与权、表达权和监督权。"
)


def full_payload(catalogue: Catalogue, form: FormSpec, chars_per_task: int = 800) -> dict:
    """Every task of *catalogue* answered with about *chars_per_task* characters and every
    figure filled: the benchmark's 'full report'. Every sentence is different (numbered by the
    task's 要点 reference), as in a real report: the composer never prints a sentence twice."""
    data = payload_mod.empty(catalogue, "市政府办公厅")
    data["profile"] = dict(PROFILES["市财政局"], issuer_name="市政府办公厅")
    data["texts"] = {k: v.format(me="我厅", title=catalogue.title) for k, v in TEXTS.items()}
    for task in catalogue.tasks():
        _section, item = catalogue.item_of(task.id)
        base = _fill(ANSWERS.get(task.id) or _generic(item.title, "我厅"), "我厅", "市政府办公厅")
        ref = catalogue.ref(task.id)
        text = base["measures"]
        k = 0
        while len(text) < chars_per_task * 0.6:
            k += 1
            text += f"{ref}第{k}项措施：{FILLER}"
        results = "取得成效：" + "".join(
            f"{ref}第{n}项成效：{FILLER}"
            for n in range(1, max(1, int(chars_per_task * 0.4 / len(FILLER))) + 1)
        )
        answer = {
            "role": task.assignments[0].role if task.assignments else "responsible",
            "optional": False,
            "applicable": True,
            "status": "已完成",
            "measures": text,
            "results": results,
            "evidence": [{"title": f"{item.title}专栏", "url": f"http://www.dl.gov.cn/{task.id}/"}],
        }
        figures = {}
        for spec in form.all_figures(task.id):
            figures[spec.key] = {
                "integer": 3,
                "decimal": 12.5,
                "boolean": True,
                "date": "2016-09-30",
                "text": "李四",
                "url": "http://www.dl.gov.cn/",
            }.get(spec.type, "示例")
        if figures:
            answer["figures"] = figures
        data["answers"][task.id] = answer
    return data

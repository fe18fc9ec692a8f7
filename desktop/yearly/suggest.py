"""Figure fields suggested from what a task's text requires (“不少于3次”, “每季度”, “按月”…).

A 要点 that sets a number, a rhythm or a deadline will be checked against it, so the report
should carry that figure. Each suggestion is a figure in the shape of ``forms/fields/*.json``
(key, label, type, unit, limits, the demand, the sentence the report writes), plus the words
it was read from. *Firm* ones (a minimum count, quarterly, monthly, half-yearly) are added when
a 要点 is imported; the others (a deadline, “24小时内”, a percentage) are only offered on the
office's review screen. The office renames, changes or drops any of them there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.catalogue import Task
from desktop.numerals import cn_to_int
from desktop.textclean import abridge

NUM = r"[0-9]+|[一二两三四五六七八九十百]+"
COUNTERS = "次|场|期|篇|条|个|项|批|轮|人次|家|件"
_CLAUSE = re.compile(r"[（(【][^（）()【】]*(落实|负责|配合|牵头)[^（）()【】]*[）)】]")
_TIME_WORDS = re.compile(r"^.*?(全年|年内|每年|年度内|当年|今年)")
_SUBJECT = re.compile(
    r"^[^，。；]{0,24}?(部门|政府|单位|负责人|负责同志|地区|机关|机构|各级|各地)(要|应当|应|须|必须)"
)
_LEAD_IN = re.compile(r"^(并|且|同时|还|都|均|原则上|每个部门|各部门|各地区)")
MAX_LABEL = 40


@dataclass
class Suggestion:
    figure: dict  # a figure in the forms/fields shape
    source: str  # the words of the 要点 it was read from
    firm: bool  # added at import; else only offered on the review screen
    kind: str = ""
    subject: tuple[str, ...] = ()  # who the sentence addresses: ("市政府各部门",)

    @property
    def label(self) -> str:
        return self.figure["label"]

    def limited_to(self, directory) -> dict:
        """The figure, asked only of the sentence's addressee when that is a narrower set of
        directory units or categories (三（三）: 市政府各部门要…召开三次新闻发布会)."""
        figure = dict(self.figure)
        if self.subject and directory is not None:
            names = []
            for name in self.subject:
                known = directory.category(name) or directory.unit(name)
                if known is None or getattr(known, "all_units", False):
                    return figure
                names.append(known.name)
            figure["applies_to"] = names
        return figure


_ADDRESSEE = re.compile(r"^([^，,。；;：:]{2,30}?)(?:要|应当|应|须|必须|全年|年内|每年)")


def subject_of(sentence: str) -> tuple[str, ...]:
    """The names a sentence opens with as its addressee: 市政府各部门要… → (市政府各部门,)."""
    m = _ADDRESSEE.match(sentence)
    if m is None:
        return ()
    names = tuple(n.strip() for n in re.split(r"[、和及]", m.group(1)) if n.strip())
    return names if all(2 <= len(n) <= 30 for n in names) else ()


def _sentences(text: str) -> list[str]:
    core = _CLAUSE.sub("", text).replace("\n", "。")
    return [s.strip() for s in re.split(r"[。；;！!？?]", core) if s.strip()]


def _action(before: str) -> str:
    """What is counted, from the words before the requirement: 年内解读重要政策措施."""
    part = re.split(r"[，,：:]", before)[-1]
    part = _SUBJECT.sub("", part)
    part = _TIME_WORDS.sub("", part)
    part = _LEAD_IN.sub("", part)
    return part.strip("，、 ")


def _demand(sentence: str) -> str:
    return f"要点要求：{sentence}。"


def _counts(sentence: str) -> list[Suggestion]:
    out: list[Suggestion] = []
    # 年内解读重要政策措施不少于3次 / 组织培训3次以上 / 至少以…名义召开两次新闻发布会
    for m in re.finditer(
        rf"(不少于|不低于|不得少于)\s*({NUM})\s*({COUNTERS})(?!以内)"
        rf"|({NUM})\s*({COUNTERS})以上"
        rf"|至少([^，。；,]{{0,24}}?)({NUM})\s*({COUNTERS})([^，。；,、]{{0,12}})",
        sentence,
    ):
        number = cn_to_int(m.group(2) or m.group(4) or m.group(7))
        counter = m.group(3) or m.group(5) or m.group(8)
        if number is None:
            continue
        action = _action(sentence[: m.start()])
        if m.group(7):
            # What is counted stands around the number: 以市政府新闻办名义召开 … 新闻发布会.
            inner = (m.group(6) + m.group(9)).strip()
            action = inner if inner else action
        if not action:
            continue
        word = "人次" if counter == "人次" else f"{counter}数"
        label = abridge(action, MAX_LABEL - len(word)) + word
        out.append(
            Suggestion(
                {
                    "key": "req_count",
                    "label": label,
                    "type": "integer",
                    "unit": counter,
                    "min": 0,
                    "max": 100000,
                    "demand_min": number,
                    "sum": True,
                    "demand_text": _demand(sentence),
                    "sentence": f"{abridge(action, 60)}{{value}}{counter}",
                },
                m.group(0),
                firm=True,
                kind="count",
            )
        )
    return out


_RHYTHMS = (
    # marker, key, word, periods, unit
    (r"每季度|按季度|逐季度", "req_quarters", "季度", 4, "个季度"),
    (r"每月|按月|逐月", "req_months", "月", 12, "个月"),
    (r"每半年|按半年", "req_half_years", "半年", 2, "次"),
)


def _rhythms(sentence: str) -> list[Suggestion]:
    out: list[Suggestion] = []
    for marker, key, word, periods, unit in _RHYTHMS:
        m = re.search(marker, sentence)
        if m is None:
            continue
        action = re.split(r"[，,]", sentence[m.end() :])[0].strip()
        action = re.sub(r"^(向社会|对外|定期)", "", action)
        short = abridge(action, 16) if action else "完成"
        label_word = {"季度": "季度数", "月": "月数", "半年": "次数"}[word]
        prefix = "已按半年" if word == "半年" else f"已按{word}"
        label = abridge(f"{prefix}{short}的{label_word}", MAX_LABEL)
        out.append(
            Suggestion(
                {
                    "key": key,
                    "label": label,
                    "type": "integer",
                    "unit": unit,
                    "min": 0,
                    "max": periods,
                    "demand_min": periods,
                    "sum": False,
                    "demand_text": _demand(sentence),
                    "help": f"截至报告日期，已按要求做到的{label_word[:-1]}数（0–{periods}）。",
                    "sentence": f"已按{word}{abridge(action, 40) or '完成'}{{value}}{unit}",
                },
                m.group(0),
                firm=True,
                kind="rhythm",
            )
        )
    return out


def _within(sentence: str) -> list[Suggestion]:
    m = re.search(rf"({NUM})\s*(小时|个工作日|日|天)内", sentence)
    if m is None:
        return []
    action = re.split(r"[，,]", sentence[m.end() :])[0].strip()
    if not action:
        return []
    limit = f"{m.group(1)}{m.group(2)}内"
    label = abridge(f"是否均在{limit}{action}", MAX_LABEL)
    return [
        Suggestion(
            {
                "key": "req_within",
                "label": label,
                "type": "boolean",
                "demand_true": True,
                "demand_text": _demand(sentence),
                "sentence_true": f"均在{limit}{action}",
                "sentence_false": f"未能均在{limit}{action}",
            },
            m.group(0),
            firm=False,
            kind="within",
        )
    ]


def _deadline(sentence: str) -> list[Suggestion]:
    m = re.search(rf"(?:({NUM})月(?:底|末)|年底|年内|({NUM})月({NUM})日)前", sentence)
    if m is None:
        return []
    action = re.split(r"[，,]", sentence[m.end() :])[0].strip()
    if not action or len(action) < 2:
        return []
    label = abridge(f"{action}的日期", MAX_LABEL)
    return [
        Suggestion(
            {
                "key": "req_done_date",
                "label": label,
                "type": "date",
                "demand_text": _demand(sentence),
                "sentence": f"于{{value}}{abridge(action, 40)}",
            },
            m.group(0),
            firm=False,
            kind="deadline",
        )
    ]


def _percent(sentence: str) -> list[Suggestion]:
    m = re.search(r"(达到|不低于|不少于|超过)\s*([0-9]+(?:\.[0-9]+)?)\s*[%％]", sentence)
    if m is None:
        return []
    subject = _action(sentence[: m.start()])
    if not subject:
        return []
    label = abridge(subject, MAX_LABEL - 1)
    return [
        Suggestion(
            {
                "key": "req_rate",
                "label": label,
                "type": "decimal",
                "unit": "%",
                "min": 0,
                "max": 100,
                "demand_min": float(m.group(2)),
                "demand_text": _demand(sentence),
                "sentence": f"{label}{{value}}%",
            },
            m.group(0),
            firm=False,
            kind="percent",
        )
    ]


def suggest(task: Task, taken: set[str] | None = None) -> list[Suggestion]:
    """Figures the task's text asks for, in reading order; keys unique within the task and
    not in *taken* (keys the task already has)."""
    used = set(taken or ())
    out: list[Suggestion] = []
    for sentence in _sentences(task.text):
        for found in (
            _counts(sentence)
            + _rhythms(sentence)
            + _within(sentence)
            + _deadline(sentence)
            + _percent(sentence)
        ):
            base = found.figure["key"]
            key, n = base, 1
            while key in used:
                n += 1
                key = f"{base}_{n}"
            found.figure["key"] = key
            found.subject = subject_of(sentence)
            used.add(key)
            out.append(found)
    return out

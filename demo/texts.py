"""Chinese titles and body text for the demo's articles, from templates.

The text is plausible county government writing (会议, 检查, 培训, 通知 …) with the county's
unit and place names, so the text checker and a human reader have something real to look at.
Every function takes its own seeded Random: the same item always gets the same words.
Names of people are invented; a few use GBK-only characters (堃, 玥, 镕) on purpose, because
pages declared gb2312 routinely contain them and the crawler must decode as GB18030.
"""

from __future__ import annotations

from datetime import datetime
from random import Random

from demo.units import COUNTY_SHORT, DEMO_COUNTY, PLACES, TOWNSHIPS, DemoUnit

SURNAMES = "李杨张王赵刘陈罗普起自鲁者苏何"
GIVEN_NAMES = (
    "堃", "玥", "镕", "明华", "丽萍", "建国", "晓燕", "志强", "春梅", "文斌", "海燕", "子涵",
    "云", "琳", "俊杰", "秀英", "玥琪", "堃鹏", "镕基", "正荣",
)  # fmt: skip
GBK_ONLY_CHARS = "堃玥镕"
VILLAGES = ("新城社区", "仓街社区", "七街村", "庄子村", "大村村", "妙峰村", "左门村", "古岩村")


def person(rng: Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def gbk_person(rng: Random) -> str:
    """A name with a character outside GB2312 (present in GBK/GB18030)."""
    return rng.choice(SURNAMES) + rng.choice(("堃", "玥", "镕", "玥琪", "堃鹏"))


def month_day(value: datetime) -> str:
    return f"{value.month}月{value.day}日"


def full_date_cn(value: datetime) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


# -- titles -----------------------------------------------------------------------------------

_DEPT_NEWS = (
    "{u}召开{t}工作推进会",
    "{u}开展{t}专项检查",
    "{u}组织开展{t}业务培训",
    "{u}深入{p}开展{t}调研",
    "{u}到{p}开展{t}宣传活动",
    "{u}召开党组理论学习中心组学习会议",
    "{u}扎实推进{t}工作",
    "{u}召开{m}月份工作例会",
    "{u}多措并举抓实{t}工作",
    "{u}开展“{t}进万家”主题活动",
)
_TOWN_NEWS = (
    "{u}召开{t}工作推进会",
    "{u}开展{t}集中宣传活动",
    "{u}多措并举抓好{t}",
    "{u}：{t}跑出“加速度”",
    "{u}组织开展{t}应急演练",
    "{u}召开{m}月份党政联席会议",
    "{u}扎实开展{t}工作",
    "{u}召开{t}专题会议",
)
_COUNTY_NEWS = (
    "大姚县召开{t}工作会议",
    "县人民政府召开第{n}次常务会议",
    "大姚县{t}工作现场推进会在{p}召开",
    "县政府领导到{p}督导检查{t}工作",
    "大姚县开展{t}专项督查",
    "大姚县召开{y}年{t}工作部署会",
    "大姚县举行{t}专题培训",
    "县政府领导深入{p}调研{t}工作",
)
_NOTICE = (
    "关于做好{y}年{t}工作的通知",
    "关于开展{t}专项检查的通知",
    "关于{y}年{t}有关事项的公告",
    "{u}关于{t}工作情况的公示",
    "关于举办{y}年{t}培训班的通知",
    "关于进一步加强{t}工作的通知",
)
_POLICY = (
    "{u}关于印发《大姚县{t}工作实施方案》的通知",
    "{u}关于进一步加强{t}工作的意见",
    "{u}关于印发《大姚县{t}管理办法》的通知",
    "{u}关于印发《大姚县{y}年{t}工作要点》的通知",
)
_INTERPRETATION = (
    "《大姚县{t}工作实施方案》政策解读",
    "一图读懂《大姚县{t}管理办法》",
    "《大姚县{y}年{t}工作要点》解读",
    "{u}就{t}相关政策答记者问",
)
_PERSONNEL = (
    "{y}年{u}公开招聘编外工作人员公告",
    "关于{n1}等同志职务任免的通知",
    "{y}年大姚县事业单位公开招聘拟聘用人员公示（第{n}批）",
    "{u}{y}年公开遴选工作人员拟选调人员公示",
    "{u}关于{n1}同志试用期满考核合格的公示",
)
_PLAN = (
    "{u}{y}年工作计划",
    "{u}{y}年{t}工作方案",
    "{u}{y}年政务公开工作要点",
    "{u}{y}年{t}工作实施计划",
)

TITLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "dept-news": _DEPT_NEWS,
    "town-news": _TOWN_NEWS,
    "county-news": _COUNTY_NEWS,
    "notice": _NOTICE,
    "policy": _POLICY,
    "interpretation": _INTERPRETATION,
    "personnel": _PERSONNEL,
    "plan": _PLAN,
}


def make_title(rng: Random, kind: str, unit: DemoUnit, topic: str, when: datetime) -> str:
    template = rng.choice(TITLE_TEMPLATES[kind])
    # Titles name the unit in full (大姚县教育体育局) for documents, short (县教育体育局) for news.
    formal = kind in ("policy", "plan", "personnel")
    name = unit.prefixed_full if formal or kind == "notice" else unit.name
    return template.format(
        u=name,
        t=topic,
        p=rng.choice(TOWNSHIPS).name if rng.random() < 0.3 else rng.choice(PLACES[1:13]),
        m=when.month,
        y=when.year,
        n=rng.randint(2, 40),
        n1=person(rng),
    )


# -- bodies -----------------------------------------------------------------------------------

# News bodies by what the title says happened, so title and text tell the same story.
_NEWS_BY_TYPE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "meeting": (
        (
            "{md}，{u}召开{t}工作会议，{who}参加会议。",
            "{md}上午，{u}召开专题会议，研究部署近期{t}工作，{who}参加会议。",
        ),
        (
            "会议指出，{t}工作事关人民群众切身利益，事关全县经济社会发展大局。今年以来，{s}坚持"
            "问题导向，压实工作责任，各项工作取得阶段性成效，但仍存在工作推进不平衡、基层力量"
            "薄弱等问题，必须引起高度重视。",
            "会议强调，要进一步提高政治站位，把{t}工作摆在更加突出的位置，细化工作措施，明确"
            "时间节点，层层压实责任，确保各项任务落地见效。",
            "会上，各参会单位分别汇报了前期{t}工作进展情况，分析存在的困难和问题，并就下一步"
            "工作提出了意见建议。",
        ),
    ),
    "inspection": (
        ("{md}，{u}组织工作组深入{p}，对{t}工作开展专项检查。",),
        (
            "检查组深入{v}等{k2}个点位，采取查阅资料、实地查看、座谈交流等方式，对{t}工作开展"
            "情况进行全面检查，现场反馈问题{k2}条，并督促相关责任单位限期整改到位。",
            "检查中，检查组对发现的问题逐一登记造册，建立问题清单，明确整改时限和责任人，"
            "确保问题整改到位。",
        ),
    ),
    "training": (
        ("为进一步做好{t}工作，{md}，{u}举办专题业务培训，{who}参加培训。",),
        (
            "培训采取理论授课与现场教学相结合的方式，围绕{t}政策解读、业务流程、典型案例等内容"
            "进行讲解，参训人员{k}余人，进一步提升了干部职工的业务能力。",
            "参训人员纷纷表示，将把此次培训所学运用到实际工作中，切实提升{t}工作水平。",
        ),
    ),
    "publicity": (
        ("{md}，{u}在{p}开展{t}集中宣传活动。", "{md}，{u}组织干部职工深入{v}开展{t}宣传。"),
        (
            "活动现场，工作人员通过发放宣传资料、设置咨询台、现场讲解等方式，向过往群众宣传"
            "{t}相关政策和知识，共发放宣传资料{n}余份，接受群众咨询{k}余人次。",
            "此次活动进一步提高了群众对{t}工作的知晓率和参与度，营造了全社会共同关注、"
            "支持{t}工作的良好氛围。",
        ),
    ),
    "field": (
        ("{md}，{u}深入{p}，就{t}工作开展实地调研。", "{md}，{u}在{p}组织开展{t}应急演练。"),
        (
            "调研组一行先后来到{v}等地，实地查看{t}工作推进情况，详细了解存在的困难和问题，"
            "并现场研究解决办法。",
            "演练模拟了突发情况下的应急处置全过程，各参演小组分工明确、反应迅速、处置得当，"
            "达到了预期效果。",
        ),
    ),
}
_NEWS_COMMON = (
    "据了解，今年以来{pl}累计投入资金{money}万元，实施{t}相关项目{k2}个，惠及群众{n}余户，"
    "群众获得感、幸福感、安全感不断增强。",
)
_WHO = (
    "班子成员及各股室负责人",
    "各乡镇分管领导及业务骨干",
    "相关部门负责人",
    "全体干部职工",
    "各村（社区）党总支书记",
)
_TYPE_WORDS = (
    ("inspection", ("检查", "督查", "督导")),
    ("training", ("培训",)),
    ("publicity", ("宣传", "主题活动")),
    ("field", ("调研", "演练", "跑出", "见实效")),
)
_NEWS_CLOSERS = (
    "下一步，{s}将继续聚焦目标任务，持续推进{t}工作提质增效，为建设美丽幸福新大姚贡献力量。",
    "下一步，{s}将以此次活动为契机，建立健全长效机制，推动{t}工作常态化、制度化开展。",
    "{s}表示，将以更加务实的作风抓好{t}各项工作，切实把各项部署落到实处。",
)
_NOTICE_SECTIONS = (
    ("一、工作目标", "通过开展{t}工作，进一步健全工作机制，压实各方责任，推动全县{t}工作水平"
                   "持续提升。"),
    ("二、工作任务", "各乡镇、各部门要结合实际，认真梳理本地区、本行业{t}工作存在的突出问题，"
                   "建立问题清单、责任清单和整改清单，逐项抓好落实。"),
    ("三、时间安排", "本次工作分自查自纠、重点抽查、总结提升三个阶段进行，请各单位按时间节点"
                   "推进。"),
    ("四、工作要求", "各单位要高度重视，明确专人负责，于每月25日前将工作开展情况报送县级"
                   "主管部门，逾期未报送的将予以通报。"),
)  # fmt: skip
_POLICY_SECTIONS = (
    ("一、总体要求", "坚持以人民为中心的发展思想，完整准确全面贯彻新发展理念，统筹推进{t}"
                   "各项工作，为全县高质量跨越式发展提供有力保障。"),
    ("二、主要目标", "到{y}年底，{t}工作机制进一步健全，基础设施短板进一步补齐，群众满意度"
                   "明显提升。"),
    ("三、重点任务", "（一）健全工作机制。（二）强化要素保障。（三）加强监督检查。各牵头单位要"
                   "细化任务分工，建立工作台账，实行销号管理。"),
    ("四、保障措施", "各乡镇、各部门要加强组织领导，强化部门协同，加大资金投入，营造良好"
                   "氛围，确保各项任务按期完成。"),
)  # fmt: skip
_INTERPRETATION_SECTIONS = (
    ("一、起草背景", "为贯彻落实上级关于{t}工作的决策部署，结合我县实际，{s}牵头起草了本"
                   "文件。"),
    ("二、主要内容", "文件共分为总体要求、主要目标、重点任务和保障措施四个部分，明确了"
                   "{t}工作的时间表和路线图。"),
    ("三、政策亮点", "一是明确责任分工；二是细化工作措施；三是强化考核评价，推动{t}工作"
                   "落地见效。"),
    ("四、解读机关及联系方式", "解读机关：{s}；联系电话：0878-62{tel}。"),
)  # fmt: skip
_PLAN_SECTIONS = (
    ("一、总体思路", "{y}年，{s}将坚持稳中求进工作总基调，围绕县委、县政府中心工作，扎实"
                   "推进{t}等重点工作。"),
    ("二、主要目标", "全年完成{t}年度目标任务，重点指标保持全州前列，群众满意度持续提升。"),
    ("三、重点任务", "（一）抓好{t}工作；（二）加强干部队伍建设；（三）推进政务公开和"
                   "信息化建设；（四）抓实安全生产和意识形态工作。"),
    ("四、保障措施", "加强组织领导，层层压实责任，强化督查考核，确保各项工作落到实处。"),
)  # fmt: skip


def _fill(template: str, rng: Random, unit_name: str, topic: str, when: datetime) -> str:
    return template.format(
        md=month_day(when),
        u=unit_name,
        s=unit_name,
        t=topic,
        p=rng.choice(PLACES[1:13]),
        pl=rng.choice((COUNTY_SHORT, DEMO_COUNTY, "全县")),
        v=rng.choice(VILLAGES),
        who=rng.choice(_WHO),
        n=rng.randint(200, 1500),
        k=rng.randint(30, 300),
        k2=rng.randint(3, 15),
        money=rng.randint(30, 900),
        y=when.year,
        tel=f"{rng.randint(0, 9999):04d}",
    )


def news_type(title: str) -> str:
    for kind, words in _TYPE_WORDS:
        if any(word in title for word in words):
            return kind
    return "meeting"


def news_body(
    rng: Random, unit_name: str, topic: str, when: datetime, title: str = ""
) -> list[str]:
    openers, middles = _NEWS_BY_TYPE[news_type(title)]
    paragraphs = [_fill(rng.choice(openers), rng, unit_name, topic, when)]
    pool = list(middles) + list(_NEWS_COMMON)
    for template in rng.sample(pool, min(len(pool), rng.randint(2, 3))):
        paragraphs.append(_fill(template, rng, unit_name, topic, when))
    paragraphs.append(_fill(rng.choice(_NEWS_CLOSERS), rng, unit_name, topic, when))
    return paragraphs


def sectioned_body(
    rng: Random, kind: str, unit_name: str, topic: str, when: datetime
) -> list[tuple[str, str]]:
    """(heading, text) sections of a notice, policy file, interpretation or plan."""
    sections = {
        "notice": _NOTICE_SECTIONS,
        "policy": _POLICY_SECTIONS,
        "interpretation": _INTERPRETATION_SECTIONS,
        "plan": _PLAN_SECTIONS,
    }[kind]
    return [(h, _fill(t, rng, unit_name, topic, when)) for h, t in sections]


def notice_opening(rng: Random, topic: str) -> tuple[str, str]:
    addressee = rng.choice(("各乡镇人民政府，县级各有关部门：", "各乡镇人民政府，县直各部门："))
    purpose = (
        f"为进一步做好{topic}工作，根据上级有关文件精神，结合我县实际，经研究，决定开展相关"
        "工作。现将有关事项通知如下："
    )
    return addressee, purpose


def personnel_body(rng: Random, unit_name: str, when: datetime) -> list[str]:
    names = "、".join(person(rng) for _ in range(rng.randint(3, 6)))
    return [
        f"根据《事业单位人事管理条例》和有关规定，经{unit_name}研究，现将有关人员情况予以公示。",
        f"公示人员：{names}。",
        f"公示期为5个工作日。公示期间，如对公示人员有异议，可向{unit_name}反映，联系电话："
        f"0878-62{rng.randint(0, 9999):04d}。",
        "反映问题要实事求是，以真实姓名反映情况的，我们将为其保密。",
    ]


# Errors published on the demo portal, one sentence each, as the bulletin complains of
# (错字、多字、漏字、标点): the text checks of `govwatch demo` find exactly these.
ERRATA: tuple[tuple[str, str, str], ...] = (
    # (unit whose news item carries it, sentence, kind of issue)
    ("县住房城乡建设局", "会议要求，各单位要按步就班抓好各项工作任务落实。", "typo"),
    ("六苴镇", "会议强调，要深入学习贯彻党的的二十届三中全会精神。", "extra_char"),
    ("县农业农村局", "全面贯彻落实中华人民共和宪法和法律法规。", "missing_char"),
    ("县民政局", "既使遇到困难，也要确保各项任务按期完成。", "typo"),
    ("桂花镇", "要认真学习宣传《中华人民共和国安全生产法，切实增强安全意识。", "punctuation"),
)

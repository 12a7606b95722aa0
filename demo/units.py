"""The 42 publishing units of the demo county (大姚县): 30 departments and the 12 townships.

Canonical names are the short forms the county's quarterly bulletin uses (县人社局, 县林草局 …),
so the demo's output reads like the bulletin. Every unit also knows the forms real pages print
as 来源 / 发布机构 (full name, 大姚县-prefixed name, common abbreviation), and the config's
aliases cover all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DEMO_COUNTY = "大姚县"
COUNTY_SHORT = "大姚"
PORTAL_NAME = "大姚县人民政府"

UnitKind = Literal["department", "township"]


@dataclass(frozen=True)
class DemoUnit:
    name: str  # canonical, as in the bulletin: 县人社局
    full: str  # full name without the county prefix: 县人力资源和社会保障局 / 金碧镇人民政府
    kind: UnitKind
    # topics the unit writes about (news, notices, plans)
    topics: tuple[str, ...]
    # abbreviations staff and pages use besides the canonical name: 县教体局
    abbreviations: tuple[str, ...] = ()
    # short code for document numbers: 姚教体发〔2025〕12号
    doc_code: str = ""
    extra_aliases: tuple[str, ...] = field(default=())

    @property
    def is_township(self) -> bool:
        return self.kind == "township"

    @property
    def prefixed_full(self) -> str:
        """大姚县人力资源和社会保障局 / 大姚县金碧镇人民政府."""
        return COUNTY_SHORT + self.full if self.full.startswith("县") else DEMO_COUNTY + self.full

    @property
    def short_place(self) -> str:
        """金碧镇 → 金碧 (for township place names in text)."""
        return self.name[:2] if self.is_township else COUNTY_SHORT

    @property
    def aliases(self) -> list[str]:
        """Config aliases: every printed form except the canonical name, in a stable order."""
        forms = [self.full, self.prefixed_full, *self.abbreviations, *self.extra_aliases]
        if self.is_township:
            forms.append(DEMO_COUNTY + self.name)
        else:
            forms += [COUNTY_SHORT + a for a in self.abbreviations if a.startswith("县")]
        return [f for f in dict.fromkeys(forms) if f != self.name]

    @property
    def source_forms(self) -> tuple[str, ...]:
        """How articles print this unit as their source (weighted by repetition)."""
        if self.is_township:
            return (self.name, self.name, self.prefixed_full, self.full)
        forms = [self.name, self.prefixed_full, self.full, self.prefixed_full]
        forms += list(self.abbreviations[:1])
        return tuple(forms)


def _dept(
    name: str,
    full: str | None,
    code: str,
    topics: tuple[str, ...],
    *abbreviations: str,
) -> DemoUnit:
    return DemoUnit(name, full or name, "department", topics, tuple(abbreviations), code)


def _town(name: str, topics: tuple[str, ...]) -> DemoUnit:
    return DemoUnit(name, name + "人民政府", "township", topics, (), name[:2])


_TOWN_TOPICS = (
    "森林防火",
    "人居环境整治",
    "防汛抗旱",
    "乡村振兴",
    "安全生产",
    "禁毒宣传",
    "耕地保护",
    "矛盾纠纷排查化解",
)

DEPARTMENTS: tuple[DemoUnit, ...] = (
    _dept("县政府办公室", "县人民政府办公室", "政办",
          ("政务公开", "12345热线办理", "优化营商环境", "重点工作督查"), "县政府办"),
    _dept("县发展和改革局", None, "发改",
          ("重点项目建设", "价格监测", "粮食安全", "节能降碳"), "县发改局"),
    _dept("县工业信息化商务科技局", None, "工科",
          ("招商引资", "工业经济运行", "消费促进", "科技创新"), "县工信商务科技局"),
    _dept("县教育体育局", None, "教体",
          ("控辍保学", "校园安全", "教师培训", "学生资助", "全民健身"), "县教体局"),
    _dept("县公安局", None, "公",
          ("禁毒宣传", "反电信网络诈骗", "道路交通安全", "平安建设")),
    _dept("县民政局", None, "民",
          ("社会救助", "养老服务", "婚姻登记", "殡葬改革")),
    _dept("县司法局", None, "司",
          ("普法宣传", "人民调解", "法律援助", "社区矫正")),
    _dept("县财政局", None, "财",
          ("预算管理", "惠民惠农补贴发放", "财会监督", "国有资产管理")),
    _dept("县人社局", "县人力资源和社会保障局", "人社",
          ("就业创业", "职业技能培训", "根治欠薪", "社会保险扩面"), "县人力资源社会保障局"),
    _dept("县自然资源局", None, "自然资",
          ("耕地保护", "地质灾害防治", "不动产登记", "国土空间规划")),
    _dept("县住房城乡建设局", "县住房和城乡建设局", "建",
          ("城镇老旧小区改造", "农村危房改造", "建筑施工安全", "燃气安全"), "县住建局"),
    _dept("县交通运输局", None, "交",
          ("农村公路建设", "道路运输安全", "客运服务保障", "公路养护"), "县交运局"),
    _dept("县水务局", None, "水",
          ("防汛抗旱", "河湖长制", "农村饮水安全", "水土保持")),
    _dept("县农业农村局", None, "农",
          ("春耕生产", "高标准农田建设", "核桃产业发展", "动物疫病防控"), "县农业局"),
    _dept("县林草局", "县林业和草原局", "林",
          ("森林防火", "林长制", "野生动植物保护", "国土绿化"), "县林业局"),
    _dept("县文化和旅游局", None, "文旅",
          ("文化惠民", "旅游市场整治", "非物质文化遗产保护", "公共文化服务"), "县文旅局"),
    _dept("县卫生健康局", None, "卫健",
          ("健康教育", "疫苗接种", "爱国卫生运动", "家庭医生签约服务"), "县卫健局"),
    _dept("县退役军人事务局", None, "退役",
          ("优抚政策落实", "双拥共建", "退役军人就业"), "县退役军人局"),
    _dept("县应急管理局", None, "应急",
          ("安全生产", "防灾减灾", "应急演练", "危险化学品监管"), "县应急局"),
    _dept("县审计局", None, "审",
          ("审计整改", "经济责任审计", "政府投资项目审计")),
    _dept("县市场监督管理局", None, "市监",
          ("食品安全", "特种设备安全", "知识产权保护", "价格监督检查"), "县市场监管局"),
    _dept("县统计局", None, "统",
          ("统计调查", "经济普查", "统计执法检查")),
    _dept("县医保局", "县医疗保障局", "医保",
          ("医保参保缴费", "医保基金监管", "异地就医直接结算")),
    _dept("县搬迁安置办", "县搬迁安置办公室", "搬迁",
          ("搬迁安置", "安置点后续扶持", "搬迁群众就业帮扶")),
    _dept("县民族宗教事务局", None, "民宗",
          ("民族团结进步示范创建", "宗教事务管理"), "县民宗局"),
    _dept("县政务服务管理局", None, "政务",
          ("政务服务", "一网通办", "帮办代办服务"), "县政务服务局"),
    _dept("县综合行政执法局", None, "执法",
          ("市容环境整治", "城市管理", "违法建设治理"), "县执法局"),
    _dept("县档案馆", None, "档",
          ("档案管理", "档案安全检查", "档案资源开发")),
    _dept("县气象局", None, "气",
          ("气象服务", "防雷安全", "人工影响天气")),
    _dept("县供销社", "县供销合作社联合社", "供销",
          ("农资供应", "农村综合服务社建设"), "县供销合作社"),
)  # fmt: skip

TOWNSHIPS: tuple[DemoUnit, ...] = tuple(
    _town(name, _TOWN_TOPICS)
    for name in (
        "金碧镇",
        "石羊镇",
        "六苴镇",
        "龙街镇",
        "赵家店镇",
        "新街镇",
        "桂花镇",
        "湾碧傣族傈僳族乡",
        "铁锁乡",
        "三岔河镇",
        "昙华乡",
        "三台乡",
    )
)

UNITS: tuple[DemoUnit, ...] = DEPARTMENTS + TOWNSHIPS
UNITS_BY_NAME: dict[str, DemoUnit] = {u.name: u for u in UNITS}
GOV_OFFICE = "县政府办公室"

# Sources printed on some reposts; none is a unit of the county, so they stay unmatched.
UNMATCHED_SOURCES: tuple[str, ...] = (
    "楚雄州融媒体中心",
    "云南省人民政府办公厅",
    "楚雄州人民政府办公室",
)

# Place names for text (and for the text checker's `places:` list).
PLACES: tuple[str, ...] = (
    "大姚",
    "金碧",
    "石羊",
    "六苴",
    "龙街",
    "赵家店",
    "新街",
    "桂花",
    "湾碧",
    "铁锁",
    "三岔河",
    "昙华",
    "三台",
    "昙华山",
    "蜻蛉河",
    "白塔",
)

assert len(UNITS) == 42 and len(UNITS_BY_NAME) == 42

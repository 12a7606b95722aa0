"""Precision first: clean official county text with local names produces no flags."""

from __future__ import annotations

from checks.text import TextChecker, check
from tests.checks.text.text_helpers import COUNTY_WORDS

CLEAN_PARAGRAPHS = (
    "3月15日，大姚县委副书记、县长李明华带领县发展改革局、县自然资源局、搬迁安置办等部门"
    "负责人，深入六苴镇、金碧镇、赵家店镇调研易地扶贫搬迁后续扶持工作。",
    "李明华一行先后来到六苴镇安置点、金碧镇扶贫车间和赵家店镇产业基地，详细了解搬迁群众"
    "就业增收、社区治理和配套设施建设等情况，并与群众亲切交流。",
    "李明华强调，各乡镇、各部门要深入学习贯彻党的二十大精神，坚持以人民为中心的发展思想，"
    "持续巩固拓展脱贫攻坚成果，确保搬迁群众稳得住、有就业、逐步能致富。",
    "要进一步完善安置社区基础设施和公共服务，加强就业技能培训，积极引进劳动密集型企业，"
    "帮助群众在家门口实现就业。",
    "县搬迁安置办要会同各乡镇建立健全帮扶台账，实行动态管理，对符合条件的困难群众及时纳入"
    "救助范围，切实兜牢民生底线。",
    "会议要求，各级各部门要压实工作责任，强化督促检查，确保各项工作任务落地见效，为全县"
    "经济社会高质量发展提供坚实保障。",
    "近年来，大姚县坚持把乡村振兴作为新时代“三农”工作总抓手，因地制宜发展核桃、蚕桑、"
    "花椒等特色产业，农村居民人均可支配收入稳步提高。",
)


def test_clean_paragraphs_with_configured_names(county_checker: TextChecker) -> None:
    for paragraph in CLEAN_PARAGRAPHS:
        assert county_checker.check(paragraph) == [], paragraph


def test_clean_paragraphs_with_per_call_words() -> None:
    for paragraph in CLEAN_PARAGRAPHS:
        assert check(paragraph, extra_words=COUNTY_WORDS) == [], paragraph


def test_whole_article_at_once(county_checker: TextChecker) -> None:
    assert county_checker.check("\n".join(CLEAN_PARAGRAPHS)) == []

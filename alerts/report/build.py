"""The quarterly 通报 built from what is stored, in the structure of the county's bulletin
(../shared/reference/2025Q2-inspection-bulletin.txt): addressees, the opening paragraph,
一、总体情况 with its six sub-sections, 二、存在的主要问题, 三、工作要求, the issuing office and
the date. Every number in 一 comes from the database; a figure without data is a visible
placeholder (【待补充：…】), never a zero.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from alerts.bulletin import messages_paragraph, publishing_paragraph
from alerts.report import imported
from alerts.report.accounts import (
    accounts_blocks,
    accounts_figures,
    accounts_table,
    check_ratio_text,
    excluded_account_ids,
)
from alerts.report.chart import by_unit_type, chart_caption, chart_json, render_chart
from alerts.report.model import Block, Report, Span, para, placeholder
from alerts.report.problems import problem_blocks, problems, problems_json, quarter_findings
from alerts.report.requirements import render_requirements
from checks.publishing import QuarterFigures, quarter_figures
from core.config import Config
from core.jsonable import jsonable
from core.periods import Month, Quarter

BASIS = (
    "按照《国务院办公厅关于印发政府网站发展指引的通知》（国办发〔2017〕47号）、"
    "《国务院办公厅关于推进政务新媒体健康有序发展的意见》（国办发〔2018〕123号）要求，"
)


def issuer_of(config: Config) -> str:
    return config.report.issuer or f"{config.county}人民政府办公室"


def short_issuer(config: Config) -> str:
    """大姚县人民政府办公室 → 县人民政府办公室, as the bulletin's own text calls the office."""
    issuer, county = issuer_of(config), config.county
    level = county[-1] if county[-1] in "县市区旗" else "县"
    return level + issuer[len(county) :] if issuer.startswith(county) else issuer


def _portal(figures: QuarterFigures, config: Config, label: str) -> list[Block]:
    if figures.run is None:
        return [
            para(Span(f"{label}，"), placeholder("尚无政府网站采集数据（请先运行 govwatch run）"))
        ]
    return [para(publishing_paragraph(figures))]


def _chart(figures: QuarterFigures, config: Config, quarter: Quarter) -> tuple[Block | None, Any]:
    kinds = {u.name: u.kind for u in config.units}
    data = by_unit_type(figures.units, kinds, figures.months)
    if figures.run is None:
        return None, None
    labels = [Month.parse(m).label for m in figures.months]
    image = render_chart(data, labels, f"{quarter.label}各月信息发布数量")
    caption = chart_caption(quarter.label, figures.unattributed_items)
    if image is None:
        return Block("note", [placeholder("本机未安装中文字体，未生成图表")]), data
    return Block("chart", image=image, caption=caption), data


def _messages(figures: QuarterFigures, label: str) -> list[Span]:
    if not figures.boards:
        return [Span(f"{label}，"), placeholder("未配置网民留言栏目（category: interaction）")]
    if figures.run is None:
        return [Span(f"{label}，"), placeholder("尚无网民留言采集数据")]
    spans = [Span(messages_paragraph(figures))]
    if not figures.messages_complete:
        spans.append(placeholder("网民留言栏目最近一次未能完整采集，以上数字可能偏少"))
    return spans


def build_report(
    session: Session,
    config: Config,
    site_id: int | None,
    quarter: Quarter,
    as_of: datetime,
    issued: date,
    template: Path | None = None,
) -> Report:
    label = quarter.label
    figures = quarter_figures(session, config, site_id, quarter, as_of)
    table, left_out = accounts_table(session, config, site_id, quarter, as_of)
    requests = imported.requests_figures(session, site_id, quarter)
    services = imported.services_figures(session, site_id, quarter)
    hotline = imported.hotline_figures(session, site_id, quarter, as_of)
    excluded = excluded_account_ids(session, config, site_id)
    groups = problems(quarter_findings(session, site_id, quarter, excluded))
    office = short_issuer(config)
    level = config.county[-1] if config.county[-1] in "县市区旗" else "县"

    intro = f"{label}，{office}对{level}政府门户网站各单位维护情况"
    if table is not None and table.rows:
        intro += (f"和全{level}{len(table.rows)}个政府系统政务新媒体开展了检查，"
                  f"检查比例为{check_ratio_text(table)}。")  # fmt: skip
    else:
        intro += "开展了检查。"
    blocks: list[Block] = [
        para(
            f"{BASIS}{office}组织开展了{label}政府网站与政务新媒体等政务公开工作检查，"
            "现将检查情况通报如下："
        ),
        Block("heading1", [Span("一、总体情况")]),
        para(intro),
        Block("heading2", [Span("（一）网站运维检查情况")]),
        *_portal(figures, config, label),
    ]
    chart, chart_data = _chart(figures, config, quarter)
    if chart is not None:
        blocks.append(chart)
    blocks += [
        Block("heading2", [Span("（二）依申请公开情况")]),
        Block("para", imported.requests_spans(label, requests)),
        Block("heading2", [Span("（三）网民留言办理情况")]),
        Block("para", _messages(figures, label)),
        Block("heading2", [Span("（四）政务服务平台办件统计")]),
        Block("para", imported.services_spans(services)),
        Block("heading2", [Span("（五）政务新媒体运维检查情况")]),
        *accounts_blocks(table, left_out, config.report.exclude_reason, label),
        Block("heading2", [Span("（六）12345政府热线办理方面")]),
        Block("para", imported.hotline_spans(label, config.county, hotline)),
        Block("heading1", [Span("二、存在的主要问题")]),
    ]
    if groups:
        blocks += problem_blocks(groups)
    else:
        blocks.append(para("本季度检查未发现需要通报的问题。"))
    blocks.append(Block("heading1", [Span("三、工作要求")]))
    context = {"county": config.county, "quarter": label, "issuer": issuer_of(config),
               "groups": [g["group"] for g in groups]}  # fmt: skip
    blocks += render_requirements(template, context)

    data: dict[str, Any] = {
        "quarter": quarter.key,
        "quarter_label": label,
        "county": config.county,
        "issuer": issuer_of(config),
        "date": issued.isoformat(),
        "as_of": as_of.isoformat(),
        "portal": {
            "available": figures.run is not None,
            "site": figures.site,
            "items": figures.items,
            "publishing_units": figures.publishing_units,
            "zero_news_units": figures.zero_news_units,
            "zero_news_unverified": figures.zero_news_unverified,
            "units": figures.units,
            "unattributed_items": figures.unattributed_items,
            "chart": chart_json(chart_data) if chart_data else None,
        },
        "requests": requests,
        "messages": jsonable(figures.messages) if figures.boards else None,
        "services": services,
        "accounts": accounts_figures(table, left_out),
        "hotline": hotline,
        "problems": problems_json(groups),
    }
    report = Report(
        title=f"关于{label}政府网站与政务新媒体检查情况的通报",
        addressees=config.report.addressees,
        blocks=blocks,
        issuer=issuer_of(config),
        date=issued,
        figures=data,
    )
    data["placeholders"] = report.placeholders
    return report

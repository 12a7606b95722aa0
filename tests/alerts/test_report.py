"""The 通报 as a reader sees it, parsed back from the generated .docx (and md/html/json):
GB/T 9704 layout, figures from the imports written as the bulletin writes them, a visible
placeholder where an import is missing, 二 drafted from the findings only, and the export
workbook with frozen headers, real dates and neutralised formulas."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
import time_machine
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook
from typer.testing import CliRunner

from alerts.report.numbers import percent
from checks.base import CheckReport, FindingDraft
from checks.engine import apply_report
from core.periods import BEIJING
from core.vocab import Level
from govwatch.cli import app
from storage.db import make_engine, session_factory, transaction
from tests.checks.findings_db import make_db
from tests.imports_files import xlsx

runner = CliRunner()
NOW = datetime(2025, 7, 18, 10, tzinfo=BEIJING)


def test_numbers_are_written_as_the_bulletin_writes_them():
    assert [percent(555, 625), percent(269, 300), percent(6055, 6100)] == [
        "88.8%",
        "89.67%",
        "99.26%",
    ]
    assert percent(737, 737) == "100%" and percent(0, 737, bare_zero=True) == "0"
    assert percent(1, 3) == "33.33%"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    with time_machine.travel(NOW, tick=False):
        config, db = make_db(folder)
        engine = make_engine(db)
        with transaction(session_factory(engine)) as session:
            drafts = [
                FindingDraft(
                    "elements_missing",
                    Level.warning,
                    "article:7",
                    "source",
                    '=HYPERLINK("http://x")',
                    "甲镇",
                    "乡镇动态",
                    evidence={"missing": "source"},
                )
            ]
            apply_report(
                session,
                site_id=1,
                run_id=1,
                kinds=("elements_missing",),
                report=CheckReport({"article:7"}, drafts),
                now=NOW,
            )
        engine.dispose()
        services = folder / "办件.csv"
        services.write_bytes(
            (
                "月份,受理,办结,评价总数,主动评价数,好评,差评\r\n2025-04,737,737,625,555,625,0\r\n"
                "2025-05,585,585,300,269,300,0\r\n2025-06,6265,6265,6100,6055,6100,0\r\n"
            ).encode("gb18030")
        )
        requests = xlsx(
            folder / "台账.xlsx",
            ["收到日期", "申请人类型", "事项", "办结日期", "答复方式"],
            [
                [datetime(2025, 4, 15), "公民", "规划许可", datetime(2025, 4, 28), "予以公开"],
                [datetime(2025, 6, 9), "法人", "补贴发放", datetime(2025, 6, 20), "部分公开"],
                [datetime(2025, 3, 9), "公民", "上季度的", datetime(2025, 3, 20), "予以公开"],
            ],
        )
        for kind, path in (("services", services), ("requests", requests)):
            result = runner.invoke(app, ["import", kind, str(path), "-c", str(config), "--db", db])
            assert result.exit_code == 0, result.output
        outputs = {}
        for fmt in ("docx", "md", "html", "json"):
            target = folder / f"q2.{fmt}"
            result = runner.invoke(
                app,
                [
                    "report",
                    "--quarter",
                    "2025Q2",
                    "-f",
                    fmt,
                    "-o",
                    str(target),
                    "-c",
                    str(config),
                    "--db",
                    db,
                ],
            )
            assert result.exit_code == 0, result.output
            outputs[fmt] = target.read_bytes()
        export = runner.invoke(
            app,
            [
                "export",
                "--quarter",
                "2025Q2",
                "-o",
                str(folder / "q2.xlsx"),
                "-c",
                str(config),
                "--db",
                db,
            ],
        )
        assert export.exit_code == 0, export.output
        outputs["xlsx"] = (folder / "q2.xlsx").read_bytes()
    return outputs


def paragraphs(data: bytes) -> list:
    return Document(io.BytesIO(data)).paragraphs


def test_docx_layout_follows_gb_t_9704(county):
    document = Document(io.BytesIO(county["docx"]))
    section = document.sections[0]
    sizes = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.left_margin,
        section.bottom_margin,
        section.right_margin,
    )
    # stored in twentieths of a point: compared to the tenth of a millimetre
    assert [round(length.mm, 1) for length in sizes] == [210, 297, 37, 28, 35, 26]
    by_text = {p.text: p for p in document.paragraphs}
    title = by_text["关于2025年二季度政府网站与政务新媒体检查情况的通报"]
    run = title.runs[0]
    assert run.font.size == Pt(22)
    assert (
        run._element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "方正小标宋简体"
    )

    def east_asia(paragraph) -> str:
        return paragraph.runs[0]._element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )

    assert east_asia(by_text["一、总体情况"]) == "黑体"
    assert east_asia(by_text["（一）网站运维检查情况"]) == "楷体_GB2312"
    body = next(p for p in document.paragraphs if p.text.startswith("按照《国务院办公厅"))
    assert east_asia(body) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert body.paragraph_format.line_spacing == Pt(28)
    assert body.paragraph_format.first_line_indent == Pt(32)
    texts = [p.text for p in document.paragraphs]
    assert texts[-2:] == ["测试县人民政府办公室", "2025年7月18日"]  # issuer and today's date


def test_section_one_carries_the_imported_figures_and_a_placeholder_for_what_is_missing(county):
    texts = [p.text for p in paragraphs(county["docx"])]
    assert "2025年二季度，收到依申请公开事项2件，已办结。" in texts
    assert (
        "4月份受理737件，办结737件，办结率为100%。办件主动评价率88.8%，好评率100%，差评率为0。"
        "5月份受理585件，办结585件，办结率为100%。办件主动评价率89.67%，好评率100%，差评率为0。"
        "6月份受理6265件，办结6265件，办结率为100%。办件主动评价率99.26%，好评率100%，差评率为0。"
    ) in texts
    hotline = texts[texts.index("（六）12345政府热线办理方面") + 1]
    assert (
        hotline
        == "2025年二季度，测试县12345政务服务便民热线平台【待补充：未导入本季度12345热线工单】"
    )
    assert texts[texts.index("（五）政务新媒体运维检查情况") + 1].endswith(
        "【待补充：本季度尚无政务新媒体检查结果】"
    )
    data = json.loads(county["json"])
    assert data["hotline"] == {
        "available": False,
        "missing_months": ["2025-04", "2025-05", "2025-06"],
    }
    assert data["services"]["months"]["2025-05"]["text"]["active_rate"] == "89.67%"
    assert (data["requests"]["received"], data["requests"]["closed"]) == (2, 2)
    assert data["placeholders"] == [
        "【待补充：未配置网民留言栏目（category: interaction）】",  # the test county has no board
        "【待补充：本季度尚无政务新媒体检查结果】",
        "【待补充：未导入本季度12345热线工单】",
    ]


def test_section_two_states_the_counts_of_the_findings_and_leaves_out_empty_groups(county):
    texts = [p.text for p in paragraphs(county["docx"])]
    start, end = texts.index("二、存在的主要问题"), texts.index("三、工作要求")
    (group,) = texts[start + 1 : end]
    assert group.startswith(
        "（一）政府网站、政务新媒体运维水平有待提高。一是信息公开审核要求落实不到位。"
        "检查发现政府网站与政务新媒体发布的信息存在文字错误1处（错字1处），涉及1家单位"
    )
    assert (
        "二是政府网站巡网读网制度落实不到位。1篇信息要素填写不完整（未标注信息来源1篇），涉及甲镇。"
        in group
    )
    assert "三是栏目信息更新不及时。通知公告1个栏目超过更新时限未更新，涉及县政府办公室。" in group
    assert "四是网民留言办理回复不及时。1条网民留言超过3个月未回复（县教育局）。" in group
    assert "12345" not in group and "新媒体常态化" not in group  # nothing found: left out
    assert texts[end + 1].startswith("（一）持续强化信息公开审核。严格执行信息发布审核制度")


def test_md_and_html_say_the_same_and_escape_what_was_crawled(county):
    md, html = county["md"].decode(), county["html"].decode()
    assert "==【待补充：未导入本季度12345热线工单】==" in md
    assert "办件主动评价率88.8%" in md and "办件主动评价率88.8%" in html
    assert '<span class="placeholder">【待补充：未导入本季度12345热线工单】</span>' in html
    assert "<script" not in html and "http" not in html.split("<main>")[0]


def test_export_sheets_have_frozen_headers_real_dates_and_no_formulas(county):
    book = load_workbook(io.BytesIO(county["xlsx"]))
    assert book.sheetnames == [
        "单位发布统计",
        "栏目更新",
        "问题清单",
        "政务新媒体",
        "网民留言",
        "12345工单检查",
        "导入数据",
    ]
    assert {sheet.freeze_panes for sheet in book.worksheets} == {"A2"}
    findings = book["问题清单"]
    header = [c.value for c in findings[1]]
    assert header[:6] == ["编号", "问题类型", "级别", "责任单位", "栏目", "问题"]
    rows = [[c.value for c in row] for row in findings.iter_rows(min_row=2)]
    assert all(isinstance(r[header.index("首次发现")], datetime) for r in rows)
    assert rows[0][header.index("首次发现")] == datetime(2025, 7, 1, 8)  # Beijing wall-clock
    formula = next(r for r in rows if "HYPERLINK" in r[header.index("问题")])
    assert formula[header.index("问题")] == '\'=HYPERLINK("http://x")'
    assert all(c.data_type != "f" for row in findings.iter_rows() for c in row)
    assert findings.column_dimensions["F"].width == 60
    imported = {(r[0].value, r[1].value): r[2].value for r in book["导入数据"].iter_rows(min_row=2)}
    assert imported[("政务服务 4月", "主动评价率")] == 0.888

"""Office exports read into records: aliases and title lines, GB18030 CSV, the config's
header mapping, and one clear error naming file, row and column for each kind of bad input."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.periods import BEIJING
from spiders.imports import ImportFileError, read_import
from tests.imports_files import TICKET_HEADER, ticket, tickets_file, xlsx


def test_tickets_with_a_title_line_and_known_aliases(tmp_path):
    path = tickets_file(tmp_path / "工单.xlsx", [
        ticket("A1", "2025-04-03 10:00", "2025-04-03 10:30", "2025-04-07 16:00"),
        ticket("A2", "2025-04-07 09:00", None, None, limit="2025-04-20"),
    ])  # fmt: skip
    got = read_import("hotline", path)
    first, second = got.records
    assert (first.row, first.ticket_no, first.unit_raw) == (3, "A1", "测试县教育局")
    assert first.dispatched_at == datetime(2025, 4, 3, 10, tzinfo=BEIJING)
    # 5 working days after Thursday 3 April (Friday 4 April is 清明, a holiday): the end of
    # Friday 11 April
    assert first.deadline == datetime(2025, 4, 12, tzinfo=BEIJING)
    assert second.signed_at is None and second.closed_at is None
    assert second.deadline == datetime(2025, 4, 21, tzinfo=BEIJING)  # the whole 20th
    assert got.months == ["2025-04"]


def test_services_csv_in_gb18030_with_rates_left_to_govwatch(tmp_path):
    path = tmp_path / "办件.csv"
    path.write_bytes("统计月份,受理件数,办结件数,主动评价数,好评数,差评数\r\n"
                     "2025年4月,737,737,650,650,0\r\n".encode("gb18030"))  # fmt: skip
    (record,) = read_import("services", path).records
    assert (record.month, record.accepted, record.rated, record.ratings) == (
        "2025-04",
        737,
        650,
        None,
    )


def test_a_header_the_office_names_differently_is_mapped_in_config(tmp_path):
    header = [h if h != "承办单位" else "接收单位" for h in TICKET_HEADER]
    path = xlsx(tmp_path / "t.xlsx", header, [ticket("A1", "2025-04-03 10:00", None, None)])
    with pytest.raises(ImportFileError, match="缺少列「承办单位」"):
        read_import("hotline", path)
    (record,) = read_import("hotline", path, {"承办单位": "接收单位"}).records
    assert record.unit_raw == "测试县教育局"


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        ([ticket("A1", "2025-04-03 10:00", None, None)], TICKET_HEADER[:-1],
         "t.xlsx：第2行：缺少列「答复情况」（表头应在前10行内）"),
        ([ticket("A1", "2025-04-03 10:00", None, None), [None] * 9,
          ["A2", None, None, 0, None, "5", "测试县教育局", "", "x"]], TICKET_HEADER,
         "t.xlsx：第5行「派发时间」：日期为空"),
        ([["A1", "四月三日上午", None, 0, None, "5", "测试县教育局", "", "x"]], TICKET_HEADER,
         "t.xlsx：第3行「派发时间」：无法识别的日期时间「四月三日上午」"),
        ([ticket("A1", "2025-04-03 10:00", None, None),
          ticket("A1", "2025-04-04 10:00", None, None)], TICKET_HEADER,
         "t.xlsx：第4行「工单编号」：工单号「A1」重复（第3行已有）"),
        ([ticket("A1", "2025-04-03 10:00", None, None, limit="尽快")], TICKET_HEADER,
         "t.xlsx：第3行「办理时限」：无法识别的办理时限「尽快」"),
    ],
    ids=["missing column", "undated", "unparseable date", "duplicate 工单号", "bad limit"],
)  # fmt: skip
def test_bad_input_names_file_row_and_column(tmp_path, rows, header, message):
    path = xlsx(tmp_path / "t.xlsx", header, rows, title="工单")
    with pytest.raises(ImportFileError) as caught:
        read_import("hotline", path)
    assert str(caught.value) == message

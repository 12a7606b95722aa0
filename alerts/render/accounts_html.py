"""The inspection table as one self-contained HTML page (no scripts, no external files)."""

from __future__ import annotations

from html import escape

from alerts.accounts_table import COLUMNS, AccountsTable
from core.accounts import Status

_STYLE = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em}
table{border-collapse:collapse}th,td{border:1px solid #999;padding:4px 10px}
th{background:#eee}.overdue,.abnormal{color:#b00}.failed{color:#a60}"""


def render_html(table: AccountsTable) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    body = []
    for row in table.rows:
        css = row.status.value if isinstance(row.status, Status) else "unknown"
        cells = "".join(f"<td>{escape(c)}</td>" for c in row.cells())
        body.append(f'<tr class="{css}">{cells}</tr>')
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(table.county)}政务新媒体检查情况</title><style>{_STYLE}</style></head>"
        f"<body><h2>(五)政务新媒体运维检查情况</h2><p>{escape(table.summary())}</p>"
        f"<p>(监测时间:{escape(table.window)})</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        "</body></html>\n"
    )

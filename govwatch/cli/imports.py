"""`govwatch import requests|services|hotline FILE`: data that cannot be crawled, from the
exports other systems give the office (XLSX or CSV with Chinese headers; mapped in
govwatch.yaml `imports:` where an office's headers differ).

(The module is imports.py because `import` is a Python keyword.)"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.config import resolve_db_url
from govwatch.cli.app import app
from govwatch.cli.common import (
    DEFAULT_CONFIG,
    AsOfOpt,
    ConfigOpt,
    DbOpt,
    UsageProblem,
    err,
    out,
    parse_as_of,
    user_errors,
)

FINDING_LABELS = {
    "hotline_late_sign": "未按工作日当日签收",
    "hotline_returned": "退件3次及以上",
    "hotline_overdue": "超期办件",
    "hotline_reply": "答复情况有问题",
}


@app.command("import")
def import_command(
    kind: Annotated[
        str, typer.Argument(help="requests (依申请公开) | services (政务服务) | hotline (12345)")
    ],
    file: Annotated[Path, typer.Argument(help="The export: .xlsx or .csv.")],
    config: ConfigOpt = DEFAULT_CONFIG,
    db: DbOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Import an office's export in one transaction; the same file twice changes nothing."""
    from govwatch.jobs.imports import import_file
    from spiders.imports import KIND_LABELS, KINDS

    with user_errors():
        if kind not in KINDS:
            raise UsageProblem(f"import {kind!r}: choose one of {', '.join(KINDS)}")
        if not file.is_file():
            raise UsageProblem(f"{file}: no such file")
        result = import_file(
            config, resolve_db_url(db), kind, file, as_of=parse_as_of(as_of) if as_of else None
        )
        label = KIND_LABELS[kind]
        if result.already_imported:
            out.print(
                f"{label}：{file.name} 已导入过，数据库未改变（{result.rows}行）", markup=False
            )
        else:
            months = "、".join(result.months) or "无"
            out.print(
                f"{label}：{file.name} 共{result.rows}行（{months}），新增{result.created}行，"
                f"更新{result.updated}行，未变{result.unchanged}行",
                markup=False,
            )
        if kind == "hotline":
            found = "，".join(
                f"{FINDING_LABELS.get(k, k)}{n}件" for k, n in sorted(result.findings.items())
            )
            out.print(f"12345工单检查：{found or '未发现问题'}", markup=False)
    err.print("（问题清单：govwatch findings；通报：govwatch report）")

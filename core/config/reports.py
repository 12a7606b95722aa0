"""govwatch.yaml's sections for what is not crawled: the office's exports it imports
(依申请公开, 政务服务, 12345) and the quarterly 通报 it writes."""

from __future__ import annotations

from pydantic import Field

from core.config.base import _Strict


class ImportTableConfig(_Strict):
    """How one kind of export file is read (`govwatch import requests|services|hotline`)."""

    # govwatch's header name → the office's, where they differ: {签收时间: 接单时间}
    columns: dict[str, str] = Field(default_factory=dict)
    sheet: str | None = None  # the XLSX sheet (default: the first)


class ImportsConfig(_Strict):
    requests: ImportTableConfig = Field(default_factory=ImportTableConfig)  # 依申请公开
    services: ImportTableConfig = Field(default_factory=ImportTableConfig)  # 政务服务平台
    hotline: ImportTableConfig = Field(default_factory=ImportTableConfig)  # 12345 工单


class ReportConfig(_Strict):
    """The quarterly 通报 (`govwatch report`): who sends it, to whom, what it leaves out."""

    issuer: str | None = None  # 发文机关署名; default: <county>人民政府办公室
    addressees: str = "各乡镇人民政府，县级有关单位："
    # a Jinja2 file for 三、工作要求 (relative to govwatch.yaml); default: the shipped text
    requirements_template: str | None = None
    # registered accounts that are not 政府系统政务新媒体 (or are kept for testing): left out of
    # (五), its 合格率 and 二's account statements, and named in a note under the table
    exclude_accounts: list[str] = Field(default_factory=list)
    exclude_reason: str = "不属于本次通报的政府系统政务新媒体"

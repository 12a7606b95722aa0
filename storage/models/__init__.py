"""SQLAlchemy 2 models, one module per area. Schema changes go through an Alembic migration
in storage/migrations (a test fails when models and migrations disagree)."""

from storage.models.accounts import Account, AccountCheck, AccountPost, AccountRun
from storage.models.base import Base, BeijingDateTime
from storage.models.board import BoardMessage, PageDates
from storage.models.delivery import Delivery
from storage.models.digest import DigestRecord
from storage.models.findings import Finding
from storage.models.imports import HotlineTicket, ImportBatch, InfoRequest, ServiceMonth
from storage.models.portal import (
    Article,
    Column,
    ColumnRunState,
    CrawlRun,
    FetchFailureRecord,
    Site,
    Unit,
    UnitAlias,
)
from storage.models.schedule import JOB_STORE_TABLE, JobRun, SchedulerJob
from storage.models.site_checks import AttachmentText, LinkCheck, PageIdentity, Probe
from storage.models.text import TextIssueRecord

__all__ = [
    "JOB_STORE_TABLE",
    "Account",
    "AccountCheck",
    "AccountPost",
    "AccountRun",
    "Article",
    "AttachmentText",
    "Base",
    "BeijingDateTime",
    "BoardMessage",
    "Column",
    "ColumnRunState",
    "CrawlRun",
    "Delivery",
    "DigestRecord",
    "FetchFailureRecord",
    "Finding",
    "HotlineTicket",
    "ImportBatch",
    "InfoRequest",
    "JobRun",
    "LinkCheck",
    "PageDates",
    "PageIdentity",
    "Probe",
    "SchedulerJob",
    "ServiceMonth",
    "Site",
    "TextIssueRecord",
    "Unit",
    "UnitAlias",
]

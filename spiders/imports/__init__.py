"""Office exports (XLSX/CSV) read into records: the 依申请公开 register, the 政务服务平台's
monthly statistics and 12345 tickets.

This is spiders' work, not storage's: like a fetched page, an export is outside data read
into plain records with its format's quirks (title rows, wrapped headers, GB18030, dates
typed as text). Nothing here needs the database, and keeping it below the checks means
checks and reports only ever see stored rows (they may not import spiders)."""

from spiders.imports.records import (
    FIELDS,
    KIND_LABELS,
    KINDS,
    ImportFile,
    RequestRecord,
    ServiceRecord,
    TicketRecord,
    read_import,
)
from spiders.imports.table import ImportFileError

__all__ = [
    "FIELDS",
    "KINDS",
    "KIND_LABELS",
    "ImportFile",
    "ImportFileError",
    "RequestRecord",
    "ServiceRecord",
    "TicketRecord",
    "read_import",
]

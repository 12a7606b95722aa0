"""12345 工单 checks over the imported tickets, each a finding of the ticket's 承办单位:
hotline_late_sign, hotline_returned, hotline_overdue, hotline_reply (checks/hotline/*.py).

These rules (当日签收, 退件3次以上) are the county's own, not 19号's: see
../shared/reference/inspection-indicators.md §1.7."""

from checks.hotline.overdue import HotlineOverdue, is_overdue
from checks.hotline.reply import HotlineReply
from checks.hotline.returned import HotlineReturned
from checks.hotline.sign import HotlineLateSign, sign_due

KINDS = ("hotline_late_sign", "hotline_returned", "hotline_overdue", "hotline_reply")

__all__ = ["KINDS", "HotlineLateSign", "HotlineOverdue", "HotlineReply", "HotlineReturned",
           "is_overdue", "sign_due"]  # fmt: skip

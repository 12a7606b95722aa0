"""Every check govwatch runs, in the order it runs them. Adding a check: one module with a
Check subclass, listed here, plus its tests."""

from __future__ import annotations

from checks.accounts.findings import AccountStatusCheck, PostTextIssues
from checks.base import Check
from checks.board.no_recent_reply import BoardNoRecentReply
from checks.board.unanswered import BoardUnanswered
from checks.hotline import HotlineLateSign, HotlineOverdue, HotlineReply, HotlineReturned
from checks.portal.availability import SiteUnavailable
from checks.portal.dead_links import DeadLinks
from checks.portal.elements import ElementsMissing
from checks.portal.freshness import ColumnFreshness
from checks.portal.homepage import HomepageStale
from checks.portal.identity import IdentityMissing
from checks.portal.privacy_leak import PrivacyLeak
from checks.portal.text_issue import TextIssues
from checks.portal.zero_news import ZeroNews

CHECKS: tuple[type[Check], ...] = (
    ZeroNews,
    TextIssues,
    ColumnFreshness,
    HomepageStale,
    SiteUnavailable,
    ElementsMissing,
    PrivacyLeak,
    DeadLinks,
    IdentityMissing,
    BoardUnanswered,
    BoardNoRecentReply,
    AccountStatusCheck,
    PostTextIssues,
    HotlineLateSign,
    HotlineReturned,
    HotlineOverdue,
    HotlineReply,
)


def kinds() -> set[str]:
    """Every finding kind some check reports."""
    return {kind for check in CHECKS for kind in check.kinds}

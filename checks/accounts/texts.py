"""New post texts through the county's text checker (the same one the portal's articles go
through); the issues are kept on the post, for the content they were found in."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from checks.accounts.evaluate import report_quarter
from checks.text import KIND_LABELS, TextChecker, sentence_of
from checks.text_issues import build_checker
from core.config import Config
from storage.models import AccountPost, AccountRun

BATCH = 200


def check_new_posts(
    sessions: sessionmaker[Session], config: Config, run_id: int, checker: TextChecker | None = None
) -> int:
    """Check the run's posts whose text changed since last checked; returns issues found."""
    with sessions() as session:
        run = session.get_one(AccountRun, run_id)
        since = report_quarter(run.as_of).start
        pending = session.scalars(
            select(AccountPost.id).where(
                AccountPost.last_run_id == run_id,
                AccountPost.published_at >= since,
                or_(
                    AccountPost.text_checked_hash.is_(None),
                    AccountPost.text_checked_hash != AccountPost.content_hash,
                ),
            )
        ).all()
    if not pending:
        return 0
    checker = checker or build_checker(config)
    found = 0
    for start in range(0, len(pending), BATCH):
        with sessions() as session, session.begin():
            for post in session.scalars(
                select(AccountPost).where(AccountPost.id.in_(pending[start : start + BATCH]))
            ):
                issues = []
                for field, text in (("title", post.title), ("text", post.text)):
                    for issue in checker.check(text or ""):
                        sentence, _ = sentence_of(text, issue.start, issue.end)
                        issues.append(
                            {
                                **issue.to_dict(),
                                "field": field,
                                "kind_label": KIND_LABELS.get(issue.kind, issue.kind),
                                "sentence": sentence.strip(),
                            }
                        )
                post.text_issues = issues
                post.text_checked_hash = post.content_hash
                found += len(issues)
    return found

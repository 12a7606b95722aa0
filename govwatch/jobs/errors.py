"""Errors a job raises for the user to act on (kept light: the CLI imports them at start)."""


class CrawlInProgress(Exception):
    """Another crawl of the same portal is still running."""

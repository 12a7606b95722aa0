"""Delivering the digest: one message per run and channel (compose.py), sent through apprise
with retries (send.py). Which channels and when is the application's business
(govwatch/jobs/deliver.py)."""

from alerts.notify.compose import Message, channel_kind, compose, scope
from alerts.notify.send import Outcome, send

__all__ = ["Message", "Outcome", "channel_kind", "compose", "scope", "send"]

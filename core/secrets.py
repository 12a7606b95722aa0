"""Secrets (platform credentials, delivery channel URLs): from environment variables, else from
one file of `NAME=value` lines that only its owner may read (mode 0600).

Never from govwatch.yaml, never logged: every log line that might carry one goes through
`Redactor`, and errors name the variable, never its value.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

SECRETS_ENV = "GOVWATCH_SECRETS"
CHANNEL_PREFIX = "GOVWATCH_CHANNEL_"
MASK = "***"


class SecretsError(ValueError):
    """The secrets file is unreadable or readable by others."""


def read_secrets(
    secrets_file: str | None,
    wanted: Collection[str] | Callable[[str], bool],
    environ: dict[str, str] | None = None,
) -> dict[str, str]:
    """The wanted names' values: the environment wins over the file ($GOVWATCH_SECRETS, else
    `secrets_file`). `wanted` is a collection of names or a predicate on a name."""
    accept = wanted if callable(wanted) else wanted.__contains__
    env = dict(os.environ if environ is None else environ)
    found: dict[str, str] = {}
    path_text = env.get(SECRETS_ENV) or secrets_file
    if path_text:
        path = Path(path_text).expanduser()
        try:
            mode = path.stat().st_mode
            if mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise SecretsError(
                    f"{path}: readable by others (mode {stat.S_IMODE(mode):o}); chmod 600 it"
                )
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise SecretsError(f"{path}: cannot read the secrets file: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise SecretsError(f"{path}: the secrets file is not UTF-8 text") from None
        for line in lines:
            name, sep, value = line.strip().partition("=")
            name = name.strip().removeprefix("export ").strip()
            if sep and accept(name):
                found[name] = value.strip().strip("'\"")
    for name, value in env.items():
        if value and accept(name):
            found[name] = value
    return found


def channel_variable(channel: str) -> str:
    """The variable holding a delivery channel's apprise URL: office-mail → …_OFFICE_MAIL."""
    return CHANNEL_PREFIX + re.sub(r"[^A-Za-z0-9]", "_", channel).upper()


def channel_urls(
    channels: Iterable[str], secrets_file: str | None, environ: dict[str, str] | None = None
) -> dict[str, str | None]:
    """Channel name → its apprise URL(s), None where neither the environment nor the file
    has it (the channel is reported as not configured, never guessed)."""
    names = {channel_variable(c): c for c in channels}
    found = read_secrets(secrets_file, names, environ)
    return {channel: found.get(variable) for variable, channel in names.items()}


def secret_fragments(value: str) -> set[str]:
    """The parts of a secret worth masking on their own: the whole value, and for URLs the
    password, tokens in the path and query values (apprise logs some of them apart)."""
    parts = {value}
    for url in re.split(r"[\s,]+", value):
        if "://" not in url:
            continue
        parts.add(url)
        try:
            split = urlsplit(url)
            password = split.password
        except ValueError:
            continue
        if password:
            parts.update({password, unquote(password)})
        for piece in re.split(r"[/?&=]", f"{split.path}?{split.query}"):
            if len(piece) >= 8:  # short pieces are words like "send" or "json"
                parts.update({piece, unquote(piece)})
    return {p for p in parts if len(p) >= 4}


class Redactor(logging.Filter):
    """Masks secret values in text and in log records (message and arguments)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        fragments: set[str] = set()
        for value in secrets:
            if value:
                fragments |= secret_fragments(value)
        # longest first: a URL is masked whole before its password would split it
        self.fragments = sorted(fragments, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for fragment in self.fragments:
            text = text.replace(fragment, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if self.fragments:
            record.msg, record.args = self(record.getMessage()), None
            if record.exc_info and record.exc_info[1] is not None:
                # the traceback text is built later from the exception: keep only its type
                record.exc_text = type(record.exc_info[1]).__name__
                record.exc_info = None
        return True

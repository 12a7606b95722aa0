"""Dataclasses (and what they hold: datetimes, enums, nested dataclasses) as JSON data."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import TypeAdapter


@cache
def _adapter(kind: type) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def jsonable(value: Any) -> Any:
    """`value` as dicts, lists, strings and numbers (datetimes in ISO 8601, with their zone)."""
    return _adapter(type(value)).dump_python(value, mode="json")


def dumps(value: Any) -> str:
    """Pretty JSON text with Chinese kept readable."""
    return json.dumps(jsonable(value), ensure_ascii=False, indent=2)

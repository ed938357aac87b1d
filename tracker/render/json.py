"""Report -> the JSON document of CONTRACT.md; its JSON Schema (report.schema.json, beside this
module and shipped with the package) is what docs/json.md describes."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from tracker.models import Report

SCHEMA_FILE = "report.schema.json"


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


@cache
def _schema_text() -> str:
    return files("tracker.render").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every report document validates against."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema

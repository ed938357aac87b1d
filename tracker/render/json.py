"""Report -> the JSON document of CONTRACT.md."""

from __future__ import annotations

import json

from tracker.models import Report


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)

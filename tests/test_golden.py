"""Golden reports: each tests/golden/<case>/ holds two versions and the report `compare` must give.

A case folder has `old.txt` and `new.txt` (or `old.html` and `new.html`) and `expected.json`, the
`compare(old, new).to_dict()` document (claim `significance` scores left out: they are a ranking
that is tuned, not a fact of the edit). A case whose versions cannot be compared expects
`{"raises": "<TrackerError subclass>"}` instead.

To rewrite the expected files after an intended change, run

    TRACKER_UPDATE_GOLDEN=1 pytest tests/test_golden.py

then read every changed expected.json before committing it. Cases marked xfail below keep a
hand-written expected.json with the correct report and are never rewritten.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tracker import compare
from tracker.errors import TrackerError

GOLDEN = Path(__file__).parent / "golden"
VOLATILE_CLAIM_FIELDS = ("significance",)

# case -> why the engine's current report is wrong (expected.json holds the right one)
KNOWN_WRONG: dict[str, str] = {}


def _cases() -> list[Path]:
    return sorted(p.parent for p in GOLDEN.glob("*/old.*"))


def _params() -> list[Any]:
    return [
        pytest.param(
            case,
            id=case.name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_WRONG[case.name])]
            if case.name in KNOWN_WRONG
            else [],
        )
        for case in _cases()
    ]


def _version(case: Path, which: str) -> str:
    (path,) = case.glob(f"{which}.*")
    return path.read_text(encoding="utf-8")


def report_document(case: Path) -> dict[str, Any]:
    """The report of a case as compared with its expected.json."""
    try:
        document = compare(_version(case, "old"), _version(case, "new")).to_dict()
    except TrackerError as error:
        return {"raises": type(error).__name__}
    for claim in document["claims"]:
        for name in VOLATILE_CLAIM_FIELDS:
            claim.pop(name, None)
    return document


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _updating(config: pytest.Config) -> bool:
    option = bool(config.getoption("update_golden", default=False))
    return option or os.environ.get("TRACKER_UPDATE_GOLDEN") == "1"


def test_every_case_has_both_versions_and_an_expected_report() -> None:
    cases = [p for p in GOLDEN.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))]
    assert cases
    for case in cases:
        names = {p.stem for p in case.iterdir()}
        assert {"old", "new", "expected"} <= names, case.name


@pytest.mark.parametrize("case", _params())
def test_golden_report(case: Path, request: pytest.FixtureRequest) -> None:
    actual = report_document(case)
    expected_path = case / "expected.json"
    if _updating(request.config) and case.name not in KNOWN_WRONG:
        expected_path.write_text(_dump(actual), encoding="utf-8")
        return
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    if actual != expected:
        diff = difflib.unified_diff(
            _dump(expected).splitlines(keepends=True),
            _dump(actual).splitlines(keepends=True),
            fromfile=f"{case.name}/expected.json",
            tofile=f"{case.name}/actual",
        )
        pytest.fail("report differs from the golden file:\n" + "".join(diff), pytrace=False)

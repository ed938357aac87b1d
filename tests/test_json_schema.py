"""Every `diff` gives one report document: real outputs (two files, two HTML files, two URLs,
two stored versions, compare() on every golden case) validate against the shipped JSON Schema,
and their "from"/"to" objects have the same keys whatever was compared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import PARAGRAPHS, PageServer, article_html
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from tracker import compare
from tracker.cli.app import app
from tracker.models import VERSION_FIELDS
from tracker.render.json import report_schema

HERE = Path(__file__).parent
STORY = HERE / "fixtures" / "story"
OLD, NEW = STORY / "v1.txt", STORY / "v2.txt"
URL = "https://news.example.org/2024/05/river-road-flood"
EDITED = (PARAGRAPHS[0], PARAGRAPHS[1].replace("40 bus drivers", "45 bus drivers"), *PARAGRAPHS[2:])

runner = CliRunner()
validator = Draft202012Validator(report_schema())


def _valid(doc: dict[str, Any]) -> dict[str, Any]:
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    assert list(doc["from"]) == list(VERSION_FIELDS)
    assert list(doc["to"]) == list(VERSION_FIELDS)
    return doc


def _diff(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["diff", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc: dict[str, Any] = json.loads(result.stdout)
    return _valid(doc)


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(report_schema())


def test_text_file_diff(tmp_path: Path) -> None:
    doc = _diff(str(OLD), str(NEW))
    for side, path in (("from", OLD), ("to", NEW)):
        meta = doc[side]
        assert meta["source"] == "file"
        assert meta["path"] == str(path)
        assert meta["fetched"] is not None
        assert meta["version"] is None
        assert meta["seen"] is None


def test_html_file_diff(tmp_path: Path) -> None:
    old, new = tmp_path / "old.html", tmp_path / "new.html"
    old.write_text(article_html(byline="Ann Lee"), encoding="utf-8")
    new.write_text(article_html("Council approves budget", *EDITED, byline="Ann Lee"))
    doc = _diff(str(old), str(new))
    assert doc["from"]["authors"] == ["Ann Lee"]
    assert doc["from"]["title"] == "Council approves budget"
    assert any(s["kind"] == "edited" for s in doc["sentences"])


def test_text_against_html_diff(tmp_path: Path) -> None:
    new = tmp_path / "new.html"
    new.write_text(article_html("Council approves budget", *EDITED), encoding="utf-8")
    text = tmp_path / "old.txt"
    text.write_text("Council approves budget\n\n" + "\n\n".join(PARAGRAPHS), encoding="utf-8")
    _diff(str(text), str(new))


def test_url_diff(server: PageServer) -> None:
    old = server.serve("/old", article_html())
    new = server.serve("/new", article_html("Council approves budget", *EDITED))
    doc = _diff(old, new)
    assert doc["from"]["url"] == old
    assert doc["to"]["final_url"] == new
    assert doc["to"]["source"] == "url"
    assert doc["to"]["status"] == 200
    assert doc["to"]["path"] is None


def test_stored_diff(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for source, at in ((OLD, "2024-05-05T08:00:00Z"), (NEW, "2024-05-06T09:30:00Z")):
        result = runner.invoke(
            app, ["snapshot", str(source), "--url", URL, "--at", at, "--store", str(store)]
        )
        assert result.exit_code == 0, result.output
    doc = _diff(URL, "--store", str(store))
    assert (doc["from"]["version"], doc["to"]["version"]) == (1, 2)
    assert doc["from"]["seen"] == "2024-05-05T08:00:00+00:00"
    assert doc["to"]["url"] == URL
    assert doc["to"]["source"] == "file"
    assert len(doc["to"]["revision"]) == 40
    assert doc["to"]["reextract"] is False


def test_identical_files_give_the_same_shape() -> None:
    doc = _diff(str(OLD), str(OLD))
    assert doc["headline"] is None
    assert doc["summary"] == "No changes."


@pytest.mark.parametrize("case", sorted(p.parent for p in (HERE / "golden").glob("*/old.*")))
def test_compare_on_every_golden_case(case: Path) -> None:
    (old,) = case.glob("old.*")
    (new,) = case.glob("new.*")
    try:
        report = compare(old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8"))
    except Exception as error:  # a case whose versions cannot be compared
        pytest.skip(f"{case.name}: {type(error).__name__}")
    _valid(report.to_dict())


def test_a_document_with_a_stray_key_is_refused() -> None:
    doc = compare(OLD.read_text(encoding="utf-8"), NEW.read_text(encoding="utf-8")).to_dict()
    doc["from"]["extra"] = 1
    assert not validator.is_valid(doc)

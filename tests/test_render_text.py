"""The text view: one line per sentence when piped (grep finds it whole, with its gutter mark);
on a terminal, long lines wrap with a hanging indent that keeps the gutter clear."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tracker.cli.app import app
from tracker.cli.common import terminal_width
from tracker.models import Report, SentenceChange
from tracker.render import RenderOptions, render_report
from tracker.render._common import tidy_inline

STORY = Path(__file__).parent / "fixtures" / "story"
SEEDS = Path(__file__).parent.parent / "seeds"
LONG = (
    "Attorney General Jeff Sessions met twice last year with the top Russian diplomat in "
    "Washington whose interactions with the former national security adviser led to his firing, "
    "according to the Justice Department."
)


def _report() -> Report:
    edited = LONG.replace("Sessions met", "Sessions reportedly met")
    rows = (
        SentenceChange("same", (0,), (0,), "Short one.", "Short one."),
        SentenceChange(
            "edited",
            (1,),
            (1,),
            LONG,
            edited,
            inline=(
                ("=", "Attorney General Jeff Sessions "),
                ("+", "reportedly "),
                ("=", LONG.split("Sessions ", 1)[1]),
            ),
        ),
        SentenceChange("added", (), (2,), None, LONG + " Added."),
    )
    return Report(
        from_meta={"title": "T"},
        to_meta={"title": "T"},
        headline=None,
        sentences=rows,
        old_sentences=("Short one.", LONG),
        new_sentences=("Short one.", edited, LONG + " Added."),
        notes_added=("Correction: " + LONG,),
        summary="Sentences: 1 edited, 1 added. " + LONG,
    )


def test_width_zero_never_wraps() -> None:
    out = render_report(_report(), "text", RenderOptions(width=0))
    lines = out.splitlines()
    assert "~ Attorney General Jeff Sessions {+reportedly+} met twice" in out
    edited = next(line for line in lines if line.startswith("~ "))
    assert edited.endswith("according to the Justice Department.")
    added = next(line for line in lines if line.startswith("+ "))
    assert added.endswith("Added.")
    assert any(line.startswith("  • Note added: Correction: ") and line.endswith("Department.")
               for line in lines)  # fmt: skip
    assert all(line == line.rstrip() for line in lines)


def test_default_options_do_not_wrap() -> None:
    out = render_report(_report(), "text")
    assert max(len(line) for line in out.splitlines()) > 200


def test_terminal_width_wraps_with_a_hanging_indent() -> None:
    out = render_report(_report(), "text", RenderOptions(width=50))
    lines = out.splitlines()
    assert all(len(line) <= 50 for line in lines)
    start = next(i for i, line in enumerate(lines) if line.startswith("~ "))
    end = next(i for i, line in enumerate(lines) if line.startswith("+ "))
    continuation = lines[start + 1 : end]
    assert continuation
    assert all(line.startswith("  ") and not line[2].isspace() for line in continuation)
    joined = " ".join(line.strip() for line in lines[start:end])
    assert joined == "~ " + LONG.replace("Sessions met", "Sessions {+reportedly+} met")
    note = next(i for i, line in enumerate(lines) if line.startswith("  • Note added"))
    assert lines[note + 1].startswith("    ")
    assert not lines[note + 1][4].isspace()
    assert all(line == line.rstrip() for line in lines)


def test_whitespace_sits_outside_the_change_markers() -> None:
    tidy = tidy_inline(
        (("=", "This story "), ("-", "is being "), ("+", "has been "), ("=", "updated."))
    )
    assert tidy == [("=", "This story "), ("-", "is being"), ("+", "has been"), ("=", " updated.")]
    assert tidy_inline((("=", "A"), ("-", " "), ("+", "  "), ("=", "B"))) == [("=", "A  B")]
    assert tidy_inline((("-", "Old."), ("+", "New."))) == [("-", "Old."), ("+", "New.")]


def test_terminal_width_is_zero_when_stdout_is_not_a_terminal() -> None:
    assert terminal_width() == 0  # pytest captures stdout


def test_piped_diff_keeps_each_sentence_on_one_line() -> None:
    result = CliRunner().invoke(
        app, ["diff", str(SEEDS / "sessions-v2.txt"), str(SEEDS / "sessions-v3.txt")]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    edited = [line for line in lines if line.startswith("~ Attorney General Jeff Sessions")]
    assert len(edited) == 1
    assert edited[0].endswith("according to the Justice Department.")
    assert "{+reportedly+} met" in edited[0]
    assert any(line.startswith("+ “He should step aside") and line.endswith("Carolina.")
               for line in lines)  # fmt: skip

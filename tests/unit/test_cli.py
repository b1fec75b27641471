"""The CLI is thin: exit codes scripts can rely on, one error line per bad input."""

import csv
import json

import pytest
from typer.testing import CliRunner

from marsad.cli import EXIT_PARTIAL, app

runner = CliRunner()
ARTICLE = "وصل الوفد الأوكراني إلى إسطنبول يوم الخميس لإجراء جولة جديدة من المحادثات مع الجانب الروسي.\nكلمات دلالية: روسيا أوكرانيا\n"


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.db")


def _article(tmp_path, name="talks.txt", text=ARTICLE):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_ingest_then_reingest(tmp_path, db):
    first = runner.invoke(app, ["ingest", _article(tmp_path), "--db", db])
    assert first.exit_code == 0 and "1 new" in first.stdout
    again = runner.invoke(app, ["ingest", _article(tmp_path), "--db", db])
    assert again.exit_code == 0 and "1 unchanged (no-op)" in again.stdout


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path, db):
    empty = _article(tmp_path, "empty.txt", "")
    result = runner.invoke(app, ["ingest", _article(tmp_path), empty, str(tmp_path / "nope.txt"), "--db", db])
    assert result.exit_code == EXIT_PARTIAL
    assert f"Error: {empty}: empty file" in result.stderr
    assert "nope.txt: no such file or folder" in result.stderr
    assert "1 new" in result.stdout


def test_export_unknown_format_lists_the_valid_ones(tmp_path, db):
    runner.invoke(app, ["ingest", _article(tmp_path), "--db", db])
    result = runner.invoke(app, ["export", "--format", "xml", "-o", str(tmp_path / "x"), "--db", db])
    assert result.exit_code == 1 and "Valid: dossier, jsonl, csv" in result.stderr


def test_export_csv_tables(tmp_path, db):
    runner.invoke(app, ["ingest", _article(tmp_path), "--db", db])
    result = runner.invoke(app, ["export", "--format", "csv", "-o", str(tmp_path / "tables"), "--db", db])
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert names == ["documents.csv", "entities.csv", "events.csv", "quotes.csv"]
    assert "talks" in (tmp_path / "tables" / "documents.csv").read_text(encoding="utf-8-sig")


def test_export_dossier_fields(tmp_path, db):
    runner.invoke(app, ["ingest", _article(tmp_path), "--db", db])
    runner.invoke(app, ["export", "-o", str(tmp_path / "d.jsonl"), "--db", db])
    record = json.loads((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    assert {"doc", "title", "published", "source", "text", "entities", "quotes", "events"} <= set(record)
    assert "كلمات دلالية" not in record["text"]


def test_show_strikes_the_furniture(tmp_path, db):
    runner.invoke(app, ["ingest", _article(tmp_path), "--db", db])
    result = runner.invoke(app, ["show", "talks", "--db", db])
    assert result.exit_code == 0 and "كلمات دلالية" in result.stdout and "وصل الوفد" in result.stdout


def test_show_an_html_page_gives_its_text_not_its_markup(tmp_path, db):
    html = ("<html><body><article><h1>وصل الوفد الأوكراني إلى جنيف</h1>"
            "<p>وصل الوفد الأوكراني إلى جنيف صباح اليوم لبدء جولة جديدة من المحادثات مع الجانب الروسي.</p>"
            "<p>وقال رئيس الوفد للصحفيين إن الجولة ستستمر ثلاثة أيام على الأقل.</p>"
            "<p>اقرأ أيضا: ارتفاع أسعار القمح في الأسواق العالمية</p></article></body></html>")
    runner.invoke(app, ["ingest", _article(tmp_path, "geneva.html", html), "--db", db])
    result = runner.invoke(app, ["show", "geneva", "--db", db])
    assert result.exit_code == 0 and "<p>" not in result.stdout and "other article" not in result.stdout
    assert "وقال رئيس الوفد للصحفيين" in result.stdout


def test_show_unknown_document(db):
    result = runner.invoke(app, ["show", "nothing", "--db", db])
    assert result.exit_code == 1 and "no document 'nothing'" in result.stderr


def test_stats(tmp_path, db):
    runner.invoke(app, ["ingest", _article(tmp_path), "--db", db])
    result = runner.invoke(app, ["stats", "--db", db])
    assert result.exit_code == 0 and "articles" in result.stdout


def test_corrupt_database_is_one_error_line(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database at all " * 50)
    result = runner.invoke(app, ["stats", "--db", str(bad)])
    assert result.exit_code == 1 and "not a marsad database" in result.stderr


STORY = """لافروف: موسكو مستعدة لجولة جديدة
قال وزير الخارجية الروسي سيرغي لافروف يوم الاثنين إن موسكو مستعدة لعقد جولة جديدة من المحادثات مع أوكرانيا في إسطنبول.
وأضاف لافروف: «نحن ننتظر رد كييف على مقترحاتنا المكتوبة».
"""


@pytest.fixture
def story_db(tmp_path):
    db = str(tmp_path / "story.db")
    path = _article(tmp_path, "lavrov.txt", STORY)
    (tmp_path / "meta.jsonl").write_text('{"doc": "lavrov", "published": "2025-06-03", "source": "وكالة الأفق"}\n',
                                         encoding="utf-8")
    assert runner.invoke(app, ["ingest", path, "--db", db]).exit_code == 0
    return db


def test_entities_and_entity_commands(story_db):
    listing = runner.invoke(app, ["entities", "--db", story_db])
    assert listing.exit_code == 0 and "Sergey Lavrov" in listing.stdout
    profile = runner.invoke(app, ["entity", "Lavrov", "--db", story_db])
    assert profile.exit_code == 0 and "[lavrov 2025-06-03]" in profile.stdout
    assert "role: وزير الخارجية الروسي" in profile.stdout


def test_quotes_by_speaker_command(story_db):
    result = runner.invoke(app, ["quotes", "--speaker", "Lavrov", "--db", story_db])
    assert result.exit_code == 0 and "نحن ننتظر رد كييف على مقترحاتنا المكتوبة" in result.stdout
    assert "2025-06-03" in result.stdout and "وكالة الأفق" in result.stdout


def test_timeline_command(story_db):
    result = runner.invoke(app, ["timeline", "--db", story_db])
    assert result.exit_code == 0 and "events" in result.stdout


def test_user_knowledge_base_adds_an_entity(tmp_path):
    db = str(tmp_path / "kb.db")
    kb = tmp_path / "mine.jsonl"
    kb.write_text('{"id": "per:yusuf_haddad", "name": "Yusuf Haddad", "type": "PER", '
                  '"aliases": ["يوسف حداد", "حداد"]}\n', encoding="utf-8")
    path = _article(tmp_path, "haddad.txt", "التقى يوسف حداد بوفد من وزارة الخارجية التركية في أنقرة أمس.\n")
    assert runner.invoke(app, ["ingest", path, "--db", db, "--kb", str(kb)]).exit_code == 0
    listing = runner.invoke(app, ["entities", "--db", db])
    assert "Yusuf Haddad" in listing.stdout


def test_broken_user_knowledge_base_is_one_error_line(tmp_path):
    kb = tmp_path / "broken.jsonl"
    kb.write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", _article(tmp_path), "--db", str(tmp_path / "b.db"), "--kb", str(kb)])
    assert result.exit_code == 1 and "broken.jsonl" in result.stderr


def test_quotes_csv_points_each_quote_back_to_its_sentence(tmp_path, db):
    text = "محادثات في جنيف\nوصل الوفد إلى جنيف صباح اليوم. وقال الرئيس الفرنسي إيمانويل ماكرون إن المحادثات ستستمر أسبوعا.\n"
    runner.invoke(app, ["ingest", _article(tmp_path, "geneva.txt", text), "--db", db])
    runner.invoke(app, ["export", "--format", "csv", "-o", str(tmp_path / "tables"), "--db", db])
    with (tmp_path / "tables" / "quotes.csv").open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["speaker"] == "Emmanuel Macron" and row["text"] == "المحادثات ستستمر أسبوعا"
    assert row["sentence"] == "وقال الرئيس الفرنسي إيمانويل ماكرون إن المحادثات ستستمر أسبوعا."
    assert int(row["end"]) - int(row["start"]) == len(row["text"])

"""Ingest -> process -> export through the Python API, on articles written for these tests."""

import json

import pytest

import marsad
from marsad import pipeline
from marsad.corpus import Corpus

PAGE = """مباحثات جديدة في إسطنبول
إعلان
وصل الوفد الأوكراني إلى إسطنبول يوم الخميس لإجراء جولة جديدة من المحادثات مع الجانب الروسي.
وقال رئيس الوفد إن بلاده مستعدة لتبادل الأسرى دون شروط مسبقة.
شارك المقال
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "talks.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "meta.jsonl").write_text('{"doc": "talks", "published": "2025-05-16", "source": "وكالة الأفق"}\n',
                                         encoding="utf-8")
    return tmp_path


def test_ingest_process_export(folder, tmp_path):
    with Corpus(tmp_path / "m.db") as corpus:
        report = corpus.process(report=corpus.ingest([str(folder)]))
        assert report.new == ["talks"] and report.processed == 1 and not report.errors
        out = corpus.export("dossier", tmp_path / "dossier.jsonl")
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["doc"] == "talks" and record["published"] == "2025-05-16"
    assert record["title"] == "مباحثات جديدة في إسطنبول"
    assert "إعلان" not in record["text"] and "شارك المقال" not in record["text"]
    assert record["text"].startswith("وصل الوفد الأوكراني")
    assert set(record) >= {"entities", "quotes", "events", "source"}


def test_reingest_is_a_no_op_and_nothing_is_lost(folder, tmp_path):
    with Corpus(tmp_path / "m.db") as corpus:
        corpus.process(report=corpus.ingest([str(folder)]))
        before = corpus.get("talks").to_dict()
        report = corpus.ingest([str(folder), str(tmp_path / "missing.txt")])
        assert report.unchanged == ["talks"] and len(report.errors) == 1
        assert corpus.pending() == 0 and corpus.get("talks").to_dict() == before


def test_interrupted_run_resumes_where_it_stopped(folder, tmp_path, monkeypatch):
    calls = []
    original = pipeline.STAGES[-1].load()

    def failing(doc):
        calls.append(doc.id)
        raise KeyboardInterrupt

    with Corpus(tmp_path / "m.db") as corpus:
        corpus.ingest([str(folder)])
        monkeypatch.setitem(pipeline._loaded, pipeline.STAGES[-1].name, failing)
        with pytest.raises(KeyboardInterrupt):
            corpus.process()
        assert calls == ["talks"] and corpus.pending() == 1
        monkeypatch.setitem(pipeline._loaded, pipeline.STAGES[-1].name, original)
        assert corpus.process().processed == 1 and corpus.pending() == 0


def test_analyze_returns_a_json_serialisable_document():
    doc = marsad.analyze(PAGE, published="2025-05-16", source="وكالة الأفق")
    assert doc.title == "مباحثات جديدة في إسطنبول"
    json.dumps(doc.to_dict(), ensure_ascii=False)
    for sentence in doc.sentences:
        assert doc.text[sentence.start:sentence.end].strip()


def test_analyze_html():
    html = ("<html><head><title>هدنة الطاقة</title></head><body><nav>الرئيسية | سياسة</nav><article>"
            "<h1>هدنة الطاقة</h1><p>أعلنت موسكو وكييف التزامهما بوقف الضربات على منشآت الطاقة لمدة ثلاثين يوماً.</p>"
            "<p>وقال الوسيط الأمريكي إن الاتفاق خطوة أولى نحو وقف شامل لإطلاق النار في الأسابيع المقبلة.</p>"
            "</article><footer>جميع الحقوق محفوظة</footer></body></html>")
    doc = marsad.analyze(html, published="2025-03-25")
    assert "ثلاثين يوماً" in doc.text and "جميع الحقوق محفوظة" not in doc.text


def test_malformed_html_still_yields_its_article():
    html = ("<html><body><div><p>أعلنت وزارة الخارجية التركية استضافة جولة جديدة من المحادثات بين الوفدين "
            "الروسي والأوكراني في إسطنبول الأسبوع المقبل.<p>وقال المتحدث باسم الوزارة إن التحضيرات بدأت"
            " بالفعل وإن الجانبين أكدا مشاركتهما<div></span></body>")
    doc = marsad.analyze(html)
    assert "التحضيرات بدأت" in doc.text


def test_html_without_an_article_is_one_error_and_stored_work_survives(folder, tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>",
                                        encoding="utf-8")
    with Corpus(tmp_path / "m.db") as corpus:
        corpus.process(report=corpus.ingest([str(folder)]))
        before = corpus.get("talks").to_dict()
        report = corpus.process(report=corpus.ingest([str(tmp_path / "menu.html")]))
        assert len(report.errors) == 1 and "menu.html" in report.errors[0]
        assert corpus.get("talks").to_dict() == before and corpus.get("menu") is None

import json

import pytest

from marsad.errors import InputError
from marsad.ingest import Page, decode_bytes, read_inputs

ARTICLE = "بحث وزير الخارجية التركي مع نظيره الروسي ملف الأسرى.\nوقال إن اللقاء كان مثمراً."


def _read(*paths, meta=None):
    return list(read_inputs([str(p) for p in paths], meta))


def _errors(items):
    return [str(item) for item in items if isinstance(item, InputError)]


def test_text_file_id_is_the_file_name_without_extension(tmp_path):
    path = tmp_path / "2025-05-16_talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [page] = _read(path)
    assert page.id == "2025-05-16_talks" and page.raw == ARTICLE and not page.is_html


def test_folder_is_read_recursively_with_its_meta(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "meta.jsonl").write_text(
        json.dumps({"doc": "a", "published": "2025-05-16", "source": "وكالة الأفق"}) + "\n", encoding="utf-8")
    [page] = _read(tmp_path)
    assert page.meta == {"published": "2025-05-16", "source": "وكالة الأفق"}


def test_meta_option_wins_over_folder_meta(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "meta.jsonl").write_text('{"doc": "a", "published": "2025-05-16"}\n', encoding="utf-8")
    override = tmp_path / "override.jsonl"
    override.write_text('{"doc": "a", "published": "2025-05-17"}\n', encoding="utf-8")
    [page] = _read(tmp_path / "a.txt", meta=override)
    assert page.meta["published"] == "2025-05-17"


def test_jsonl_articles_and_a_malformed_line(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "w1", "text": ARTICLE, "published": "2025-05-16", "source": "وكالة"}, ensure_ascii=False),
        '{"id": "w2", "text": "مقطوع',
        json.dumps({"html": "<html><body><p>" + ARTICLE + "</p></body></html>"}),
        json.dumps(["not", "an", "object"]),
    ]), encoding="utf-8")
    items = _read(path)
    pages = [item for item in items if isinstance(item, Page)]
    assert [p.id for p in pages] == ["w1", "wire-3"]
    assert pages[1].is_html and pages[0].meta["source"] == "وكالة"
    errors = _errors(items)
    assert len(errors) == 2 and errors[0].startswith(f"{path}:2: not valid JSON")


def test_missing_path_is_one_clear_error(tmp_path):
    missing = tmp_path / "nowhere.txt"
    assert _errors(_read(missing)) == [f"{missing}: no such file or folder; check the path"]


def test_binary_file_is_rejected(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.4\x00\x01\x02\x03" * 100)
    [error] = _errors(_read(path))
    assert "binary file" in error and str(path) in error


def test_empty_file_is_rejected(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    assert _errors(_read(path)) == [f"{path}: empty file"]


def test_huge_file_is_rejected_without_reading_it_as_an_article(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(("كلمة " * 10_000_000).encode("utf-8")[: 50 * 1024 * 1024])
    [error] = _errors(_read(path))
    assert "too large" in error and "MB" in error


def test_windows_arabic_encoding_is_detected(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    [page] = _read(path)
    assert page.raw == ARTICLE and page.notes


def test_mixed_encodings_are_decoded_line_by_line(tmp_path):
    first, second = ARTICLE.split("\n")
    path = tmp_path / "mixed.txt"
    path.write_bytes(first.encode("utf-8") + b"\n" + second.encode("cp1256"))
    [page] = _read(path)
    assert page.raw == ARTICLE
    assert "mixed encodings" in page.notes[0]


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    assert _read(path)[0].raw == ARTICLE


def test_unsupported_file_is_named_and_skipped_inside_a_folder(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert [p.id for p in _read(tmp_path)] == ["a"]
    assert "unsupported file type '.jpg'" in _errors(_read(tmp_path / "photo.jpg"))[0]


def test_rss_feed_items_become_pages(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>t</title>
<item><title>عنوان</title><link>https://example.org/news/123-talks.html</link>
<pubDate>Fri, 16 May 2025 10:00:00 GMT</pubDate><description>&lt;p&gt;{ARTICLE}&lt;/p&gt;</description></item>
</channel></rss>""", encoding="utf-8")
    [page] = _read(path)
    assert page.id == "123-talks" and page.meta["published"] == "2025-05-16" and page.is_html


def test_malformed_feed_is_one_error(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><item>", encoding="utf-8")
    [error] = _errors(_read(path))
    assert "malformed feed XML" in error


def test_dead_url_is_one_error():
    [error] = _errors(list(read_inputs(["http://127.0.0.1:9/nothing.html"])))
    assert error.startswith("http://127.0.0.1:9/nothing.html: cannot fetch")


def test_decode_bytes_rejects_control_garbage():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes(range(1, 30)) * 50, "x.txt")


def test_decode_bytes_keeps_text_with_tabs_form_feeds_and_carriage_returns():
    data = "قال الوزير\tإن الاجتماع انتهى.\r\n\f\nوأضاف أن الوفد غادر.\n".encode() * 20
    text, notes = decode_bytes(data, "x.txt")
    assert text.startswith("قال الوزير\t") and notes == []

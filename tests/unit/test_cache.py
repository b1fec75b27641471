import os

import pytest

from marsad.cache import KEPT_PER_NAME, load_or_build


@pytest.fixture
def source(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MARSAD_CACHE", raising=False)
    path = tmp_path / "entities.jsonl"
    path.write_text('{"id": "a"}\n', encoding="utf-8")
    return path


def _counting_build(calls):
    def build():
        calls.append(1)
        return {"built": len(calls)}
    return build


def test_second_load_comes_from_the_cache(source):
    calls = []
    assert load_or_build("kb", [source], _counting_build(calls)) == {"built": 1}
    assert load_or_build("kb", [source], _counting_build(calls)) == {"built": 1}
    assert len(calls) == 1


def test_a_changed_source_rebuilds(source):
    calls = []
    load_or_build("kb", [source], _counting_build(calls))
    source.write_text('{"id": "a"}\n{"id": "b"}\n', encoding="utf-8")
    os.utime(source, ns=(1, 1))
    assert load_or_build("kb", [source], _counting_build(calls)) == {"built": 2}


def test_cache_can_be_switched_off(source, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE", "off")
    calls = []
    load_or_build("kb", [source], _counting_build(calls))
    load_or_build("kb", [source], _counting_build(calls))
    assert len(calls) == 2


def test_a_corrupt_entry_is_rebuilt(source, tmp_path):
    calls = []
    load_or_build("kb", [source], _counting_build(calls))
    for entry in (tmp_path / "cache" / "marsad").iterdir():
        entry.write_bytes(b"not a pickle")
    assert load_or_build("kb", [source], _counting_build(calls)) == {"built": 2}


def test_a_missing_source_lets_build_report_it(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def build():
        raise FileNotFoundError("weights.tsv is missing; run make model")

    with pytest.raises(FileNotFoundError, match="run make model"):
        load_or_build("weights", [tmp_path / "weights.tsv"], build)


def test_only_the_newest_entries_of_a_name_are_kept(source, tmp_path):
    folder = tmp_path / "cache" / "marsad"
    other = tmp_path / "places.jsonl"
    other.write_text("{}\n", encoding="utf-8")
    load_or_build("places", [other], lambda: "places")
    for edit in range(5):
        os.utime(source, ns=(edit * 10**9, edit * 10**9))  # each edit of the source: a new entry
        load_or_build("kb", [source], lambda: edit)
    kept = sorted(p.name.split("-")[0] for p in folder.iterdir())
    assert kept == ["kb"] * KEPT_PER_NAME + ["places"]
    assert load_or_build("kb", [source], lambda: "rebuilt") == 4  # the newest is still there

import os

import pytest

from marsad.cache import load_or_build


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

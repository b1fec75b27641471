import sqlite3

import pytest

from marsad.document import Document
from marsad.errors import StoreError
from marsad.ingest import Page
from marsad.store import Store
from marsad.store.migrations import SCHEMA_VERSION


@pytest.fixture
def store():
    with Store(":memory:") as fresh:
        yield fresh


def _page(raw="وصل الوفد الأوكراني إلى إسطنبول.", page_id="a"):
    return Page(page_id, raw, False, f"{page_id}.txt", {"published": "2025-05-16"})


def test_same_content_twice_is_a_no_op(store):
    assert store.add_pages([_page()]) == ["new"]
    assert store.add_pages([_page()]) == ["unchanged"]
    assert store.counts()["page versions"] == 1


def test_changed_content_is_a_new_version_and_the_old_one_is_kept(store):
    store.add_pages([_page()])
    assert store.add_pages([_page("وصل الوفد الروسي إلى إسطنبول.")]) == ["new version"]
    assert store.page_versions("a") == [1, 2]
    assert store.page("a", 1).page.raw == "وصل الوفد الأوكراني إلى إسطنبول."
    assert store.page("a").version == 2


def test_a_failing_batch_stores_nothing(store):
    store.add_pages([_page()])
    broken = _page(page_id="b")
    broken.origin = object()  # not storable: fails half-way through the batch
    with pytest.raises(sqlite3.Error):
        store.add_pages([_page(page_id="c"), broken])
    assert store.counts()["pages"] == 1


def test_pending_until_articles_went_through_every_stage(store):
    from marsad.pipeline import stage_names
    store.add_pages([_page()])
    stored = next(store.pending_pages())
    half = Document(id="a", text="نص", stages=[])
    store.save_articles([(stored, [half])])
    assert [p.page.id for p in store.pending_pages()] == ["a"]
    store.save_articles([(stored, [Document(id="a", text="نص", stages=stage_names())])])
    assert list(store.pending_pages()) == []
    assert store.document("a").text == "نص"


def test_schema_is_versioned(store):
    assert store.schema_version == SCHEMA_VERSION


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not sqlite " * 100)
    with pytest.raises(StoreError, match="not a marsad database"):
        Store(path)

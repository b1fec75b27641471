from marsad.document import Document, Entity, Event, Mention, Quote, Sentence
from marsad.queries import build_timeline, find_quotes_by, matches_name, mentions_of, summarize_entities

TEXT = "قال بيسكوف إن الحوار مستمر. وهاجمت روسيا كييف بالمسيرات."


def _doc(doc_id="a", published="2025-05-17"):
    return Document(
        id=doc_id, text=TEXT, published=published,
        sentences=[Sentence(0, 27), Sentence(28, 56)],
        mentions=[Mention(4, 10, "بيسكوف", "PER", "q1", "Dmitry Peskov"),
                  Mention(35, 40, "روسيا", "LOC", "q2", "Russia"),
                  Mention(41, 45, "كييف", "LOC", "q3", "Kyiv")],
        entities=[Entity("q1", "Dmitry Peskov", "PER", ["بيسكوف"]), Entity("q2", "Russia", "LOC", ["روسيا"]),
                  Entity("q3", "Kyiv", "LOC", ["كييف"])],
        quotes=[Quote(14, 27, "الحوار مستمر", False, "Dmitry Peskov", verb="قال")],
        events=[Event("ASSAULT", 28, 56, TEXT[28:56], actors=["Russia"], targets=["Kyiv"], date="2025-05-16")],
    )


def test_matches_name_ignores_case_and_spelling():
    assert matches_name("peskov", "Dmitry Peskov")
    assert matches_name("زيلينسكي", "Volodymyr Zelenskyy", ["زيلينسكي"])
    assert not matches_name("Putin", "Dmitry Peskov")


def test_summarize_entities_counts_documents():
    summary = summarize_entities([_doc("a"), _doc("b")])
    peskov = next(s for s in summary if s.name == "Dmitry Peskov")
    assert peskov.documents == ["a", "b"] and peskov.mentions == 2 and peskov.surface_forms == {"بيسكوف"}


def test_mentions_in_context_give_the_sentence():
    [found] = mentions_of([_doc()], "Kyiv")
    assert found.surface == "كييف" and found.sentence == "وهاجمت روسيا كييف بالمسيرات."


def test_quotes_by_speaker():
    assert [row.quote.text for row in find_quotes_by([_doc()], "Peskov")] == ["الحوار مستمر"]
    assert find_quotes_by([_doc()], "Putin") == []


def test_quotes_and_timeline_found_by_the_arabic_spelling_the_article_uses():
    assert [row.quote.text for row in find_quotes_by([_doc()], "بيسكوف")] == ["الحوار مستمر"]
    assert [row.date for row in build_timeline([_doc()], actor="روسيا")] == ["2025-05-16"]
    assert find_quotes_by([_doc()], "بوتين") == [] and build_timeline([_doc()], actor="كييف") == []


def test_timeline_filters_by_actor_and_type():
    docs = [_doc()]
    assert [row.date for row in build_timeline(docs, actor="Russia")] == ["2025-05-16"]
    assert build_timeline(docs, event_type="agree") == []


def test_summarize_corpus_ranks_entities_speakers_and_types():
    from marsad.queries import summarize_corpus
    summary = summarize_corpus([_doc("a"), _doc("b")])
    assert summary.layer_counts == {"entities": 6, "quotes": 2, "events": 2}
    assert summary.top_speakers == [("Dmitry Peskov", 2)] and summary.event_types == [("ASSAULT", 2)]
    assert {name for name, _ in summary.top_entities} == {"Dmitry Peskov", "Russia", "Kyiv"}

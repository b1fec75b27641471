"""The entities stage: mentions found and linked, and the document's entity list."""

from __future__ import annotations

from marsad.document import Document
from marsad.entities.kb import KBEntity, load_kb
from marsad.entities.linking import collect_entities, link_mentions
from marsad.entities.mentions import find_mentions
from marsad.settings import user_kb_files
from marsad.text.normalize import normalize_key


def entities_stage(doc: Document) -> Document:
    """``doc`` with ``mentions`` and ``entities`` filled; needs the text stage's tokens and sentences.

    Example: for "وصل بوتين إلى موسكو" doc.entities names Vladimir Putin and Moscow.
    """
    kb = load_kb(user_kb_files())
    linked = link_mentions(find_mentions(doc, kb), kb)
    # A name inside a longer name ("للأمم المتحدة" in "مجلس الأمن التابع للأمم المتحدة") is an
    # entity of the document, but the longer name stays the only mention at those offsets.
    doc.mentions = [m for m in linked if m.source != "nested"]
    doc.entities = collect_entities(linked)
    return doc


def entity_profile(name: str) -> KBEntity | None:
    """The KB entity called ``name`` or having it as an alias: its aliases and dated roles.

    Example: entity_profile("بوتين").name == "Vladimir Putin"
    """
    kb = load_kb(user_kb_files())
    if name in kb.by_name:
        return kb.entities[kb.by_name[name]]
    payloads = kb.aliases.phrases.get(tuple(normalize_key(name).split()))
    return kb.candidates(payloads)[0] if payloads else None

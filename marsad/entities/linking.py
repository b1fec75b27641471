"""Mentions linked to entities: KB entities, titles by date, and new entities for unknown names.

Within a document a surname alone ("سميث") joins the full name met before
("جون سميث"), a title alone ("الرئيس الروسي") joins whoever held it on the
article's date, and demonym phrases ("الجانب الروسي") only record the
country they stand for: they are not entities of the document. Across
documents, ``cluster_unknown_entities`` merges spellings of one unknown name.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from marsad.document import Document, Entity, Mention
from marsad.entities.kb import KBEntity, KnowledgeBase, load_kb
from marsad.entities.variants import are_variants
from marsad.lexicons import read_lexicon
from marsad.text.normalize import normalize_key

NEW_PREFIX = "new:"


def new_entity_id(name: str, kind: str) -> str:
    """The id of an entity the KB does not know: new_entity_id("جون سميث", "PER") == "new:PER:جون_سميث"."""
    return f"{NEW_PREFIX}{kind}:{normalize_key(name).replace(' ', '_')}"


def link_role(mention: Mention, kb: KnowledgeBase, seen: set[str]) -> None:
    """A title's holder: the one already named in the document, else the KB's first holder."""
    holders = (mention.entity_id or "").split()
    chosen = next((h for h in holders if h in seen), holders[0] if holders else None)
    if chosen:
        mention.entity_id, mention.name = chosen, kb.entities[chosen].name
        mention.stands_for = kb.entities[chosen].stands_for


def link_unknown(mention: Mention, surnames: dict[str, tuple[str, str]]) -> None:
    """A name the KB lacks: a known full name's last word, or a new entity of its own."""
    words = normalize_key(mention.text).split()
    match = surnames.get(words[-1]) or next((v for k, v in surnames.items() if are_variants(k, words[-1])), None)
    if match and (len(words) == 1 or match[0].startswith(NEW_PREFIX)) and _same_first_name(words, match[1]):
        mention.entity_id, mention.name = match
        return
    mention.entity_id = new_entity_id(mention.text, mention.type)
    mention.name = mention.text


def _same_first_name(words: list[str], known_name: str) -> bool:
    # "جون سميث" and "جيم سميث" are two people; "سميث" alone may be either.
    known = normalize_key(known_name).split()
    return len(words) == 1 or len(known) == 1 or are_variants(words[0], known[0])


def remember_surname(mention: Mention, surnames: dict[str, tuple[str, str]]) -> None:
    """Note the word a later mention may name the entity by: a person's surname, or the short name
    of a body named with its head noun ("حركة حماس" -> "حماس")."""
    words = normalize_key(mention.text).split()
    if mention.type == "PER" and mention.entity_id and (len(words) > 1 or mention.entity_id.startswith(NEW_PREFIX)):
        surnames.setdefault(words[-1], (mention.entity_id, mention.name or mention.text))
    elif mention.type == "ORG" and mention.entity_id and len(words) == 2 and words[0] in _short_name_heads() \
            and not words[1].startswith("ال"):
        surnames.setdefault(words[1], (mention.entity_id, mention.name or mention.text))


@lru_cache(maxsize=1)
def _short_name_heads() -> frozenset[str]:
    return frozenset(normalize_key(row["head"]) for row in read_lexicon("entity_short_name_heads"))


def link_mentions(mentions: list[Mention], kb: KnowledgeBase | None = None) -> list[Mention]:
    """The mentions, in text order, each with ``entity_id`` and canonical ``name`` (demonyms: none).

    Example: ["جون سميث" (title cue), "سميث" (tagger)] both get entity_id "new:PER:جون_سميث".
    """
    kb = kb or load_kb()
    prefer_places_in_context(mentions, kb)
    seen = {m.entity_id for m in mentions if m.source in ("gazetteer", "variant") and m.entity_id}
    surnames: dict[str, tuple[str, str]] = {}
    for mention in mentions:
        if mention.source == "role":
            link_role(mention, kb, seen)
        elif mention.source in ("title", "tagger"):
            link_unknown(mention, surnames)
        remember_surname(mention, surnames)
    return mentions


def prefer_places_in_context(mentions: list[Mention], kb: KnowledgeBase) -> None:
    """A place name several places share goes to the one whose country the article names elsewhere.

    The KB's default for "عمان" is the country Oman; in an article that also names Jordan
    ("وزير الخارجية الأردني", "الأردن") it is Amman, Jordan's capital.
    """
    named = {value for m in mentions for value in (m.name, m.stands_for) if value}
    for mention in mentions:
        if mention.source != "gazetteer" or mention.type != "LOC":
            continue
        payloads = kb.aliases.phrases.get(tuple(normalize_key(mention.text).split()), [])
        if len(payloads) < 2 or _country_of(kb.entities[mention.entity_id]) in named - {mention.name}:
            continue
        others = [m for m in mentions if m is not mention and m.text != mention.text]
        context = {value for m in others for value in (m.name, m.stands_for) if value}
        chosen = next((e for e in kb.candidates(payloads)
                       if e.type == "LOC" and e.kind == "city" and _country_of(e) in context), None)
        if chosen:
            mention.entity_id, mention.name, mention.stands_for = chosen.id, chosen.name, chosen.stands_for


def _country_of(entity: KBEntity) -> str | None:
    return entity.country or entity.stands_for or (entity.name if entity.kind == "country" else None)


def collect_entities(mentions: list[Mention]) -> list[Entity]:
    """Document entities in order of first mention, with their distinct surface forms."""
    entities: dict[str, Entity] = {}
    for mention in mentions:
        if not mention.entity_id or mention.source == "demonym":
            continue
        entity = entities.setdefault(mention.entity_id, Entity(mention.entity_id, mention.name or mention.text,
                                                                mention.type))
        surface = surface_form(mention.text)
        if surface not in entity.mentions:
            entity.mentions.append(surface)
    return list(entities.values())


def surface_form(text: str) -> str:
    """A mention's text as a name is written alone: "للأمم المتحدة" (ل + الأمم, the article's alef
    dropped in writing, so no offset can leave the ل out) -> "الأمم المتحدة"."""
    return "ال" + text[2:] if text.startswith("لل") and len(text) > 3 else text


def cluster_unknown_entities(docs: list[Document]) -> dict[str, str]:
    """For every entity the KB lacks, the id of the cross-document cluster it belongs to.

    Names of one type cluster when their last words are spelling variants and
    their first words agree (a one-word name joins a longer one only when that
    is the only candidate). The cluster id is that of its longest name.

    Example: "new:PER:جون_سميث" (doc a) and "new:PER:جون_سمیث" (doc b) -> both "new:PER:جون_سميث".
    """
    names = {e.id: (e.name, e.type) for doc in docs for e in doc.entities if e.id.startswith(NEW_PREFIX)}
    ordered = sorted(names, key=lambda i: (-len(normalize_key(names[i][0]).split()), -len(names[i][0]), i))
    clusters: dict[str, list[str]] = defaultdict(list)  # cluster id -> member ids
    for entity_id in ordered:
        name, kind = names[entity_id]
        homes = [c for c in clusters if names[c][1] == kind and _same_person(name, names[c][0])]
        # No home, or a surname shared by several people: the name starts a cluster of its own.
        clusters[homes[0] if len(homes) == 1 else entity_id].append(entity_id)
    return {member: cluster for cluster, members in clusters.items() for member in members}


def _same_person(name: str, other: str) -> bool:
    words, known = normalize_key(name).split(), normalize_key(other).split()
    if not are_variants(words[-1], known[-1]):
        return False
    return len(words) == 1 or _same_first_name(words, other)


def merge_unknown_entities(docs: list[Document]) -> list[Document]:
    """``docs`` with every unknown entity renamed to its cross-document cluster (in place).

    The cluster's name is its longest member's, so "سميث" in one article and
    "جون سميث" in another both read "جون سميث", and the entity's mentions list
    every variant seen in that article.
    """
    clusters = cluster_unknown_entities(docs)
    names = {e.id: e.name for doc in docs for e in doc.entities if e.id in clusters}
    for doc in docs:
        for mention in doc.mentions:
            if mention.entity_id in clusters:
                mention.entity_id = clusters[mention.entity_id]
                mention.name = names[mention.entity_id]
        doc.entities = _merge_entity_list(doc.entities, clusters, names)
    return docs


def _merge_entity_list(entities: list[Entity], clusters: dict[str, str], names: dict[str, str]) -> list[Entity]:
    merged: dict[str, Entity] = {}
    for entity in entities:
        cluster = clusters.get(entity.id, entity.id)
        name = names.get(cluster, entity.name)
        target = merged.setdefault(cluster, Entity(cluster, name, entity.type, []))
        target.mentions.extend(m for m in entity.mentions if m not in target.mentions)
    return list(merged.values())

"""The analysed article: clean text plus layers of annotations with character offsets.

Every annotation carries ``start``/``end`` offsets into ``Document.text`` (the
clean article), the way spaCy's ``Doc.to_json()`` does, so each claim can be
traced back to its sentence. A Document round-trips through JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Token:
    """A token: ``kind`` is one of arabic, latin, number, punct, symbol."""

    start: int
    end: int
    text: str
    kind: str


@dataclass
class Sentence:
    start: int
    end: int


@dataclass
class Mention:
    """An entity mention; ``text`` is the surface form without attached clitics."""

    start: int
    end: int
    text: str
    type: str
    entity_id: str | None = None
    name: str | None = None
    source: str = ""  # what found it: gazetteer, variant, title, tagger, alias
    stands_for: str | None = None  # demonym phrases: the country they stand for


@dataclass
class Entity:
    id: str
    name: str
    type: str
    mentions: list[str] = field(default_factory=list)


@dataclass
class Quote:
    start: int
    end: int
    text: str
    direct: bool
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    verb: str | None = None
    medium: str | None = None
    target: str | None = None
    how: str = ""  # how the speaker was resolved: subject, title, continuation, ...


@dataclass
class Event:
    type: str
    start: int  # the evidence sentence
    end: int
    evidence: str
    trigger: str = ""
    trigger_start: int | None = None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    place: str | None = None
    quantities: list[dict[str, Any]] = field(default_factory=list)
    date: str | None = None
    date_how: str | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted, future, conditional, willingness


@dataclass
class Document:
    """One article. ``raw`` is the page as given; ``text`` the clean article."""

    id: str
    text: str = ""
    raw: str = ""
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    byline: str | None = None
    part_of: str | None = None  # for "<doc>#2": the page it was split from
    body_start: int = 0  # text[:body_start] is the title line; the body follows
    dropped: list[dict[str, Any]] = field(default_factory=list)  # furniture lines: text, cue
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)  # stages already run, in order

    @property
    def body(self) -> str:
        """The article body without its title line."""
        return self.text[self.body_start:]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains character ``offset``, or None."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def to_dict(self, tokens: bool = True) -> dict[str, Any]:
        """JSON-ready dict; ``tokens=False`` leaves out the token layer (derivable from text)."""
        data = {name: getattr(self, name) for name in _SCALAR_FIELDS}
        data["dropped"] = [dict(line) for line in self.dropped]
        data["stages"] = list(self.stages)
        for name in _LAYERS:
            if name != "tokens" or tokens:
                data[name] = [dict(vars(item)) for item in getattr(self, name)]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        """The Document of ``to_dict``; a missing token layer is recomputed from the text."""
        values = {name: data[name] for name in _SCALAR_FIELDS if name in data}
        values["dropped"] = data.get("dropped", [])
        values["stages"] = data.get("stages", [])
        for name, layer_type in _LAYERS.items():
            values[name] = [layer_type(**item) for item in data.get(name, [])]
        doc = cls(**values)
        if "tokens" not in data and "text" in doc.stages:
            from marsad.text.tokens import tokenize
            doc.tokens = tokenize(doc.text)
        return doc


_LAYERS = {"tokens": Token, "sentences": Sentence, "mentions": Mention,
           "entities": Entity, "quotes": Quote, "events": Event}
_SCALAR_FIELDS = tuple(f.name for f in fields(Document) if f.name not in _LAYERS and f.name not in ("dropped", "stages"))

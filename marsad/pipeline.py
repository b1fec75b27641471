"""The analysis pipeline: one ordered registry of stages over a Document.

A stage is a small callable ``stage(doc) -> doc`` that declares what it needs
and what it adds, like a spaCy component's ``requires=``/``assigns=``. Later
layers (entities, quotes, events, story) plug in by adding one line to
``STAGES``; ingest and export never change for them. A stage's name is
recorded in ``doc.stages`` once it has run, which makes a run resumable: an
interrupted run picks up at the first stage a document has not been through.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from importlib import import_module
from typing import Callable

from marsad.document import Document


@dataclass(frozen=True)
class Stage:
    name: str
    target: str  # "module:function", imported on first use so workers start light
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def load(self) -> Callable[[Document], Document]:
        module, function = self.target.split(":")
        return getattr(import_module(module), function)


STAGES: list[Stage] = [
    Stage("text", "marsad.text.layer:text_stage", (), ("tokens", "sentences")),
    Stage("entities", "marsad.entities.stage:entities_stage", ("tokens", "sentences"), ("mentions", "entities")),
    Stage("quotes", "marsad.quotes:quotes_stage", ("tokens", "sentences", "mentions"), ("quotes",)),
    Stage("events", "marsad.events.stage:events_stage", ("tokens", "sentences", "mentions"), ("events",)),
]

_loaded: dict[str, Callable[[Document], Document]] = {}


def stage_names() -> list[str]:
    return [stage.name for stage in STAGES]


def run(doc: Document, until: str | None = None) -> Document:
    """Run every stage ``doc`` has not been through yet, in order; returns ``doc``.

    Args:
        doc: the document; its ``stages`` says what already ran.
        until: stop after this stage (all stages when None).
    """
    for stage in STAGES:
        if stage.name not in doc.stages:
            function = _loaded.get(stage.name) or _loaded.setdefault(stage.name, stage.load())
            doc = function(doc)
            doc.stages.append(stage.name)
        if stage.name == until:
            break
    return doc


def is_complete(doc: Document) -> bool:
    return all(name in doc.stages for name in stage_names())


_WARM_UP_PAGE = "محادثات جديدة\nشارك الخبر\nقال الرئيس الروسي فلاديمير بوتين يوم الاثنين إن موسكو مستعدة للحوار مع كييف."


def warm_up() -> None:
    """Load the cleaner, every stage and their data (knowledge base, models, lexicons) now.

    Called before worker processes fork, so they share what was loaded
    instead of each reading it again.
    """
    from marsad.clean import clean_page  # not a stage, but every page goes through it first

    article = clean_page(_WARM_UP_PAGE)[0]  # compiles the cleaner's furniture patterns
    run(Document(id="warm-up", text="\n".join(article.paragraphs)))
    # The knowledge base and models are hundreds of thousands of long-lived objects: keep
    # them out of the garbage collector's full passes, in this process and the forked workers.
    gc.collect()
    gc.freeze()

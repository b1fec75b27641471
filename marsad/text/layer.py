"""The text stage: tokens and sentences of the clean text, with offsets."""

from __future__ import annotations

from marsad.document import Document
from marsad.text.sentences import split_sentences
from marsad.text.tokens import tokenize


def text_stage(doc: Document) -> Document:
    doc.tokens = tokenize(doc.text)
    doc.sentences = split_sentences(doc.text)
    return doc

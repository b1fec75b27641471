"""marsad (مرصد): a sourced, navigable dossier from a stream of Arabic news articles.

    >>> import marsad
    >>> doc = marsad.analyze("قال الرئيس الروسي فلاديمير بوتين إن موسكو مستعدة للحوار.",
    ...                      published="2025-05-11")
    >>> corpus = marsad.open("marsad.db")
"""

from __future__ import annotations

from pathlib import Path

from marsad.document import Document
from marsad.errors import MarsadError

__version__ = "0.1.0"
__all__ = ["analyze", "open", "Document", "MarsadError", "__version__"]


def analyze(text_or_html: str, published: str | None = None, source: str | None = None,
            url: str | None = None, doc_id: str = "article", kb: tuple[str, ...] = ()) -> Document:
    """The analysed main article of a text or HTML page (offsets index its clean ``text``).

    Example: marsad.analyze("أعلن الكرملين اليوم أن ...", published="2025-05-17").entities
    """
    from marsad.analysis import articles_from_page
    from marsad.ingest import Page, looks_like_html
    from marsad.settings import using_kb

    meta = {key: value for key, value in {"published": published, "source": source, "url": url}.items() if value}
    page = Page(doc_id, text_or_html, looks_like_html(text_or_html), "analyze()", meta)
    with using_kb(kb):
        return articles_from_page(page)[0]


def open(path: str | Path = "marsad.db"):  # noqa: A001 - mirrors the builtin on purpose
    """The stored corpus at ``path``: iterate it, ``get(doc_id)``, ``ingest(...)``, ``export(...)``."""
    from marsad.corpus import Corpus

    return Corpus(path)

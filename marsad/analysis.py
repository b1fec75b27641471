"""One raw page -> its analysed articles: clean, then every pipeline stage.

Runs in worker processes too: it takes and returns plain values only.
"""

from __future__ import annotations

from marsad import pipeline
from marsad.clean import CleanArticle, clean_page
from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest import Page
from marsad.store.sqlite import SerializedArticle, serialize_article


def articles_from_page(page: Page, done: list[Document] | None = None) -> list[Document]:
    """The page's articles (main first, then "<id>#2", ...), analysed through every stage.

    Args:
        page: the raw page and its metadata.
        done: articles of this page stored part-way by an interrupted run; resumed, not redone.
    Raises:
        InputError: the page holds no article text.
    """
    docs = done or _documents_from_clean(page, clean_page(page.raw, html=page.is_html))
    if not docs:
        raise InputError(page.origin or page.id, "no article text found after cleaning")
    return [pipeline.run(doc) for doc in docs]


def _documents_from_clean(page: Page, articles: list[CleanArticle]) -> list[Document]:
    docs = []
    for number, article in enumerate(a for a in articles if a.paragraphs):
        doc_id = page.id if number == 0 else f"{page.id}#{number + 1}"
        title = page.meta.get("title") if number == 0 and page.meta.get("title") else article.title
        heading = f"{title}\n" if title else ""
        docs.append(Document(
            id=doc_id,
            text=heading + "\n".join(article.paragraphs),
            raw=page.raw if number == 0 else "",
            title=title,
            published=page.meta.get("published") or article.published,
            source=page.meta.get("source") or article.source,
            url=page.meta.get("url"),
            byline=article.byline,
            part_of=page.id if number else None,
            body_start=len(heading),
            dropped=list(article.dropped),
        ))
    return docs


def analyze_page_safely(page: Page, done: list[Document] | None) -> list[Document] | str:
    """Worker entry point: the analysed articles, or the one-line error for a page with none."""
    try:
        return articles_from_page(page, done)
    except InputError as error:
        return str(error)


def analyze_page_for_store(page: Page, done: list[Document] | None) -> list[SerializedArticle] | str:
    """Worker entry point for the store: articles already serialised, so only strings cross processes."""
    result = analyze_page_safely(page, done)
    return result if isinstance(result, str) else [serialize_article(doc) for doc in result]


def analyze_pages_for_store(jobs: list[tuple[Page, list[Document] | None]]) -> list[list[SerializedArticle] | str]:
    """Worker entry point for a chunk of pages: one round trip to the worker for several pages."""
    return [analyze_page_for_store(page, done) for page, done in jobs]

"""Storage of raw pages and analysed articles (SQLite by default)."""

from marsad.store.sqlite import Store

__all__ = ["Store"]

"""The quote layer: who said what, direct («…») and reported (قال … إن …), with offsets."""

from marsad.quotes.find import find_quotes, quotes_stage

__all__ = ["find_quotes", "quotes_stage"]

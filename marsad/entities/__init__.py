"""Entities: mentions found in the text (gazetteer and statistical tagger) and linked to canonical entities."""

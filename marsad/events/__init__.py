"""Events: PLOVER events read from sentences, and the dates they happened on."""

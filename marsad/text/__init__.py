"""The Arabic text layer every later stage uses: normalisation, tokens, sentences, numbers."""

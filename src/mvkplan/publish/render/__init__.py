"""Rendering: documents to HTML and Markdown pages (:mod:`.pages`), and the whole static site (:mod:`.site`)."""

"""Messages: problems, their words in Swedish and English, and how they are printed.

`problems` (the one problem type), `i18n` (message catalog and language), `reporters`
(text, json, github, sarif) and `terminal`, `words` (labels for kinds and statuses),
`textmatch` and `vocabulary` (the "did you mean" hints). Every layer uses it; it uses none.
"""

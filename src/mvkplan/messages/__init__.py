"""Messages: problems, their words in Swedish and English, and how they are printed.

`problems` (the one problem type), `i18n` (``t(key)`` and the language), `translations` (the
gettext catalogs in ``locale/`` it reads), `catalogs` and `extraction` (keeping those catalogs,
with Babel), `reporters` (text, json, github, sarif) and `terminal`, `words` (labels for
kinds and statuses), `textmatch` and `vocabulary` (the "did you mean" hints). Every layer uses it; it uses none.
"""

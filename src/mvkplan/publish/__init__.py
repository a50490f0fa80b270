"""Publish: documents and views as pages, sites and files people read.

`render/` (HTML and Markdown pages, the static site), `report/` (the annual report's pages),
`diff/` (a diff as a page or text), `exports/` (PDF/UA and Word) and `serve/` (the live
preview that rebuilds on save).
"""

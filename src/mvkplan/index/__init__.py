"""Index: every loaded document, its items and links, and what links back (`linkindex`).

Built from the documents loading gives; everything above asks it. Beside it: catalog
look-ups (`lookup`), link formatting (`linkformat`), titles (`titles`), follow-ups per plan
(`followups`) and per-index memos (`memo`).
"""

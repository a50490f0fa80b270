"""Views: what the index shows when asked, computed and not yet rendered.

Coverage of framework goals (`coverage`), link reports (`linkreport`), the document list
(`overview`), the difference between two plans (`diff/`) and the annual follow-up report
(`report/`). `mvkplan.publish` renders them; the CLI prints them.
"""

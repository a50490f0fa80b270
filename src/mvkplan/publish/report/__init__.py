"""The annual follow-up report (`mvkplan.views.report`) as a page: views, tables, charts.

`render` is the entry (`render_report`, and `render_follow_up`, the page a follow-up
document gets); `views` builds the template context from `tables`, `charts` and `formatting`.
"""

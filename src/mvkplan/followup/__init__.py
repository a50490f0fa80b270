"""Follow-up of plans: the yearly values, activity statuses and assessments, and the report.

The stages, one module each: :mod:`.loading` (follow-ups per plan, what their references
name), :mod:`.values` (reading a value by its type), :mod:`.checks` (what ``validate``
reports), :mod:`.rollup` (pure functions computing the roll-up) and :mod:`.report` (the
annual report's context and rendering). The document model is
:class:`mvkplan.models.FollowUp`.
"""

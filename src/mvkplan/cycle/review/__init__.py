"""``mvkplan review``: reviewed links marked again, and links into superseded plans moved.

``find`` works out, from the index, which links are suspect (their target was reworded since
the fingerprint beside them was written), which have never been reviewed, and which point into
a plan a newer one supersedes (with the matching goal of the newer plan, paired as ``diff``
pairs goals). ``splice`` rewrites just those links' texts in their files; ``apply`` validates
every new text with mvkplan's own loader and writes all files or none (the follow-up writer's
journal, :mod:`mvkplan.cycle.recording`).
"""

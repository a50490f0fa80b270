"""Keeping a project loaded between saves: what ``mvkplan serve`` rebuilds from.

A watching server rebuilds on every save. Loading and checking the whole project again
each time costs what a full ``validate`` costs; here the project stays in memory
(:class:`~mvkplan.publish.serve.corpus.LiveCorpus`), a save reloads only the files that changed and
updates the link index in place, the rules run again only for the documents a change can
concern (:class:`~mvkplan.publish.serve.checks.LiveChecks`), and only the pages whose inputs changed
are rendered (:class:`~mvkplan.publish.serve.site.LiveSite`). Each step gives what the same step
gives from scratch: the tests compare the result with a fresh build after each kind of change.
"""

"""A plan diff (`mvkplan.views.diff`) as a page (`page`) or as text, Markdown or JSON (`formats`)."""

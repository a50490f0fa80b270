"""Checks: what `validate`, `lint` and `check` report, and the gate that keeps broken documents from being published.

`validate` (schema problems from loading, references, follow-ups) → `lint` (the rules in
`rules/`, one module each) → `check` (both in one pass); `gate` decides what may be published.
Checks return problems; reporters (`mvkplan.messages.reporters`) print them.
"""

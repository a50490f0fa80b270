"""Cycle: the yearly follow-up round, filling follow-up documents.

`recording/` writes values into follow-up files (comments and formatting kept, all or
nothing) and knows what a plan asks (`plans`, `questions`); `survey/` (workbooks out and
back) and `kolada/` (official statistics) bring the values, and do not know each other.
"""

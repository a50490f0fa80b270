"""Plans in spreadsheets: a plan's goal and activity tables as a workbook (or CSV) and back.

``layout`` says which columns a table has and what each cell shows; ``export`` writes the
workbook or CSV; ``reader`` reads one back (with the survey's safety checks for workbooks);
``importing`` compares every cell with what the plan says now and turns only the changed
cells into edits, which ``splice`` writes into the YAML text at the spans a round-trip parse
locates, so an unchanged workbook changes no byte and an edited cell changes only its value.
"""

"""Recording values in follow-up documents, the one place mvkplan writes into a YAML file people edit.

``yamledit`` splices new entries and changed values into the file's text at the spans a
round-trip parse (ruamel.yaml) locates, so every byte it does not mean to change (comments,
key order, quoting, indentation, other values) stays as it was; ``record`` compares what a
survey or Kolada import brings with what is recorded, and writes every file of a batch or
none, each validated by the project's own loader before it replaces the original.
"""

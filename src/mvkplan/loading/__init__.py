"""Loading: files to validated documents, one stage per module, run down once.

`files` (read bytes) → `parsing` (plain data, via `mvkplan.source`) → `validation` (a
document model, or located problems; `schema_errors` words pydantic's) → `many` (many files,
behind the `cache` and worker processes) → `load` (a project's paths: `load_paths`).
`documents` is the record every stage above hands on (`LoadedDocument`); `shipped` loads the
frameworks and catalogs inside the package; `runs` keeps whole-run answers.
"""

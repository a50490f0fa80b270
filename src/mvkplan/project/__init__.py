"""Project: where the plans are and how the tool may touch them.

Configuration (`config`), finding the YAML files (`discovery`), how paths are shown
(`paths`), atomic writes (`writing`), output targets that may not overwrite inputs
(`outputs`), worker processes (`parallel`) and optional extras (`extras`).
"""

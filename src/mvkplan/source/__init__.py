"""Source: YAML bytes to nodes with positions, or straight to plain data.

`parse` is the door (`load_data`, `parse_yaml`); `engines` picks the parser (rapidyaml via
`rapid`, `plain` and `rymltree`, or libyaml via `libyaml`); `nodes` are what both build;
`positions` and `locate` turn offsets into the line and column an editor shows.
"""

"""The annual report over a plan's follow-ups: `build` (the report), `rollup` (pure sums and changes)."""

"""Writes of the reports app, by topic: the compile (aggregation, grading, AFI drafting, keyed rows,
runs) and the report (content, rendering)."""

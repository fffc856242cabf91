"""Ingest: the raw inputs read and checked as given (plan table, hand-maintained files, observations)."""

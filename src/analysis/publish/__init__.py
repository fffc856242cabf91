"""Publish: the processed tables and the reports, each built aside and put in place whole, one run at a time."""

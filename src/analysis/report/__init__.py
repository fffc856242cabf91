"""Report: the words, tables and charts of a report, and its rendering to HTML and PDF."""

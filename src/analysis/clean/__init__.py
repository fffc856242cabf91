"""Clean: a tidy, validated dataset with a data-quality log; the schemas of every table."""

"""Assess: progress to target by series (gap, growth needed and seen, status)."""

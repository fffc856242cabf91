"""Test and benchmark support: helpers that are not part of the product."""

"""innovation-plan monitor: clean a city's innovation-plan indicators, assess progress, render reports."""

__version__ = "0.1.0"

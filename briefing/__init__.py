"""Briefing: turn source articles into a structured outline and a briefing note."""

__version__ = "0.1.0"

"""Exporting the briefing note: one intermediate form, written as Word, Markdown, HTML or PDF.

:func:`briefing.core.export.api.export_briefing` is the entry point; ``document`` builds the
intermediate form, and each ``*_out`` / ``docx_*`` module writes one format from it. PDF needs
Qt, so its writer (``briefing.gui.pdf_export``) is handed in by the command line and the app.
"""

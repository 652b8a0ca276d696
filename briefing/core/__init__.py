"""Plain-Python core of Briefing: model, outline files, importers and export. No Qt widgets here."""

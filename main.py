"""Launch Briefing: ``python main.py [OUTLINE.yaml]`` opens the app, ``python main.py VERB ...``
runs a command (see ``python main.py --help``)."""

from __future__ import annotations

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())

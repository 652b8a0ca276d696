"""Removing, at start-up, the temporary files that killed saves and exports left behind.

A save or export killed midway (a crash, a power cut, ``kill -9``) leaves its hidden temporary
file beside the target, up to the size of the note or outline. The next write into that folder
removes it (:func:`briefing.core.atomic.remove_stale_temporaries`); at start-up Briefing also
cleans the folders it knows the user works in, so the leftovers do not wait for the next save.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from briefing.core.atomic import remove_stale_temporaries

logger = logging.getLogger(__name__)


def remove_stray_temporaries(folders: Sequence[Path]) -> threading.Thread:
    """Clean ``folders`` on a background thread (a network drive may be slow); the thread."""
    def clean() -> None:
        for folder in folders:
            removed = remove_stale_temporaries(folder)
            for path in removed:
                logger.info("removed %s, left by an interrupted save or export", path)

    worker = threading.Thread(target=clean, name="briefing-stray-files")
    worker.start()
    return worker

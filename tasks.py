"""Set up a local virtual environment when needed, then run the app or the tests.

    python3 tasks.py app [ARGS...]    run Briefing (opens the bundled sample outline)
    python3 tasks.py test [ARGS...]   run the test suite (ARGS go to pytest)

The environment lives in ``.venv`` beside this file. It is created on first use and refreshed when
``pyproject.toml`` changes, so both commands work on a fresh machine with only Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "briefing-installed.sha256"


def _venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def _wanted_stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_venv() -> Path:
    """Create or refresh ``.venv`` so that it holds Briefing and its dev tools."""
    python = _venv_python()
    if not python.exists():
        print("Creating a virtual environment in .venv ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text().strip() != _wanted_stamp():
        print("Installing Briefing and its dependencies into .venv ...", file=sys.stderr)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
                       check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"],
                       check=True)
        STAMP.write_text(_wanted_stamp() + "\n")
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"app", "test"}:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        python = ensure_venv()
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"tasks.py: setting up .venv failed ({exc}). Check the messages above and the "
              "network connection to the package index, then run the command again.",
              file=sys.stderr)
        return 1
    verb, rest = argv[0], argv[1:]
    if verb == "app":
        command = [str(python), str(ROOT / "main.py"), *rest]
    else:
        command = [str(python), "-m", "pytest", *rest]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

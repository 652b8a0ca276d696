"""Set up a local virtual environment from the locked dependencies, then run the app or the tests.

    python3 tasks.py app [ARGS...]     run Briefing (opens the bundled sample outline)
    python3 tasks.py test [ARGS...]    run the test suite (ARGS go to pytest)
    python3 tasks.py lock [--upgrade]  refresh the locks in requirements/ from pyproject.toml
    python3 tasks.py latest [ARGS...]  run the suite against the newest releases, in a throwaway
                                       environment, to see a breaking release before the lock moves

The environment lives in ``.venv`` beside this file. ``app`` installs the app's lock
(``requirements/app-pyX.Y.txt``), ``test`` the dev lock (the same pins plus the test and lint
tools), both with ``pip --require-hashes``, so a fresh machine needs nothing but Python 3.11+ and
a new release of a dependency changes nothing until the lock is refreshed on purpose. The
environment is rebuilt whenever the lock file it came from changes.

``lock`` keeps every pin it can and only moves what pyproject.toml now asks for; ``lock
--upgrade`` moves every pin to the newest release. It runs uv from a tool environment in
``.venv-tools`` (installed from ``requirements/tools.txt``, hashed too).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import venv
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
TOOLS_VENV = ROOT / ".venv-tools"
REQUIREMENTS = ROOT / "requirements"
TOOLS_LOCK = REQUIREMENTS / "tools.txt"
STAMP_NAME = "briefing-lock.json"
"""Inside a venv: which lock it was built from (name and content hash) and for which Python."""

LOCKED_PYTHONS = ("3.11", "3.12", "3.13")
"""Python versions with a lock of their own; a newer Python uses the newest lock."""
OLDEST_PYTHON = (3, 11)
LOCK_COMMAND = "python3 tasks.py lock"
INPUTS_LINE = "# pyproject-inputs-sha256: "
"""The lock header line that records which pyproject.toml requirements the lock was made from."""


class SetupError(Exception):
    """Something the user can fix: the message says what and how; no traceback is shown."""


# --- which lock --------------------------------------------------------------------------------

def lock_python(version: tuple[int, int]) -> str:
    """The Python version whose locks serve ``version``: its own, or the newest for a newer one."""
    if version < OLDEST_PYTHON:
        raise SetupError(f"Briefing needs Python {'.'.join(map(str, OLDEST_PYTHON))} or later; "
                         f"this is Python {version[0]}.{version[1]}. Run tasks.py with a newer "
                         "Python (python3.11, python3.12 ... or py -3.12 on Windows)")
    wanted = f"{version[0]}.{version[1]}"
    if wanted in LOCKED_PYTHONS:
        return wanted
    newest = LOCKED_PYTHONS[-1]
    if version > tuple(int(part) for part in newest.split(".")):
        return newest
    raise SetupError(f"there is no lock for Python {wanted} in requirements/. Run "
                     f"'{LOCK_COMMAND}' after adding it to LOCKED_PYTHONS in tasks.py")


def lock_file(kind: str, python: str) -> Path:
    """``kind`` is ``app`` (what Briefing needs) or ``dev`` (that plus the test and lint tools)."""
    return REQUIREMENTS / f"{kind}-py{python}.txt"


def lock_inputs(pyproject_text: str) -> dict[str, object]:
    """What a lock is made from: the requirements in pyproject.toml, not its other settings."""
    import tomllib

    data = tomllib.loads(pyproject_text)
    project = data.get("project", {})
    return {"requires-python": project.get("requires-python", ""),
            "dependencies": sorted(project.get("dependencies", [])),
            "optional-dependencies": {name: sorted(extra) for name, extra
                                      in sorted(project.get("optional-dependencies", {}).items())},
            "build-system": sorted(data.get("build-system", {}).get("requires", []))}


def inputs_digest(pyproject_text: str) -> str:
    text = json.dumps(lock_inputs(pyproject_text), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shown(path: Path) -> str:
    """A path as messages show it: relative to the repository when inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def check_lock(lock: Path, pyproject: Path) -> None:
    """Refuse a missing lock, or one made before pyproject.toml's requirements last changed."""
    try:
        text = lock.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SetupError(f"{shown(lock)}: no such lock file. Run '{LOCK_COMMAND}' "
                         "to make it") from None
    recorded = next((line[len(INPUTS_LINE):].strip() for line in text.splitlines()
                     if line.startswith(INPUTS_LINE)), None)
    if recorded != inputs_digest(pyproject.read_text(encoding="utf-8")):
        raise SetupError(f"{shown(lock)}: out of date, the requirements in "
                         f"pyproject.toml changed since it was made. Run '{LOCK_COMMAND}' and "
                         "commit the changed files in requirements/")


# --- when to install -------------------------------------------------------------------------

@dataclass(frozen=True)
class Stamp:
    """What a venv holds: the lock it was installed from, that lock's content hash, the Python
    it runs, and pyproject.toml's hash when Briefing itself was installed."""

    lock: str
    lock_sha256: str
    python: str
    pyproject_sha256: str

    @staticmethod
    def read(path: Path) -> Stamp | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Stamp(**{key: str(data[key]) for key in
                            ("lock", "lock_sha256", "python", "pyproject_sha256")})
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.__dict__, indent=1) + "\n", encoding="utf-8")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install_plan(stamp: Stamp | None, kind: str, locks: dict[str, Path], python: str) -> str:
    """``"ready"``, ``"add"`` (install the dev lock over an app venv) or ``"fresh"``.

    ``locks`` maps ``app`` and ``dev`` to their files; the dev lock holds the app lock's pins
    and more, so a venv built from it serves ``app`` too. A venv is reused only while the lock
    it was built from is unchanged; anything else (another Python, a changed lock, no stamp) is
    rebuilt from nothing, so that the venv holds exactly what the lock says.
    """
    if stamp is None or stamp.python != python:
        return "fresh"
    current = {lock.name: sha256_of(lock) for lock in locks.values() if lock.is_file()}
    if current.get(stamp.lock) != stamp.lock_sha256:
        return "fresh"
    if stamp.lock in (locks[kind].name, locks["dev"].name):
        return "ready"
    return "add"


# --- installing ----------------------------------------------------------------------------

def venv_python(folder: Path) -> Path:
    if os.name == "nt":
        return folder / "Scripts" / "python.exe"
    return folder / "bin" / "python"


def run(command: list[str | Path], *, cwd: Path | None = None, stdin: str | None = None) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=cwd, input=stdin, text=True)


def pip_install(python: Path, *arguments: str | Path) -> None:
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *arguments])


def create_venv(folder: Path) -> Path:
    print(f"Creating a virtual environment in {folder.name} ...", file=sys.stderr)
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    return venv_python(folder)


def ensure_venv(kind: str) -> Path:
    """Make ``.venv`` hold the ``kind`` lock (``app`` or ``dev``) and Briefing; its python."""
    python_version = f"{sys.version_info.major}.{sys.version_info.minor}"
    locked = lock_python(sys.version_info[:2])
    if locked != python_version:
        print(f"Python {python_version} has no lock of its own; using the one for Python "
              f"{locked}.", file=sys.stderr)
    pyproject = ROOT / "pyproject.toml"
    locks = {name: lock_file(name, locked) for name in ("app", "dev")}
    check_lock(locks[kind], pyproject)
    stamp_path = VENV / STAMP_NAME
    stamp = Stamp.read(stamp_path)
    plan = install_plan(stamp, kind, locks, python_version)
    python = venv_python(VENV)
    if plan == "fresh" or not python.exists():
        python = create_venv(VENV)
        plan = "fresh"
    if plan != "ready" or stamp is None:
        lock = locks[kind]
        print(f"Installing the locked dependencies ({shown(lock)}) "
              "into .venv ...", file=sys.stderr)
        pip_install(python, "--require-hashes", "-r", lock)
        stamp = Stamp(lock.name, sha256_of(lock), python_version, "")
        stamp.write(stamp_path)
    if stamp.pyproject_sha256 != sha256_of(pyproject):
        # Briefing itself, editable; setuptools comes from the lock, so the build is locked too.
        pip_install(python, "--no-deps", "--no-build-isolation", "-e", ROOT)
        stamp = Stamp(stamp.lock, stamp.lock_sha256, stamp.python, sha256_of(pyproject))
        stamp.write(stamp_path)
    return python


# --- refreshing the locks ------------------------------------------------------------------

def lock_header(kind: str, python: str, digest: str) -> str:
    what = "Briefing" if kind == "app" else "Briefing, its tests and lint tools"
    return (f"# Every package {what} installs on Python {python}, on any platform, with hashes.\n"
            f"# Made by '{LOCK_COMMAND}' from pyproject.toml; do not edit by hand.\n"
            f"{INPUTS_LINE}{digest}\n")


def ensure_tools() -> Path:
    """The tool venv with uv, installed from its own hashed lock; uv's path."""
    python = venv_python(TOOLS_VENV)
    stamp_path = TOOLS_VENV / STAMP_NAME
    stamp = Stamp.read(stamp_path)
    wanted = Stamp(TOOLS_LOCK.name, sha256_of(TOOLS_LOCK), sys.version, "")
    if stamp != wanted or not python.exists():
        python = create_venv(TOOLS_VENV)
        pip_install(python, "--require-hashes", "-r", TOOLS_LOCK)
        wanted.write(stamp_path)
    return python.parent / ("uv.exe" if os.name == "nt" else "uv")


def compile_lock(uv: Path, output: Path, header: str, python: str, *options: str,
                 stdin: str = "", upgrade: bool = False) -> None:
    """Run ``uv pip compile`` into ``output`` (keeping its pins unless ``upgrade``), then put
    ``header`` on top. Paths are relative to the repository, so the file names no machine."""
    output.parent.mkdir(exist_ok=True)
    relative = output.relative_to(ROOT).as_posix()
    command: list[str | Path] = [uv, "pip", "compile", *options, "-", "--universal",
                                 "--python-version", python, "--generate-hashes", "--no-header",
                                 "--quiet", "-o", relative]
    if upgrade:
        command.append("--upgrade")
    run(command, cwd=ROOT, stdin=stdin)
    output.write_text(header + output.read_text(encoding="utf-8"), encoding="utf-8",
                      newline="\n")


def refresh_locks(upgrade: bool) -> None:
    """Write every lock in requirements/ from pyproject.toml (see the module docstring)."""
    import tomllib

    uv = ensure_tools()
    pyproject_text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    digest = inputs_digest(pyproject_text)
    build = "\n".join(tomllib.loads(pyproject_text)["build-system"]["requires"]) + "\n"
    for python in LOCKED_PYTHONS:
        print(f"Locking for Python {python} ...", file=sys.stderr)
        dev, app = lock_file("dev", python), lock_file("app", python)
        # The dev lock is resolved first; the app lock takes its pins, so tests run on exactly
        # the versions the app installs. The build backend is locked in both.
        compile_lock(uv, dev, lock_header("dev", python, digest), python,
                     "pyproject.toml", "--extra", "dev", stdin=build, upgrade=upgrade)
        compile_lock(uv, app, lock_header("app", python, digest), python,
                     "pyproject.toml", "-c", dev.relative_to(ROOT).as_posix(), stdin=build,
                     upgrade=upgrade)
    compile_lock(uv, TOOLS_LOCK, "# The lock tool for 'python3 tasks.py lock', with hashes.\n",
                 LOCKED_PYTHONS[0], stdin="uv\n", upgrade=upgrade)
    print("Locks written to requirements/. Run 'python3 tasks.py test' and commit them.",
          file=sys.stderr)


# --- the newest releases -------------------------------------------------------------------

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def locked_versions(lock: Path) -> dict[str, set[str]]:
    """Package name (normalised) to the versions the lock pins for it (one per marker branch)."""
    pins: dict[str, set[str]] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            pins.setdefault(normalise(match[1]), set()).add(match[2])
    return pins


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def newer_than_lock(frozen: str, pins: dict[str, set[str]]) -> list[str]:
    """Lines ``name: locked -> newest`` for each package of ``pip freeze`` output that moved."""
    moved = []
    for line in frozen.splitlines():
        match = _PIN.match(line)
        if match is None:
            continue
        name, version = normalise(match[1]), match[2]
        locked = pins.get(name)
        if locked is None:
            moved.append(f"{name}: not in the lock -> {version}")
        elif version not in locked:
            moved.append(f"{name}: {', '.join(sorted(locked))} -> {version}")
    return moved


def run_against_latest(pytest_args: list[str]) -> int:
    """Install the newest releases pyproject.toml allows into a throwaway venv, say what moved
    since the lock, and run the suite there. The lock and .venv are not touched."""
    locked = lock_python(sys.version_info[:2])
    pins = locked_versions(lock_file("dev", locked))
    with tempfile.TemporaryDirectory(prefix="briefing-latest-") as folder:
        python = create_venv(Path(folder) / "venv")
        print("Installing the newest releases ...", file=sys.stderr)
        pip_install(python, "--upgrade", "pip")
        pip_install(python, "--upgrade", "--upgrade-strategy", "eager", "-e", f"{ROOT}[dev]")
        frozen = subprocess.run([str(python), "-m", "pip", "freeze", "--exclude-editable"],
                                check=True, capture_output=True, text=True).stdout
        moved = newer_than_lock(frozen, pins)
        print("Newer than the lock:" if moved else "The lock holds the newest releases.")
        for line in moved:
            print(f"  {line}")
        status = subprocess.run([str(python), "-m", "pytest", "-p", "no:cacheprovider",
                                 *pytest_args], cwd=ROOT).returncode
    print("The suite passes on the newest releases." if status == 0 else
          f"The suite fails on the newest releases (pytest exit status {status}); keep the "
          "lock until that is fixed.", file=sys.stderr)
    return status


# --- the commands --------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    verbs = {"app", "test", "lock", "latest"}
    if not argv or argv[0] not in verbs:
        print(__doc__, file=sys.stderr)
        return 2
    verb, rest = argv[0], argv[1:]
    try:
        lock_python(sys.version_info[:2])  # an old Python is told so before anything runs
        if verb == "lock":
            if rest not in ([], ["--upgrade"]):
                print(__doc__, file=sys.stderr)
                return 2
            refresh_locks(upgrade=bool(rest))
            return 0
        if verb == "latest":
            return run_against_latest(rest)
        python = ensure_venv("app" if verb == "app" else "dev")
    except SetupError as error:
        print(f"tasks.py: {error}", file=sys.stderr)
        return 1
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"tasks.py: setting up the environment failed ({error}). Check the messages "
              "above and the connection to the package index, then run the command again.",
              file=sys.stderr)
        return 1
    if verb == "app":
        command = [str(python), str(ROOT / "main.py"), *rest]
    else:
        command = [str(python), "-m", "pytest", *rest]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

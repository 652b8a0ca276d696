"""Test configuration shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.local_web import LocalSite, local_site

# Qt without a display aborts; every Qt test runs offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory,
                          monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point settings, data and user templates at a temporary folder for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BRIEFING_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    # PDF through Qt unless a test asks for LibreOffice (tests/core/export/test_pdf_office.py).
    monkeypatch.setenv("BRIEFING_OFFICE", "off")
    yield home


@pytest.fixture(autouse=True, scope="session")
def _one_qapplication_first(qapp: object) -> object:
    """Create the QApplication before any test, so code that makes a bare QGuiApplication when
    none exists (the PDF writer outside the app) never leaves one that blocks widgets later."""
    return qapp


@pytest.fixture
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to the local test server go straight to it, whatever proxy the machine sets."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    """A web server on 127.0.0.1 in the test process (:mod:`tests.local_web`)."""
    with local_site() as running:
        yield running

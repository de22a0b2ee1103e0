"""Settings for the whole suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ssg.render import TEMPLATE_CACHE_ENV


@pytest.fixture(autouse=True, scope="session")
def _template_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled theme templates (ssg/render.py: template_cache) go to a folder of the run's own,
    not to the user's ~/.cache; every build of the run, and every ssg process it starts,
    shares it, as builds on an editor's machine do."""
    folder = tmp_path_factory.mktemp("template-cache")
    folder.chmod(0o700)
    before = os.environ.get(TEMPLATE_CACHE_ENV)
    os.environ[TEMPLATE_CACHE_ENV] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(TEMPLATE_CACHE_ENV, None)
    else:
        os.environ[TEMPLATE_CACHE_ENV] = before

"""The record of a shared `--out` (`.ssg-sites.json`, ssg/sites.py) after a version of ssg from
before 2026-11-27 rewrote it. Those read only the lines written as lists of folders and wrote
back what they read: every line of this version's (folder → the checkout that built it) was
gone, and with it what each repository may remove. This version keeps a copy of the record
(`.ssg-sites.copy.json`) that no earlier one touches, and takes the dropped lines back from it.
Real git repositories and builds (tests/test_sites_record.py); the earlier version's rewrite
is its own code's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ssg.repository_id import repository_id
from ssg.sites import OUTPUTS_RECORD, RECORD_COPY
from ssg.write import MARKER
from tests.sitekit import make_site
from tests.test_sites import DEPARTMENT_YAML, NOTICES
from tests.test_sites_record import REMOVED, build, ci_clone, commit_all, git, upstream


def earlier_version_builds(srv: Path, repo: Path, folders: list[str]) -> None:
    """What a build of a repository at `repo` by ssg before 2026-11-27 (commit 4dafe79,
    ssg/sites.py `_recorded` and `remember_outputs`) left in `srv`: its sites' output, and the
    record as it read it (lines that are lists of folders only) with its own line."""
    for folder in folders:
        (srv / folder).mkdir(parents=True, exist_ok=True)
        (srv / folder / MARKER).write_text("ssg\n", encoding="utf-8")
    data = json.loads((srv / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    record = {
        k: [p for p in v if isinstance(p, str)] for k, v in data.items() if isinstance(v, list)
    }
    record[str(repo.resolve())] = sorted(folders)
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (srv / OUTPUTS_RECORD).write_text(text, encoding="utf-8")


def other_platform(folder: Path) -> Path:
    """A second repository of sites with one site, qt."""
    qt_yaml = DEPARTMENT_YAML.replace("fgw.", "qt.").replace('"2298000002"', '"2298000003"')
    make_site(folder / "qt", dict(NOTICES), site_yaml=qt_yaml)
    (folder / "sites.yaml").write_text("- path: qt\n", encoding="utf-8")
    git(folder, "init", "-q")
    commit_all(folder, "另一个平台")
    return folder


def test_the_lines_an_earlier_version_dropped_come_back(tmp_path: Path) -> None:
    """Without them the platform that then dropped a department kept publishing it: no line
    said it had built it."""
    source = upstream(tmp_path / "upstream")
    other = ci_clone(other_platform(tmp_path / "other"), tmp_path / "other-run")
    srv = tmp_path / "srv"
    build(ci_clone(source, tmp_path / "run-1", depth=20), srv)
    build(other, srv)
    earlier = tmp_path / "xian"
    earlier_version_builds(srv, earlier, ["xian"])
    assert list(json.loads((srv / OUTPUTS_RECORD).read_text(encoding="utf-8"))) == [str(earlier)]
    (source / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    commit_all(source, "撤并发改委网站")
    run = ci_clone(source, tmp_path / "run-2", depth=20)
    assert REMOVED in build(run, srv)
    assert not (srv / "bumen").exists()
    for kept in ("www/index.html", "qt/index.html", "xian"):
        assert (srv / kept).exists(), kept
    record = json.loads((srv / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    assert record == {
        f"git:{source}": {"www": str(run)},
        repository_id(other): {"qt": str(other)},
        str(earlier): {"xian": str(earlier)},
    }
    assert json.loads((srv / RECORD_COPY).read_text(encoding="utf-8")) == record


def test_a_folder_the_earlier_version_built_since_stays_its_own(tmp_path: Path) -> None:
    """Near miss: the department handed to the repository the earlier version builds, under
    the same folder. Its line names it now: the platform's old line does not come back with
    it, and the platform, dropping the department, leaves its output alone."""
    source = upstream(tmp_path / "upstream")
    srv = tmp_path / "srv"
    build(ci_clone(source, tmp_path / "run-1", depth=20), srv)
    taker = tmp_path / "taker"
    shutil.copytree(source / "bumen", taker / "bumen")
    earlier_version_builds(srv, taker, ["bumen/fgw"])
    (source / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    commit_all(source, "发改委网站移交")
    run = ci_clone(source, tmp_path / "run-2", depth=20)  # (its history lists bumen/fgw)
    assert REMOVED not in build(run, srv)
    assert (srv / "bumen/fgw" / MARKER).is_file()
    record = json.loads((srv / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    assert record == {
        f"git:{source}": {"www": str(run)},
        str(taker): {"bumen/fgw": str(taker)},
    }

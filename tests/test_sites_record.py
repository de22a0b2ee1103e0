"""The record of what each repository of sites built into a shared `--out` folder
(`.ssg-sites.json`, ssg/sites.py; its key from ssg/repository_id.py), with real git
repositories cloned as a CI job clones them: at a new path every run, shallow."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ssg.repository_id import remote_identity, repository_id
from ssg.sites import OUTPUTS_RECORD, history_sites
from ssg.write import MARKER
from tests.sitekit import BUILD_DATE, make_site
from tests.test_sites import DEPARTMENT_YAML, NOTICES, cli, platform

REMOVED = "已删除不在 sites.yaml 中的站点的旧输出"


def git(folder: Path, *args: str) -> str:
    if shutil.which("git") is None:
        message = "git 未安装 (git is not installed)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    identity = ["-c", "user.name=测试", "-c", "user.email=ci@ceshi.gov.cn"]
    done = subprocess.run(
        ["git", *identity, "-C", str(folder), *args],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def upstream(folder: Path) -> Path:
    """The platform of tests/test_sites.py as the repository CI clones from."""
    repo = platform(folder)
    git(repo, "init", "-q")
    commit_all(repo, "两个站点")
    return repo


def ci_clone(source: Path, run: Path, depth: int = 1) -> Path:
    """A CI job's checkout: a new folder each run, `depth` commits deep (GitHub's checkout
    fetches 1, GitLab 20 or 50)."""
    git(run.parent, "clone", "-q", "--depth", str(depth), f"file://{source}", str(run))
    return run


def build(repo: Path, out: Path) -> str:
    code, _, err = cli("build", "--source", str(repo), "--out", str(out), "--date", BUILD_DATE)
    assert code == 0, err
    return err


def test_a_ci_clone_at_a_new_path_removes_the_site_taken_out(tmp_path: Path) -> None:
    """Keyed by the repository's absolute path, the record of the first run named nothing a
    later run (another checkout folder) could find: the department's output stayed published
    for ever after sites.yaml dropped it. The later run's history (GitLab's fetch depth)
    holds the sites.yaml that listed the department: it is that repository, and dropped it."""
    source = upstream(tmp_path / "upstream")
    srv = tmp_path / "srv"
    assert REMOVED not in build(ci_clone(source, tmp_path / "run-1"), srv)
    assert (srv / "bumen/fgw/index.html").is_file()
    (source / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    commit_all(source, "撤并发改委网站")
    run = ci_clone(source, tmp_path / "run-2", depth=20)
    err = build(run, srv)
    assert REMOVED in err
    assert not (srv / "bumen").exists()
    assert (srv / "www/index.html").is_file()
    record = json.loads((srv / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    assert record == {f"git:{source}": {"www": str(run)}}


def test_a_shallow_clone_keeps_what_its_history_does_not_show_it_listed(tmp_path: Path) -> None:
    """One commit deep, the clone cannot see the sites.yaml that listed the department: the
    folder may be another clone's of the same origin, so it stays (and stays recorded, for a
    clone with the history to remove it)."""
    source = upstream(tmp_path / "upstream")
    srv = tmp_path / "srv"
    first = ci_clone(source, tmp_path / "run-1")
    build(first, srv)
    (source / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    commit_all(source, "撤并发改委网站")
    run = ci_clone(source, tmp_path / "run-2")
    err = build(run, srv)
    assert REMOVED not in err
    assert (srv / "bumen/fgw/index.html").is_file()
    record = json.loads((srv / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    assert record == {f"git:{source}": {"bumen/fgw": str(first), "www": str(run)}}
    assert REMOVED in build(ci_clone(source, tmp_path / "run-3", depth=20), srv)
    assert not (srv / "bumen").exists()


def test_clones_of_one_template_do_not_remove_each_other_s_sites(tmp_path: Path) -> None:
    """Two teams clone one template and never change its remote: one origin, two
    repositories. Keyed by the origin alone, the second's whole build removed the first's
    site as one it had dropped. It is the first's: built by another checkout, and no version
    of the second's sites.yaml lists it. The first still removes it when it drops it."""
    template = platform(tmp_path / "template", "- path: www\n")
    git(template, "init", "-q")
    commit_all(template, "模板")
    team_a = ci_clone(template, tmp_path / "team-a", depth=20)
    team_b = ci_clone(template, tmp_path / "team-b", depth=20)
    (team_a / "sites.yaml").write_text("- path: bumen/fgw\n", encoding="utf-8")
    commit_all(team_a, "发改委网站")  # (a commit of team A's own: not in team B's history)
    srv = tmp_path / "srv"
    build(team_a, srv)
    assert REMOVED not in build(team_b, srv)
    for kept in ("bumen/fgw", "www"):
        assert (srv / kept / "index.html").is_file(), kept
    record = json.loads((srv / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    assert record == {f"git:{template}": {"bumen/fgw": str(team_a), "www": str(team_b)}}
    (team_a / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    assert REMOVED in build(team_a, srv)
    assert not (srv / "bumen").exists() and (srv / "www/index.html").is_file()


def test_another_repository_s_output_is_never_removed(tmp_path: Path) -> None:
    """Another repository builds into the same folder: its sites are not this one's to remove,
    nor is a site it took over (built there after this repository did), once this repository
    lists it no more."""
    source = upstream(tmp_path / "upstream")
    other = tmp_path / "other-upstream"
    qt_yaml = DEPARTMENT_YAML.replace("fgw.", "qt.").replace('"2298000002"', '"2298000003"')
    make_site(other / "qt", dict(NOTICES), site_yaml=qt_yaml)
    (other / "sites.yaml").write_text("- path: qt\n", encoding="utf-8")
    git(other, "init", "-q")
    commit_all(other, "另一个平台")
    srv = tmp_path / "srv"
    build(ci_clone(source, tmp_path / "run-1"), srv)
    build(ci_clone(other, tmp_path / "other-run-1"), srv)
    # the department's site moves to the other platform, under the same folder name
    shutil.copytree(source / "bumen", other / "bumen")
    (other / "sites.yaml").write_text("- path: qt\n- path: bumen/fgw\n", encoding="utf-8")
    commit_all(other, "接收发改委网站")
    taker = ci_clone(other, tmp_path / "other-run-2")
    build(taker, srv)
    (source / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    commit_all(source, "发改委网站移交")
    run = ci_clone(source, tmp_path / "run-2", depth=20)  # (its history lists bumen/fgw)
    err = build(run, srv)
    assert REMOVED not in err
    for kept in ("www", "qt", "bumen/fgw"):
        assert (srv / kept / "index.html").is_file(), kept
    record = json.loads((srv / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    assert record == {
        f"git:{source}": {"www": str(run)},
        f"git:{other}": {"bumen/fgw": str(taker), "qt": str(taker)},
    }


def test_a_record_of_an_earlier_version_keyed_by_path_is_still_read(tmp_path: Path) -> None:
    """The lines an earlier version wrote (the repository's absolute path → its folders) are
    this repository's when the path is its own, and move to the new key; another path's line
    is another repository's and stays as it is."""
    repo = ci_clone(upstream(tmp_path / "upstream"), tmp_path / "checkout")
    srv = tmp_path / "srv"
    build(repo, srv)
    (srv / "bumen/jyj").mkdir()  # (another repository's site, marked as ssg's output)
    (srv / "bumen/jyj" / MARKER).write_text("ssg\n", encoding="utf-8")
    elsewhere = str(tmp_path / "another-repository")
    earlier = {str(repo.resolve()): ["bumen/fgw", "www"], elsewhere: ["bumen/jyj"]}
    (srv / OUTPUTS_RECORD).write_text(json.dumps(earlier), encoding="utf-8")
    (repo / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    err = build(repo, srv)
    assert REMOVED in err
    assert not (srv / "bumen/fgw").exists() and (srv / "bumen/jyj").is_dir()
    record = json.loads((srv / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    assert record == {repository_id(repo): {"www": str(repo)}, elsewhere: {"bumen/jyj": elsewhere}}


def test_an_origin_line_of_the_earlier_version_is_judged_by_history(tmp_path: Path) -> None:
    """The version before wrote the origin's folders without the checkout that built them:
    a clone without the history that listed a dropped one keeps it, one with it removes it."""
    source = upstream(tmp_path / "upstream")
    srv = tmp_path / "srv"
    build(ci_clone(source, tmp_path / "run-1"), srv)
    earlier = {f"git:{source}": ["bumen/fgw", "www"]}
    (srv / OUTPUTS_RECORD).write_text(json.dumps(earlier), encoding="utf-8")
    (source / "sites.yaml").write_text("- path: www\n", encoding="utf-8")
    commit_all(source, "撤并发改委网站")
    assert REMOVED not in build(ci_clone(source, tmp_path / "run-2"), srv)
    assert (srv / "bumen/fgw/index.html").is_file()
    run = ci_clone(source, tmp_path / "run-3", depth=20)
    assert REMOVED in build(run, srv)
    assert not (srv / "bumen").exists()
    record = json.loads((srv / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    assert record == {f"git:{source}": {"www": str(run)}}


def test_the_history_read_is_every_version_of_the_platform_s_own_sites_yaml(
    tmp_path: Path,
) -> None:
    """Every committed version of sites.yaml in the platform's folder counts, in one read of
    the history; a version that does not parse, or an entry outside the repository, adds
    nothing; another platform's sites.yaml in the same work tree is not this one's."""
    work = tmp_path / "work"
    shi = platform(work / "shi", "- path: www\n")
    platform(work / "xian", "- path: bumen/jyj\n")
    git(work, "init", "-q")
    commit_all(work, "两个平台")
    for version in ("- path: www\n- path: bumen\\fgw\n", "- path: [\n", "- ../wai\n- /abs\n"):
        (shi / "sites.yaml").write_text(version, encoding="utf-8")
        commit_all(work, "改 sites.yaml")
    (shi / "sites.yaml").write_text("- path: uncommitted\n", encoding="utf-8")
    assert history_sites(shi) == {"www", "bumen/fgw"}
    assert history_sites(tmp_path) == frozenset()  # (no git work tree)


def test_the_key_names_the_platform_s_folder_inside_its_git_work_tree(tmp_path: Path) -> None:
    """Two platforms of one git repository are two repositories of sites."""
    work = tmp_path / "work"
    for name in ("shi", "xian"):
        platform(work / name)
    git(work, "init", "-q")
    git(work, "remote", "add", "origin", "https://ci-token:secret@Git.Example.gov.cn/zwb/p.git")
    assert repository_id(work / "shi") == "git:git.example.gov.cn/zwb/p#shi"
    assert repository_id(work / "xian") == "git:git.example.gov.cn/zwb/p#xian"
    assert repository_id(tmp_path) == ""  # (no git work tree: the caller keeps the path)


@pytest.mark.parametrize(
    ("url", "identity"),
    [
        ("https://gitlab-ci-token:s3cret@git.example.gov.cn/zwb/jiyue.git", "git.example.gov.cn/zwb/jiyue"),
        ("git@git.example.gov.cn:zwb/jiyue.git", "git.example.gov.cn/zwb/jiyue"),
        ("ssh://git@GIT.example.gov.cn:2222/zwb/jiyue/", "git.example.gov.cn/zwb/jiyue"),
        ("file:///srv/git/jiyue.git", "/srv/git/jiyue"),
        ("../jiyue.git", "/home/ci/jiyue"),
        ("", ""),
        ("https://host.example.gov.cn/", ""),
    ],
)  # fmt: skip
def test_a_remote_is_read_as_host_and_path_without_credentials(url: str, identity: str) -> None:
    assert remote_identity(url, "/home/ci/build") == identity

"""REPORT-03 on the data file's mistyped keys: the sample portal copied to disk, one key of
data/annual-report/2025.yaml misspelled, the real `ssg check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from ssg.derive.annual_report import FIELDS_BY_PATH
from tests.e2e.conftest import REPO, sample_date
from tests.sitekit import Run, run

DATA = "data/annual-report/2025.yaml"


def sample_portal(root: Path) -> Path:
    for folder in ("content", "data", "static"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def line_of(root: Path, path: str) -> int:
    """The line of a key (安全防护.发现问题数量) in the nested data file."""
    rows = (root / DATA).read_text(encoding="utf-8").splitlines()
    at = 0
    for depth, part in enumerate(path.split(".")):
        key = "  " * depth + part + ":"
        at = next(i for i in range(at, len(rows)) if rows[i].startswith(key))
    return at + 1


def mistype(root: Path, path: str, typo: str) -> str:
    """Rename the key `path` of the data file to `typo`; the typo's own path."""
    parent, _, name = path.rpartition(".")
    line = line_of(root, path)
    rows = (root / DATA).read_text(encoding="utf-8").splitlines(keepends=True)
    rows[line - 1] = rows[line - 1].replace(f"{name}:", f"{typo}:", 1)
    (root / DATA).write_text("".join(rows), encoding="utf-8")
    return f"{parent}.{typo}" if parent else typo


def given_under(root: Path, path: str) -> list[str]:
    """The fields the sample's data file fills in under the part or group `path`, as the
    report labels them relative to it (办件量：总数)."""
    node = yaml.safe_load((root / DATA).read_text(encoding="utf-8"))
    for key in path.split("."):
        node = node[key]

    def leaves(value: object, prefix: str) -> list[str]:
        if isinstance(value, dict):
            return [x for k, v in value.items() for x in leaves(v, f"{prefix}{k}：")]
        return [prefix.rstrip("：")] if value is not None else []

    return leaves(node, "")


def about_the_data_file(result: Run) -> list[str]:
    return [x for x in result.lines if x.startswith(f"{DATA}:")]


def head(finding: str) -> str:
    """`file:line: severity [CODE] field` of a finding."""
    where, rest = finding.split("] ", 1)
    return f"{where}] {rest.split(': ', 1)[0]}"


@pytest.mark.parametrize(
    ("path", "typo"),
    [
        ("安全防护", "安全防户"),
        ("签署", "签暑"),
        ("办事服务.办件量", "办件亮"),
        ("移动新媒体.微博", "微薄"),
        ("安全防护.安全检测评估次数", "安全检测评估次"),
    ],
    ids=["part", "part-signing", "group", "group-account", "field"],
)
def test_a_mistyped_key_of_the_data_file_is_one_finding_at_its_line(
    tmp_path: Path, path: str, typo: str
) -> None:
    """A misspelled part, group or field of the sample's data file: one deduct at the key's
    own line with its did-you-mean, naming the fields it leaves unfilled. Each of those was a
    未填报 deduct of its own at line 1 (a part) or at the part's line (a group, a field),
    beside an advice at the key's line: many findings for one name to correct."""
    root = sample_portal(tmp_path)
    before = about_the_data_file(run(root, date=sample_date()))
    assert before == [], before  # (the sample is clean: what follows is the typo's)
    fields = [] if path in FIELDS_BY_PATH else given_under(root, path)
    mistyped = mistype(root, path, typo)
    line = line_of(root, mistyped)
    name = path.rpartition(".")[2]

    found = about_the_data_file(run(root, date=sample_date()))
    assert len(found) == 1, found
    (finding,) = found
    assert finding.startswith(f"{DATA}:{line}: deduct [REPORT-03] {mistyped}: ")
    assert f"是不是“{name}”？" in finding and f"did you mean {name}?" in finding
    assert f"请把“{typo}”改为“{name}”" in finding
    if path in FIELDS_BY_PATH:  # a field: named with its unit, as its own finding did
        assert f"“{path}”（单位：" in finding and "the field is not filled in" in finding
    else:
        head = f"“{path}”的 {len(fields)} 项（"
        assert head in finding, finding
        assert finding.split(head)[1].split("）")[0].split("、") == fields
        assert f"{len(fields)} of its fields are not filled in" in finding


def test_a_mistyped_key_keeps_the_severity_of_the_fields_it_leaves_unfilled(
    tmp_path: Path,
) -> None:
    """The one finding is a deduct, as each unfilled field was: --strict still blocks on it,
    and the renamed key leaves nothing to report."""
    root = sample_portal(tmp_path)
    written = (root / DATA).read_text(encoding="utf-8")
    mistype(root, "安全防护", "安全防户")
    strict = run(root, "--strict", date=sample_date())
    assert strict.code == 1 and len(strict.with_code("REPORT-03")) == 1, strict.lines
    assert run(root, date=sample_date()).code == 0

    (root / DATA).write_text(written, encoding="utf-8")
    assert run(root, "--strict", date=sample_date()).with_code("REPORT-03") == []


def test_a_mistyped_key_whose_field_is_derived_stays_advice(tmp_path: Path) -> None:
    """A misspelled key for a figure the sample derives leaves nothing unfilled: the advice
    it was, with nothing folded into it."""
    root = sample_portal(tmp_path)
    mistyped = mistype(root, "办事服务.政务服务事项数量", "政务服务事项数")
    found = about_the_data_file(run(root, date=sample_date()))
    assert [head(x) for x in found] == [
        f"{DATA}:{line_of(root, mistyped)}: advice [REPORT-03] {mistyped}"
    ]
    assert found[0].endswith("已忽略 (unknown key)")


def test_two_mistyped_keys_for_one_part_name_its_fields_once(tmp_path: Path) -> None:
    """The part's fields are named by the first key taken for it; the second is the advice
    an unknown key is, not a second list of the same fields."""
    root = sample_portal(tmp_path)
    first = mistype(root, "安全防护", "安全防户")
    with (root / DATA).open("a", encoding="utf-8") as data:
        data.write("安全防互:\n  安全检测评估次数: 12\n")
    second = line_of(root, "安全防互")
    found = [head(x) for x in about_the_data_file(run(root, date=sample_date()))]
    assert found == [
        f"{DATA}:{line_of(root, first)}: deduct [REPORT-03] {first}",
        f"{DATA}:{second}: advice [REPORT-03] 安全防互",
    ]


def test_a_mistyped_key_beside_its_correct_twin_leaves_the_twin_its_own_findings(
    tmp_path: Path,
) -> None:
    """When the part it was taken for is written too, what that part lacks is its own to
    report, at its own line; the misspelled key stays the advice of an ignored key."""
    root = sample_portal(tmp_path)
    text = (root / DATA).read_text(encoding="utf-8")
    (root / DATA).write_text(
        text.replace("  问题整改数量: 7", "  问题整改数量:") + "安全防户:\n  问题整改数量: 7\n",
        encoding="utf-8",
    )
    found = [head(x) for x in about_the_data_file(run(root, date=sample_date()))]
    assert found == [
        f"{DATA}:{line_of(root, '安全防护.问题整改数量')}: deduct [REPORT-03] 安全防护.问题整改数量",
        f"{DATA}:{line_of(root, '安全防户')}: advice [REPORT-03] 安全防户",
    ]


def test_a_file_where_the_data_folder_belongs_is_named(tmp_path: Path) -> None:
    """`data/annual-report` written as a file: one FILE-03 at that path says why no data file
    is found, not REPORT-01 alone."""
    root = sample_portal(tmp_path)
    shutil.rmtree(root / "data/annual-report")
    (root / "data/annual-report").write_text("x\n", encoding="utf-8")
    result = run(root, date="2026-11-20")
    assert [line.split("；")[0] for line in result.with_code("FILE-03")] == [
        "data/annual-report:0: error [FILE-03] data/annual-report 应为文件夹，现在是一个文件（或失效的链接）"
    ]


def test_the_freeze_advice_of_a_report_signed_under_a_mistyped_key_is_at_that_key(
    tmp_path: Path,
) -> None:
    """REPORT-02's "freeze the published report" points at the data file's 填报日期; with 签署
    misspelled it pointed at line 0, though the misspelled key's line is known."""
    root = sample_portal(tmp_path)
    (root / "data/annual-report/2025.frozen.yaml").unlink()  # (published, not frozen)
    freeze = [x for x in run(root, date=sample_date()).lines if "[REPORT-02]" in x]
    assert [x.split(": advice")[0] for x in freeze] == [f"{DATA}:{line_of(root, '签署.填报日期')}"]
    mistyped = mistype(root, "签署", "签暑")
    freeze = [x for x in run(root, date=sample_date()).lines if "ssg report freeze" in x]
    assert [x.split(": advice")[0] for x in freeze] == [f"{DATA}:{line_of(root, mistyped)}"]

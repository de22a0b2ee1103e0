"""bench/convert.py's like-for-like flavours (hugo-theme, pelican-theme): what they hand Hugo
and Pelican from a generated corpus. Neither tool is needed (CI has neither): the converted
files are read as they are written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import convert  # noqa: E402

POLICY = "zwgk/zcwj/szfzyzczz/t20261109_000014.md"  # (gen_corpus.py --items 44, seed 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "c"
    command = [sys.executable, str(BENCH / "gen_corpus.py"), "--items", "44", "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    return out


def front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[: text.index("\n---\n", 4)]


def test_every_flavour_is_a_converter_and_an_unknown_one_is_a_usage_error(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert set(convert.CONVERTERS) == {"hugo", "hugo-theme", "pelican", "pelican-theme"}
    assert convert.main(["jekyll", str(corpus), str(tmp_path / "out")]) == 2
    assert "hugo|hugo-theme|pelican|pelican-theme" in capsys.readouterr().err
    assert convert.main(["hugo", str(corpus), str(tmp_path)]) == 2  # (an existing folder)


def test_hugo_theme_keeps_every_field_and_renames_what_hugo_reads_itself(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "h"
    assert convert.main(["hugo-theme", str(corpus), str(out)]) == 0
    item = front_matter(out / "content" / POLICY)
    source = front_matter(corpus / "content" / POLICY)
    for line in source.splitlines()[1:]:
        if not line.startswith("date:"):
            assert line in item.splitlines(), line  # (every other field as the corpus wrote it)
    assert "date: 2026-11-09T00:00:00+08:00" in item and "date_has_time: false" in item
    assert 'ssgtype: "policy"' in item and 'layout: "policy"' in item
    column = front_matter(out / "content/zwgk/zcwj/_index.md")
    assert "ssg_type: policy" in column and "\ntype:" not in column  # (Hugo's own `type`)
    assert 'url: "/zwgk/zcwj/"' in column and 'column_type: "政策文件"' in column
    assert "weight: 30" in column  # (from `order`)
    assert (out / "layouts/_default/policy.html").is_file()
    assert (out / "static/assets/css/site.css").is_file()
    assert (out / "data/site.yaml").read_bytes() == (corpus / "data/site.yaml").read_bytes()


def test_pelican_theme_writes_scalars_as_metadata_and_the_rest_as_one_line_json(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "p"
    assert convert.main(["pelican-theme", str(corpus), str(out)]) == 0
    text = (out / "content" / POLICY).read_text(encoding="utf-8")
    head = dict(line.split(": ", 1) for line in text[: text.index("\n\n")].splitlines())
    assert head["Template"] == "policy" and head["Column"] == "zwgk/zcwj/szfzyzczz"
    assert head["Slug"] == "t20261109_000014"
    assert head["doc_number"] == "吉政办发〔2026〕1号"
    assert json.loads(head["keywords"]) == ["公共法律服务", "司法"]
    assert text[text.index("\n\n") :].lstrip().startswith("各县（市、区）人民政府")
    assert (out / "pelicanconf.py").is_file() and (out / "plugins").is_dir()


@pytest.mark.parametrize("kind", ["hugo-theme", "pelican-theme"])
def test_a_conversion_is_the_same_files_each_time(corpus: Path, tmp_path: Path, kind: str) -> None:
    first, second = tmp_path / "1", tmp_path / "2"
    assert convert.main([kind, str(corpus), str(first)]) == 0
    assert convert.main([kind, str(corpus), str(second)]) == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)

"""Pinyin slugs (ssg/slugs.py): worked out in a forked process, so that a build never loads
pypinyin's 40 MB phrase dictionary itself, and the same as worked out in place."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

from ssg.place_readings import PLACE_READINGS
from ssg.slugs import new_slug, pinyin_slug, unique_slugs
from tests.sitekit import cli, make_site


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_phrases_give_the_reading() -> None:
    assert pinyin_slug("中国银行") == "zhong-guo-yin-hang"  # 行 as in 银行, not xing
    assert pinyin_slug("市长信箱") == "shi-zhang-xin-xiang"
    assert pinyin_slug("综合政务", limit=8) == "zong-he"
    # Homophones in sorted order of the names (杭 U+676D before 行 U+884C).
    assert unique_slugs(["银行", "银杭"]) == {"银杭": "yin-hang", "银行": "yin-hang-2"}


def test_prefetched_slugs_are_the_ones_worked_out_in_place() -> None:
    out = run_python(
        """
        import sys
        from ssg import slugs
        names = [("中国银行", 48), ("市长信箱", 48), ("城乡建设、环境保护", 200), ("", 48)]
        with slugs.Prefetch() as early:
            early.ask(names)()
        fetched = [slugs.pinyin_slug(n, k) for n, k in names]
        print("pypinyin" in sys.modules, fetched)
        """
    )
    here = [pinyin_slug(n, k) for n, k in
            [("中国银行", 48), ("市长信箱", 48), ("城乡建设、环境保护", 200), ("", 48)]]  # fmt: skip
    assert out == f"False {here}"


def test_a_build_does_not_load_the_phrase_dictionary(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    out = run_python(
        f"""
        import sys
        from ssg.cli import main
        code = main(["build", "--source", {str(tmp_path)!r}, "--date", "2026-11-20", "--quiet"])
        print(code, "pypinyin" in sys.modules)
        """
    )
    assert out.splitlines()[-1] == "0 False"
    # … and its policy library has its pages by topic and by issuer all the same.
    public = tmp_path / "public"
    assert list(public.rglob("by-topic/*/index.html")) and list(
        public.rglob("by-issuer/*/index.html")
    )


def test_a_prefetch_started_early_answers_later_and_leaves_no_process() -> None:
    """The build starts the process before it parses (so pypinyin loads meanwhile), asks
    once it knows the names, and ends it whether it asked or not."""
    out = run_python(
        """
        import os, sys, time
        from ssg import slugs
        with slugs.Prefetch() as early:
            time.sleep(0.2)  # (the build parses)
            early.ask([("中国银行", 48)])()
        with slugs.Prefetch():
            pass  # (a build that stopped before it knew the names)
        try:
            os.waitpid(-1, os.WNOHANG)
            left = "a child is left"
        except ChildProcessError:
            left = "no child"
        print("pypinyin" in sys.modules, slugs.pinyin_slug("中国银行"), left)
        """
    )
    assert out == "False zhong-guo-yin-hang no child"


def test_a_prefetch_process_that_died_leaves_the_slugs_to_this_one() -> None:
    out = run_python(
        """
        import os, signal, sys
        from ssg import slugs
        with slugs.Prefetch() as early:
            os.kill(early._pid, signal.SIGKILL)
            early.ask([("中国银行", 48)])()
        print(slugs.pinyin_slug("中国银行"))
        """
    )
    assert out == "zhong-guo-yin-hang"  # (worked out in place, pypinyin loaded here)


def test_a_process_forked_before_the_request_does_not_hold_up_the_answer() -> None:
    """The build forks its parse cache writer after the slug process and before it asks: the
    writer's copy of the request pipe must not keep the answer waiting for it to end."""
    out = run_python(
        """
        import os, time
        from ssg import slugs
        with slugs.Prefetch() as early:
            writer = os.fork()
            if writer == 0:
                time.sleep(3)
                os._exit(0)
            start = time.perf_counter()
            early.ask([("市长信箱", 48)])()
            waited = time.perf_counter() - start
        os.waitpid(writer, 0)
        print(waited < 2.5, slugs.pinyin_slug("市长信箱"))
        """
    )
    assert out == "True shi-zhang-xin-xiang"


# --- the place names of 吉林 (new_slug, for the files `ssg new` names) ----------------------

# Every county-level name of 吉林 (and the ones the brief of this fix listed), as its URL
# should read: the official romanisation, in pinyin_slug's form.
JILIN_PLACES = {
    "长春": "chang-chun",
    "长岭": "chang-ling",
    "长白": "chang-bai",
    "长白山": "chang-bai-shan",
    "长白朝鲜族自治县": "chang-bai-chao-xian-zu-zi-zhi-xian",
    "朝阳": "chao-yang",
    "朝阳区": "chao-yang-qu",
    "珲春": "hun-chun",
    "大安": "da-an",
    "乾安": "qian-an",
    "蛟河": "jiao-he",
    "桦甸": "hua-dian",
    "舒兰": "shu-lan",
    "磐石": "pan-shi",
    "梅河口": "mei-he-kou",
    "柳河": "liu-he",
    "辉南": "hui-nan",
    "集安": "ji-an",
    "临江": "lin-jiang",
    "抚松": "fu-song",
    "靖宇": "jing-yu",
    "和龙": "he-long",
    "龙井": "long-jing",
    "图们": "tu-men",
    "敦化": "dun-hua",
    "汪清": "wang-qing",
    "安图": "an-tu",
    "延吉": "yan-ji",
    "洮南": "tao-nan",
    "洮北": "tao-bei",
    "镇赉": "zhen-lai",
    "通榆": "tong-yu",
    "扶余": "fu-yu",
    "宁江": "ning-jiang",
    "前郭尔罗斯蒙古族自治县": "qian-guo-er-luo-si-meng-gu-zu-zi-zhi-xian",
    "双辽": "shuang-liao",
    "梨树": "li-shu",
    "伊通满族自治县": "yi-tong-man-zu-zi-zhi-xian",
    "东丰": "dong-feng",
    "东辽": "dong-liao",
    "农安": "nong-an",
    "德惠": "de-hui",
    "榆树": "yu-shu",
    "公主岭": "gong-zhu-ling",
    "九台": "jiu-tai",
    "双阳": "shuang-yang",
    "南关": "nan-guan",
    "宽城": "kuan-cheng",
    "二道": "er-dao",
    "船营": "chuan-ying",
    "龙潭": "long-tan",
    "昌邑": "chang-yi",
    "丰满": "feng-man",
    "永吉": "yong-ji",
    "浑江": "hun-jiang",
    "江源": "jiang-yuan",
    "东昌": "dong-chang",
    "二道江": "er-dao-jiang",
    "西安区": "xi-an-qu",
    "龙山": "long-shan",
    "铁西": "tie-xi",
    "铁东": "tie-dong",
}


def test_new_slugs_read_the_place_names_of_jilin_as_places() -> None:
    assert {name: new_slug(name) for name in JILIN_PLACES} == JILIN_PLACES


def test_a_place_name_wins_over_a_phrase_that_takes_its_first_character() -> None:
    """pypinyin's 省长, 市长, 年长 … take the 长 of the name after them; a place name read
    inside a title or an issuer's name keeps its reading."""
    assert new_slug("吉林省长春市") == "ji-lin-sheng-chang-chun-shi"
    assert new_slug("吉林省长白山保护开发区") == "ji-lin-sheng-chang-bai-shan-bao-hu-kai-fa-qu"
    assert new_slug("松原市长岭县人民政府") == "song-yuan-shi-chang-ling-xian-ren-min-zheng-fu"
    assert new_slug("白山市长白朝鲜族自治县") == "bai-shan-shi-chang-bai-chao-xian-zu-zi-zhi-xian"
    assert new_slug("抚松县长白山") == "fu-song-xian-chang-bai-shan"
    assert new_slug("2026年长春市政府工作报告") == "2026-nian-chang-chun-shi-zheng-fu-gong-zuo-bao"
    assert new_slug("延边朝鲜族自治州珲春市") == "yan-bian-chao-xian-zu-zi-zhi-zhou-hun-chun-shi"
    assert new_slug("辉南县朝阳镇") == "hui-nan-xian-chao-yang-zhen"
    assert new_slug("关于长岭县春耕的通知") == "guan-yu-chang-ling-xian-chun-geng-de-tong-zhi"


def test_a_place_name_that_is_none_there_keeps_pypinyins_reading() -> None:
    # 春节 starts inside 长春 and runs on: the 市长's Spring Festival, not 长春.
    assert new_slug("市长春节慰问") == "shi-zhang-chun-jie-wei-wen"
    assert new_slug("长春市长春节慰问") == "chang-chun-shi-zhang-chun-jie-wei-wen"
    assert new_slug("培育朝阳产业") == "pei-yu-zhao-yang-chan-ye"  # (the morning sun)
    assert new_slug("长春市长") == "chang-chun-shi-zhang"
    # A 市长, 县长 or 局长 before a word that begins with the place name's second character:
    # no place there unless an administrative word follows it (found by this session's review).
    assert new_slug("副市长春耕生产调研") == "fu-shi-zhang-chun-geng-sheng-chan-diao-yan"
    assert new_slug("县长春季防火检查") == "xian-zhang-chun-ji-fang-huo-jian-cha"
    assert new_slug("副县长白城对接") == "fu-xian-zhang-bai-cheng-dui-jie"
    assert new_slug("局长春天") == "ju-zhang-chun-tian"
    assert new_slug("吉林省长春") == "ji-lin-sheng-chang-chun"  # (ends the text: the city)
    # Cut at a syllable within the limit, as pinyin_slug.
    assert new_slug("长岭县人民政府", limit=15) == "chang-ling-xian"


def test_titles_without_a_place_name_get_pinyin_slugs_own() -> None:
    for title in (
        "市政府召开常务会议",
        "中国银行",
        "市长信箱",
        "关于印发2026年工作要点的通知",
        "abc",
    ):
        assert new_slug(title) == pinyin_slug(title)


def test_each_place_reading_is_a_reading_pypinyin_knows_for_each_character() -> None:
    """A typo in the table (chnag) or a syllable too many would name files wrongly for good."""
    from pypinyin import Style, pinyin

    for name, reading in PLACE_READINGS.items():
        syllables = reading.split()
        assert len(syllables) == len(name), name
        for char, syllable in zip(name, syllables, strict=True):
            known = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
            assert syllable in known, (name, char, syllable, known)


def test_pinyin_slug_keeps_its_readings_whatever_new_slug_did_in_the_process() -> None:
    """pinyin_slug gives the URLs earlier versions published for the policy library
    (by-issuer/zhang-ling-…/), which redirect to the new ones: it must go on reading them as
    those did, so the table is never loaded into pypinyin itself."""
    out = run_python(
        """
        from ssg import slugs
        print(slugs.new_slug("长岭县人民政府"), slugs.pinyin_slug("长岭县人民政府"))
        """
    )
    assert out == "chang-ling-xian-ren-min-zheng-fu zhang-ling-xian-ren-min-zheng-fu"


def test_a_published_issuer_url_keeps_working(tmp_path: Path) -> None:
    """A site whose policies 长岭县人民政府 issued published by-issuer/zhang-ling-…/ before
    the library read place names: its page is now chang-ling-…/, and the published URL
    redirects there (ARCHITECTURE §1.3: a page keeps its URL)."""
    make_site(tmp_path, {})
    policy = tmp_path / "content/zcwj/base.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(re.sub(r"(?m)^issuer: .*$", "issuer: 长岭县人民政府", text), "utf-8")
    code, _out, err = cli("build", "--source", str(tmp_path), "--date", "2026-11-20")
    assert code == 0, err
    issuer = tmp_path / "public/zcwj/by-issuer"
    assert "长岭县人民政府" in (issuer / "chang-ling-xian-ren-min-zheng-fu/index.html").read_text()
    old = (issuer / "zhang-ling-xian-ren-min-zheng-fu/index.html").read_text(encoding="utf-8")
    assert 'url=/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/"' in old


def test_place_slugs_are_prefetched_as_worked_out_in_place() -> None:
    """The library's place-read slugs come from the prefetch process too: the build does
    not load pypinyin for them, and they are new_slug's."""
    names = [("长岭县人民政府", 48), ("松原市长岭县", 48), ("市长春节慰问", 48), ("珲春市", 8)]
    out = run_python(
        f"""
        import sys
        from ssg import slugs
        names = {names!r}
        with slugs.Prefetch() as early:
            early.ask([], readings=names)()
        fetched = [slugs.new_slug(n, k) for n, k in names]
        print("pypinyin" in sys.modules, fetched)
        """
    )
    assert out == f"False {[new_slug(n, k) for n, k in names]}"


def test_a_build_with_a_place_name_does_not_load_the_phrase_dictionary(tmp_path: Path) -> None:
    make_site(tmp_path, {})
    policy = tmp_path / "content/zcwj/base.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(re.sub(r"(?m)^issuer: .*$", "issuer: 长岭县人民政府", text), "utf-8")
    out = run_python(
        f"""
        import sys
        from ssg.cli import main
        code = main(["build", "--source", {str(tmp_path)!r}, "--date", "2026-11-20", "--quiet"])
        print(code, "pypinyin" in sys.modules)
        """
    )
    assert out.splitlines()[-1] == "0 False"
    assert (
        tmp_path / "public/zcwj/by-issuer/chang-ling-xian-ren-min-zheng-fu/index.html"
    ).is_file()


def test_the_slugs_process_starts_before_the_build_engine_is_imported(tmp_path: Path) -> None:
    """`ssg build` and `ssg check` fork the slugs' process before they import the build
    engine (ssg/build_start.py): pypinyin loads on the core that waits while this process
    imports, not later while it parses, and the process carries none of the engine."""
    make_site(tmp_path, {})
    for command in ("build", "check"):
        out = run_python(
            f"""
            import sys
            from ssg import slugs
            started = slugs.Prefetch.__init__
            loaded = []
            def noting(self, *args, **kwargs):
                loaded.append(sorted(m for m in ("jinja2", "ssg.build") if m in sys.modules))
                started(self, *args, **kwargs)
            slugs.Prefetch.__init__ = noting
            from ssg.cli import main
            code = main([{command!r}, "--source", {str(tmp_path)!r}, "--date", "2026-11-20"])
            print(code, loaded)
            """
        )
        assert out.splitlines()[-1] == "0 [[]]", command
    assert (tmp_path / "public/index.html").is_file()


# --- the slugs a build keeps (ssg/slug_cache.py) ------------------------------------------

# A build in a process of its own that says whether a slugs' process was forked (it marks a
# file from there) and whether pypinyin was loaded here.
_NOTED_BUILD = """
    import sys
    from pathlib import Path
    from ssg import slugs
    serve = slugs._serve
    def noting(*args):
        Path({marker!r}).touch()
        serve(*args)
    slugs._serve = noting
    from ssg.cli import main
    code = main(["build", "--source", {root!r}, "--date", "2026-11-20", "--quiet"])
    print(code, Path({marker!r}).exists(), "pypinyin" in sys.modules)
"""


def noted_build(root: Path, marker: Path) -> str:
    marker.unlink(missing_ok=True)
    return run_python(_NOTED_BUILD.format(root=str(root), marker=str(marker)))


def test_a_build_after_one_that_kept_its_slugs_loads_no_pypinyin(tmp_path: Path) -> None:
    """The slugs' process, 80 MiB beside the preview's first build (more than Hugo's whole
    build at 1k items), is not started when the last build's slugs are all there is to know;
    the pages are those of the cold build."""
    site = make_site(tmp_path / "site", {})
    marker = tmp_path / "forked"
    assert noted_build(site, marker).splitlines()[-1] == "0 True False"
    cold = {p.relative_to(site / "public"): p.read_bytes()
            for p in (site / "public").rglob("*.html")}  # fmt: skip
    assert list(cold) and any("by-issuer" in str(p) for p in cold)
    (site / "public").rename(tmp_path / "cold")  # (not a replay: the output is gone)
    assert noted_build(site, marker).splitlines()[-1] == "0 False False"
    again = {p.relative_to(site / "public"): p.read_bytes()
             for p in (site / "public").rglob("*.html")}  # fmt: skip
    assert again == cold


def test_a_new_name_after_the_kept_slugs_forks_for_it(tmp_path: Path) -> None:
    """A name the last build did not have: the process is forked once the names are known,
    and its slug is the one worked out in place."""
    site = make_site(tmp_path / "site", {})
    marker = tmp_path / "forked"
    assert noted_build(site, marker).splitlines()[-1] == "0 True False"
    policy = site / "content/zcwj/base.md"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(re.sub(r"(?m)^issuer: .*$", "issuer: 中国银行", text), "utf-8")
    assert noted_build(site, marker).splitlines()[-1] == "0 True False"
    page = site / f"public/zcwj/by-issuer/{pinyin_slug('中国银行')}/index.html"
    assert page.is_file() and pinyin_slug("中国银行") == "zhong-guo-yin-hang"


def test_kept_slugs_of_other_code_are_not_read(tmp_path: Path) -> None:
    """The file is named by the slugs' code and pypinyin: another's is no record."""
    site = make_site(tmp_path / "site", {})
    assert run_python(f"""
        from pathlib import Path
        from ssg import slug_cache, slugs
        root = Path({str(site)!r})
        slugs.learn_slugs({{("银行", 48, False): "yin-hang"}})
        slug_cache.save(root)
        kept = slug_cache._path(root)
        kept.rename(kept.with_name("slugs-0000000000000000.pickle"))
        print(slug_cache.load(root))
        """) == "None"  # fmt: skip


def test_a_build_whose_slugs_cannot_be_kept_goes_through(tmp_path: Path) -> None:
    """Keeping them is only for the next build: a file that cannot be written there (here a
    folder in its place) is no failure of this one, whose output is in place already."""
    site = make_site(tmp_path / "site", {})
    assert cli("build", "--source", str(site), "--date", "2026-11-20", "--quiet")[0] == 0
    [kept] = (site / ".ssg-cache").glob("slugs-*.pickle")
    kept.unlink()
    kept.mkdir()
    (site / "public").rename(tmp_path / "first")  # (not a replay: the output is gone)
    code, _out, err = cli("build", "--source", str(site), "--date", "2026-11-20", "--quiet")
    assert code == 0, err
    assert (site / "public/index.html").is_file() and kept.is_dir()

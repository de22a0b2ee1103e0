"""Pinyin slugs (ssg/slugs.py): worked out in a forked process, so that a build never loads
pypinyin's 40 MB phrase dictionary itself, and the same as worked out in place."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from ssg.slugs import pinyin_slug, unique_slugs
from tests.sitekit import make_site


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

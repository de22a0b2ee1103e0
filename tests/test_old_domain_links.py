"""Links written in full to an old domain of a domain change (data/lifecycle.yaml), in a real
repository of two sites checked by the real CLI, before the change's date and on it.

The old domain is the site's address until that date and redirects path for path to the new
one from it (RULES NOTICE-04): either way a link there is a link into the site. SEC-06 across
sites already judged a sibling's old domain by the sibling's content; the site's own old
domain is judged by its own output in the same way, and ID-04 (IP addresses for a domain)
has nothing to say about either."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cross_site import repository
from tests.test_sites import cli

OLD = "www.ceshi-old.gov.cn"
CHANGE = "2026-11-25"
LINKS = "content/dt/lianjie.md"
HEAD = "---\ntitle: 链接\ndate: 2026-11-18\nsource: 办公室\nreviewed_by: 审核人\n---\n"


def portal_changing_domain(root: Path, old: str = OLD, date: str = CHANGE) -> Path:
    repo = repository(root)
    (repo / "www/data/lifecycle.yaml").write_text(
        f"- event: domain_change\n  date: {date}\n  old_domain: {old}\n", encoding="utf-8"
    )
    return repo


def findings(repo: Path, date: str, code: str) -> list[str]:
    status, _, err = cli("check", "--all", "--source", str(repo), "--date", date)
    assert status == 0, err  # (deduct and advice: reported, nothing blocks)
    return [line for line in err.splitlines() if f"[{code}]" in line]


@pytest.mark.parametrize("date", ["2026-11-24", CHANGE])
def test_a_link_to_the_sites_own_old_domain_is_judged_by_its_output(
    tmp_path: Path, date: str
) -> None:
    repo = portal_changing_domain(tmp_path)
    (repo / "www" / LINKS).write_text(
        HEAD + f"见[会议](https://{OLD}/dt/huiyi.html)。\n\n"
        f"旧链接：[已删除](https://{OLD}/dt/yishanchu.html)。\n",
        encoding="utf-8",
    )
    found = [x for x in findings(repo, date, "SEC-06") if x.startswith("www/")]
    assert len(found) == 1, found
    assert found[0].startswith(f"www/{LINKS}:9: deduct [SEC-06]"), found
    assert f"https://{OLD}/dt/yishanchu.html" in found[0]


def test_an_old_domain_handed_on_to_a_sibling_is_not_the_sites_own(tmp_path: Path) -> None:
    """The portal once answered on fgw.ceshi.gov.cn, the department's domain now: its link
    there is to the department's page, not a dead link into the portal's own output."""
    repo = portal_changing_domain(tmp_path, old="fgw.ceshi.gov.cn", date="2020-01-01")
    (repo / "www" / LINKS).write_text(
        HEAD + "见[解读](https://fgw.ceshi.gov.cn/zcjd/jd200.html)。\n", encoding="utf-8"
    )
    assert [x for x in findings(repo, CHANGE, "SEC-06") if x.startswith("www/")] == []


@pytest.mark.parametrize("date", ["2026-11-24", CHANGE])
def test_id_04_leaves_a_siblings_old_domain_to_sec_06(tmp_path: Path, date: str) -> None:
    """ID-04 asks for a domain instead of an IP address: a link to the portal's old domain is
    a link to a domain of the platform (SEC-06 judges it), not an ID-04 finding; the IP
    address beside it is."""
    repo = portal_changing_domain(tmp_path)
    (repo / "bumen/fgw" / LINKS).write_text(
        HEAD + f"见[市政府文件](https://{OLD}/zcwj/p200.html)、"
        "[新域名](https://www.ceshi.gov.cn/zcwj/p200.html)和[内网](http://10.1.2.3/a)。\n",
        encoding="utf-8",
    )
    id_04 = findings(repo, date, "ID-04")
    assert [x.split(" (")[0] for x in id_04] == [
        f"bumen/fgw/{LINKS}:7: advice [ID-04] 页面 dt/lianjie.html 链接到 IP 地址 10.1.2.3，应使用域名"
    ], id_04
    assert [x for x in findings(repo, date, "SEC-06") if x.startswith("bumen/")] == []

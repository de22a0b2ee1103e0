"""The deploy folder beside the output, never in it (`<out>-deploy/`, like `<out>-lifecycle/`):

    nginx.conf       the server configuration (ssg/deploy/nginx.py), only with data/deploy.yaml
    default-server.conf  the server answering requests for no site (by IP address, an unknown
                     Host): one per nginx, so a file of its own; the same for every site of
                     a platform (but where data/deploy.yaml turns IPv6 off)
    manifest.sha256  every published file's SHA-256 (RULES SEC-07), `sha256sum -c` format
    urls.txt         every published page's URL, sorted (RULES NOTICE-05: the next revamp's
                     build is given it as `previous_urls` and names the URLs that vanished)
    redirects.tsv    the 301s nginx.conf makes of exact paths (aliases, a migration's mapping):
                     `<decoded path>\t<target as in nginx.conf>`, sorted; `ssg verify` over
                     HTTP(S) expects them where the manifest lists the alias page's file.
                     An alias with a query string, which has no file, is a line too:
                     `<decoded path>?<query as a browser sends it>\t<target>`; `ssg verify`
                     requests it so and expects its 301 (grep finds it as it was written)

Written after the swap, from the output as published, only by a build that writes output
and only when data/deploy.yaml exists; without it a folder an earlier build wrote goes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

from ssg.cache import CACHE_DIR
from ssg.deploy.config import DeployConfig
from ssg.deploy.config import deploy_dir as deploy_dir  # (defined there; imported from here too)
from ssg.deploy.manifest import HashCache, OutputFile, manifest_text, scan_output
from ssg.deploy.names import handed_on, server_name
from ssg.deploy.nginx import (
    Listen,
    NginxSite,
    Redirect,
    content_security_policy,
    query_redirects,
    redirects,
    render,
    render_default_server,
)
from ssg.derive.lifecycle_pages import new_url, page_url
from ssg.derive.notices import notices_by_event
from ssg.lifecycle import DOMAIN_CHANGE, Lifecycle
from ssg.link import Site, href
from ssg.write import write_side_folder

NGINX_FILE = "nginx.conf"
DEFAULT_SERVER_FILE = "default-server.conf"
MANIFEST_FILE = "manifest.sha256"
URLS_FILE = "urls.txt"


def hash_cache(root: Path, out: Path) -> HashCache:
    """One record per output folder (public/ and the preview hold different builds)."""
    where = hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()
    return HashCache(root / CACHE_DIR / f"deploy-{where}.pickle")


def urls_text(base_url: str, files: list[OutputFile], aliases: Iterable[str] = ()) -> str:
    """Every HTML page of the output and every alias (old URLs that must keep working, an
    old /a.jsp too: its redirect page is a file of that name) as a full URL,
    percent-encoded, one a line, sorted."""
    pages = {f.rel for f in files if f.rel.endswith(".html")} | set(aliases)
    urls = sorted(base_url + href(page_url(rel)) for rel in pages)
    return "".join(f"{url}\n" for url in urls)


def redirects_text(found: Iterable[Redirect]) -> str:
    """The redirects nginx.conf answers with, one `path<TAB>target` a line. Neither holds a
    tab nor a line break: nginx.redirects() leaves out paths and targets with control
    characters."""
    return "".join(f"{r.path}\t{r.target}\n" for r in sorted(found, key=lambda r: r.path))


def moved_paths(
    site: Site, lifecycle: Lifecycle, today: dt.date, files: list[OutputFile]
) -> list[tuple[str, str]]:
    """A migration in force: (decoded path, new URL) for each mapped page, as the migration
    pages say (ssg/derive/lifecycle_pages.py: a column's further pages go where it went).
    Not the home page nor the notice itself: they must stay readable on the old site for 30
    days (RULES NOTICE-02, 吉林办法 第十五条（一）“在拟下线网站首页显著位置悬挂迁移公告”)."""
    event = lifecycle.migration(today)
    if event is None:
        return []
    mapped = {row.old: row.new for row in event.mapping}
    notice_id = notices_by_event(site, lifecycle).get(event.index)
    keep = {"/", "/index.html", site.urls[notice_id] if notice_id else ""}
    found: dict[str, str] = {}
    for path, url in mapped.items():
        variants = (path, path + "index.html", path.rstrip("/")) if path.endswith("/") else (path,)
        for variant in variants:
            if variant and variant not in keep:
                found.setdefault(variant, url)
    for file in files:
        if file.rel.endswith(".html"):
            path = "/" + file.rel
            target = new_url(mapped, page_url(file.rel))
            if target and path not in keep and page_url(file.rel) not in keep:
                found.setdefault(path, target)
    return sorted(found.items())


def nginx_site(
    site: Site,
    deploy: DeployConfig,
    lifecycle: Lifecycle,
    files: list[OutputFile],
    listen: Listen | None = None,
) -> NginxSite:
    """The generator's input for this build's output."""
    config = site.config
    # (as browsers send them: lower case, no trailing dot, IDNA; a build whose names are no
    # host names is blocked before this, DEPLOY-05)
    domain = server_name(config.domain) or config.domain.lower()
    names = [domain]
    if config.chinese_domain and server_name(config.chinese_domain):
        names.append(server_name(config.chinese_domain))
    # (an old domain another site of the repository is served under now is that site's)
    taken = {
        e.index for e, _folder in handed_on(lifecycle, site.cross.served if site.cross else {})
    }
    changes = [
        e
        for e in lifecycle.of(DOMAIN_CHANGE)
        if e.old_domain and e.old_domain not in names and e.index not in taken
    ]
    # (a domain change redirects from its date on, when the other sites' links move too)
    old = sorted({e.old_domain for e in changes if e.in_effect(site.build_date)})
    pending: dict[str, str] = {}
    for event in sorted(changes, key=lambda e: e.start):
        if event.old_domain not in old:
            pending.setdefault(event.old_domain, event.start.isoformat())
    moved = moved_paths(site, lifecycle, site.build_date, files)
    found, skipped = redirects(site.aliases, moved)
    queries, found, unmatched = query_redirects(
        ((q.path, q.args, q.target) for q in site.query_aliases.values()),
        found,
        {f.rel for f in files},
    )
    extensions = {
        f.rel.rsplit("/", 1)[-1].rpartition(".")[2].lower()
        for f in files
        if "." in f.rel.rsplit("/", 1)[-1]
    }
    scripts = {s for f in files for s in f.scripts}
    csp = content_security_policy(
        scripts,
        conac=bool(config.conac.get("script")),
        jiucuo=config.jiucuo,
        search_server=config.search.get("server", "") if config.search else "",
        allowed_hosts=config.allowed_hosts,
    )
    return NginxSite(
        domain=domain,
        names=tuple(names),
        root=deploy.root,
        acme_root=deploy.acme_root,
        certificate=deploy.certificate,
        certificate_key=deploy.certificate_key,
        ipv6=deploy.ipv6,
        listen=listen or Listen(),
        redirects=found,
        query_redirects=queries,
        old_domains=tuple(old),
        pending_domains=tuple(sorted(pending.items())),
        extensions=tuple(sorted(extensions)),
        csp=csp,
        skipped=(*skipped, *unmatched),
        build_date=site.build_date.isoformat(),
    )


def deploy_files(
    out: Path,
    root: Path,
    site: Site,
    lifecycle: Lifecycle,
    deploy: DeployConfig,
    listen: Listen | None = None,
) -> dict[str, str]:
    """The deploy folder's files for the output published at `out`."""
    # (ssg verify reads it back. Imported here: ssg.monitor.verify brings its fetcher's thread
    # pool and logging, which a build without data/deploy.yaml never needs, into every build's
    # serial start)
    from ssg.monitor.verify import REDIRECTS_FILE

    cache = hash_cache(root, out)
    files = scan_output(out, cache)
    cache.save()
    server = nginx_site(site, deploy, lifecycle, files, listen)
    return {
        NGINX_FILE: render(server),
        DEFAULT_SERVER_FILE: render_default_server(server.listen, server.ipv6),
        MANIFEST_FILE: manifest_text(files),
        # (the domain the pages are served on that day: the old one until a domain change,
        # RULES NOTICE-04; NOTICE-05 takes either in `previous_urls`)
        URLS_FILE: urls_text(site.base_url, files, site.aliases),
        # (a path's own redirect answers too when its queries are not one of the aliases')
        REDIRECTS_FILE: redirects_text(
            [
                *server.redirects,
                *(Redirect(q.path, q.otherwise, "") for q in server.query_redirects if q.otherwise),
                *(
                    Redirect(f"{q.path}?{args}", target, "")
                    for q in server.query_redirects
                    for args, target in q.cases
                ),
            ]
        ),
    }


def write_deploy_files(
    out: Path, root: Path, site: Site, lifecycle: Lifecycle, deploy: DeployConfig | None
) -> int:
    """Write `<out>-deploy/` whole, swapped into place like the output; without
    data/deploy.yaml, take away the one an earlier build wrote (ours only: its marker)."""
    files = {} if deploy is None else deploy_files(out, root, site, lifecycle, deploy)
    return write_side_folder(deploy_dir(out), files)

"""WCAG 2.1 AA in a real browser: axe-core on the pages of the built sample portal, in the
default, larger-text and high-contrast states, at 320 and 1280 px; reflow at 320 px;
screenshots of every page type for review (tests/browser/screenshots/, not committed);
every keyboard focus stop of every page type, visible and readable while focused.

axe runs with the tags wcag2a, wcag2aa, wcag21a, wcag21aa, no rule disabled and no element
excluded, and must report zero violations.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from tests.browser.site_pages import SitePages

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (320, 1280)
# The states a reader can choose in the toolbar; "larger-text" is its largest step.
STATES: dict[str, dict[str, object]] = {
    "default": {},
    "larger-text": {"text": 3},
    "high-contrast": {"contrast": True},
}
# The class each state puts on <html> (checked, so that a state that failed to apply shows).
STATE_CLASS = {"default": "", "larger-text": "a11y-text-3", "high-contrast": "a11y-contrast"}

# Violations, plus one kind of "incomplete": axe files text whose colour equals its
# background ("a 1:1 contrast ratio", i.e. invisible text) there rather than under violations,
# and we want that caught. Other incomplete contrast checks (cells scrolled out of a table's
# box, one-character content) are axe being unsure, not a failure.
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations", "incomplete"]});
  const invisible = result.incomplete.filter(r => r.id === "color-contrast").map(r => ({...r,
    nodes: r.nodes.filter(n => n.any.some(c => /contrast ratio/.test(c.message || "")))}))
    .filter(r => r.nodes.length);
  return result.violations.concat(invisible).map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary)}));
}"""

SET_STATE = """(prefs) => {
  window.ssgA11y.reset();
  for (const name of Object.keys(prefs)) window.ssgA11y.set(name, prefs[name]);
}"""

# Horizontal scroll: the document wider than the viewport. Any overflow fails; the culprits
# listed are the elements sticking out (inside a table's own scroll box too: an absolutely
# placed child there once widened the page although the table itself scrolled).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scroll = document.documentElement.scrollWidth;
  if (scroll <= width) return [];
  const out = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .filter(e => !e.closest(".table-wrap") || getComputedStyle(e).position === "absolute")
    .slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right));
  return out.length ? out : ["document scrollWidth " + scroll + " > " + width];
}"""


def test_axe_reports_zero_violations_and_nothing_scrolls_sideways(
    browser: Any, base_url: str, site_pages: SitePages, axe_source: str, screenshots: Path
) -> None:
    audit = site_pages.audit_set()
    shots = {url: kind for kind, url in site_pages.representatives().items()}
    assert {"home", "column", "sitemap", "404", "search"} <= set(audit.values())
    counts: dict[str, dict[str, int]] = {}
    violations: list[str] = []
    overflow: list[str] = []
    started = time.perf_counter()
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.add_init_script(axe_source)
        page = context.new_page()
        for url, kind in audit.items():
            page.goto(base_url + url)  # in the default state: the last page reset it
            if url in shots:
                page.screenshot(path=str(screenshots / f"{shots[url]}-{width}.png"), full_page=True)
            if width == 320:  # the folded toolbar, opened: its tools are checked too
                page.click(".a11y-open")
            for state, prefs in STATES.items():
                page.evaluate(SET_STATE, prefs)
                classes = page.evaluate("document.documentElement.className").split()
                assert not STATE_CLASS[state] or STATE_CLASS[state] in classes, (url, state)
                key = f"{kind} / {state} / {width}px"
                found = page.evaluate(AXE_RUN, AXE_TAGS)
                counts.setdefault(key, {"pages": 0, "violations": 0})
                counts[key]["pages"] += 1
                counts[key]["violations"] += len(found)
                violations += [
                    f"{url} [{state}, {width}px] {v['id']}: {v['help']} {v['nodes']}" for v in found
                ]
                if width == 320:
                    wide = page.evaluate(OVERFLOW)
                    if wide:
                        overflow.append(f"{url} [{state}]: {wide}")
            page.evaluate(SET_STATE, {})
        context.close()
    summary = {
        "seconds": round(time.perf_counter() - started, 1),
        "pages": len(audit),
        "counts": counts,
    }
    (screenshots / "axe-summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    assert not violations, "\n".join(violations[:40])
    assert not overflow, "\n".join(overflow)


# The element that has the keyboard focus: whether it shows a focus indicator, and the lowest
# contrast of any text inside it against the ground that text is painted on. axe checks
# contrast only in the state a page loads in, so light text on the focus colour went unseen.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ground = (n) => {
    for (; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || c[3] > 0.5) return c;
    }
    return [255, 255, 255];
  };
  let worst = null;
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const parent = t.parentElement;
    if (!t.textContent.trim() || parent.closest(".visually-hidden")) continue;
    const [a, b] = [lum(rgb(getComputedStyle(parent).color)), lum(ground(parent))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (!worst || ratio < worst.ratio)
      worst = {ratio: Math.round(ratio * 100) / 100, text: t.textContent.trim().slice(0, 20),
               color: getComputedStyle(parent).color, ground: ground(parent).join(",")};
  }
  const s = getComputedStyle(e);
  const r = e.getBoundingClientRect();
  return {key: e.tagName + " " + (e.textContent || e.id).trim().slice(0, 20) + " @" + r.x + "," + r.y,
          indicator: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none",
          worst};
}"""


def test_every_focus_stop_is_visible_and_its_text_readable_while_focused(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    for kind, url in site_pages.representatives().items():
        for state in ("default", "high-contrast"):
            page.goto(base_url + url)
            page.evaluate(SET_STATE, STATES[state])
            first = None
            for _ in range(400):  # Tab through the page until the focus leaves it or wraps
                page.keyboard.press("Tab")
                stop = page.evaluate(FOCUSED)
                if stop is None or stop["key"] == first:
                    break
                first = first or stop["key"]
                where = f"{kind} {url} [{state}] {stop['key']}"
                if not stop["indicator"]:
                    problems.append(f"{where}: no focus indicator")
                if stop["worst"] and stop["worst"]["ratio"] < 4.5:
                    problems.append(f"{where}: text {stop['worst']}")
            else:
                problems.append(f"{kind} {url} [{state}]: Tab never left the page (focus trap?)")
    page.evaluate(SET_STATE, {})
    context.close()
    assert not problems, "\n".join(problems[:40])


# WCAG 1.4.12 text spacing, as its understanding document sets it: a reader's own style sheet.
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: .12em !important;"
    " word-spacing: .16em !important; } p { margin-bottom: 2em !important; }"
)


def test_text_spacing_at_320px_loses_nothing_and_scrolls_nothing_sideways(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    overflow: list[str] = []
    for kind, url in site_pages.representatives().items():
        for state in ("default", "larger-text"):
            page.goto(base_url + url)
            page.evaluate(SET_STATE, STATES[state])
            page.add_style_tag(content=TEXT_SPACING)
            wide = page.evaluate(OVERFLOW)
            if wide:
                overflow.append(f"{kind} {url} [{state}]: {wide}")
    page.evaluate(SET_STATE, {})
    context.close()
    assert not overflow, "\n".join(overflow)


# Printed, every text (generated content such as the step numbers of a service's 办理流程
# included) must read on white paper: browsers leave backgrounds off paper by default, so
# white text on a coloured ground prints as nothing. The reader's high-contrast choice is a
# screen setting and must not print white on white.
PRINTED_LIGHT_TEXT = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const onPaper = (color) => 1.05 / (lum(rgb(color)) + 0.05);
  const found = {};
  const note = (e, what, color) => {
    const ratio = onPaper(color);
    if (ratio >= 4.5) return;
    const key = e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\\s+/).join(".") : "")
      + what + " " + color + " " + Math.round(ratio * 100) / 100 + ":1";
    found[key] = (found[key] || 0) + 1;
  };
  for (const e of document.body.querySelectorAll("*")) {
    if (!e.checkVisibility() || e.closest(".visually-hidden")) continue;
    const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (own) note(e, "", getComputedStyle(e).color);
    for (const pseudo of ["::before", "::after"]) {
      const s = getComputedStyle(e, pseudo);
      if (s.content && !["none", "normal", '""'].includes(s.content) && s.display !== "none")
        note(e, pseudo, s.color);
    }
  }
  return Object.entries(found).map(([k, n]) => k + " x" + n);
}"""


def test_every_page_type_prints_dark_on_white_in_every_state(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    light: list[str] = []
    for kind, url in site_pages.representatives().items():
        for state in ("default", "high-contrast"):
            page.emulate_media(media="screen")
            page.goto(base_url + url)
            page.evaluate(SET_STATE, STATES[state])
            page.emulate_media(media="print")
            found = page.evaluate(PRINTED_LIGHT_TEXT)
            if found:
                light.append(f"{kind} {url} [{state}]: {found}")
    page.emulate_media(media="screen")
    page.evaluate(SET_STATE, {})
    context.close()
    assert not light, "\n".join(light)


# Accessible names of the links in the content area (text, visually hidden text included, or
# aria-label), each with the pages it leads to.
LINK_NAMES = """() => {
  const names = {};
  for (const a of document.querySelectorAll("main a[href]")) {
    if (!a.checkVisibility()) continue;
    const name = (a.getAttribute("aria-label") || a.textContent).replace(/\\s+/g, " ").trim();
    (names[name] = names[name] || new Set()).add(a.href.replace(/#.*/, ""));
  }
  return Object.entries(names).filter(([, to]) => to.size > 1).map(([name, to]) => name + " -> " + [...to].join(" "));
}"""


def test_links_with_the_same_name_lead_to_the_same_page(
    browser: Any, base_url: str, site_pages: SitePages
) -> None:
    """A screen reader's list of links shows names only: "更多", "下载" or "文字解读" must say
    which one (WCAG 2.4.4), here by visually hidden text."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    same: list[str] = []
    for url in site_pages.audit_set():
        page.goto(base_url + url)
        same += [f"{url}: {found}" for found in page.evaluate(LINK_NAMES)]
    context.close()
    assert not same, "\n".join(same)

"""Accessibility of the built site, opened from disk in Debian's Chromium.

- axe-core, from the npm package (node_modules/axe-core, installed by `npm ci`), audits every page
  type against the WCAG 2.1 A/AA rules in the light and the dark palette: no serious or critical
  violation is allowed.
- Keyboard access with a visible focus
  indicator (cite box, copy buttons, glossary tooltips, search), reflow at 200% zoom, and links
  told apart from text by more than colour.

Screenshots of keyboard focus go to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.register_assert_rewrite("browser_support")

from playwright.sync_api import Page, expect  # noqa: E402

from browser_support import browser_context, site_base  # noqa: E402
from conftest import ARTIFACTS, ROOT  # noqa: E402

pytest_plugins = ["browser_support"]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
#: prefers-color-scheme -> the theme's scheme that must follow it
PALETTES = {"light": "default", "dark": "slate"}
DOC = "opinions-2025-08-15"
PART_4 = f"{DOC}/part-4.html"
CITE_BOX = 'details.cite-box[data-anchor="clause-8"]'
QUERY = "城中村"
#: Zoom of a 1280 px wide window: 200% leaves 640 CSS pixels, each drawn with 2 device pixels; 400% leaves
#: 320, the width at which WCAG 1.4.10 (reflow) asks for no sideways scrolling.
ZOOM = {
    "200%": {"viewport": {"width": 640, "height": 480}, "device_scale_factor": 2},
    "400%": {"viewport": {"width": 320, "height": 480}, "device_scale_factor": 4},
}

RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
    .then(result => ({
        passes: result.passes.length,
        violations: result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
        })),
    }))"""

#: Two frames (so that transitions a script has just set off have started), then none running
#: (or 5 s at most: the page would keep moving).
SETTLE = """() => new Promise(done => {
    const end = performance.now() + 5000;
    requestAnimationFrame(() => requestAnimationFrame(function check() {
        const still = document.getAnimations().every(a => a.playState !== "running");
        if (still || performance.now() > end) done(still);
        else requestAnimationFrame(check);
    }));
})"""

#: The focused element's focus indicator: outline (and its contrast with what lies under it) or box-shadow.
FOCUS_RING = """() => {
    const el = document.activeElement;
    const parse = c => {
        const m = /rgba?\\(([^)]+)\\)/.exec(c || "");
        if (!m) return null;
        const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    };
    const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
    const backdrop = node => {
        const layers = [];
        for (let n = node; n; n = n.parentElement) layers.push(parse(getComputedStyle(n).backgroundColor));
        return layers.reverse().reduce((c, l) => (l && l[3] > 0 ? over(l, c) : c), [255, 255, 255, 1]);
    };
    const lum = c => {
        const [r, g, b] = c.slice(0, 3).map(v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
        const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
    };
    const s = getComputedStyle(el);
    const width = parseFloat(s.outlineWidth) || 0;
    const shown = s.outlineStyle !== "none" && (s.outlineStyle === "auto" || width >= 2);
    const color = parse(s.outlineColor);
    const r = el.getBoundingClientRect();
    const d = (parseFloat(s.outlineOffset) || 0) + width / 2;
    const points = [
        [r.left - d, r.top + r.height / 2], [r.right + d, r.top + r.height / 2],
        [r.left + r.width / 2, r.top - d], [r.left + r.width / 2, r.bottom + d],
    ].filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
    let contrast = null;
    if (shown && color && s.outlineStyle !== "auto") {
        for (const [x, y] of points) {
            const under = document.elementsFromPoint(x, y).find(n => n !== el && !el.contains(n));
            if (!under) continue;
            const behind = backdrop(under);
            const c = ratio(over(color, behind), behind);
            contrast = contrast === null ? c : Math.min(contrast, c);
        }
    }
    return {
        element: [el.tagName.toLowerCase(), ...String(el.className).trim().split(/\\s+/)].filter(Boolean).join("."),
        name: (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40),
        focusVisible: el.matches(":focus-visible"),
        outline: shown ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : null,
        contrast: contrast === null ? null : Math.round(contrast * 100) / 100,
        boxShadow: s.boxShadow === "none" ? null : s.boxShadow,
    };
}"""

pytestmark = pytest.mark.browser


# --- helpers ---------------------------------------------------------------------------------------


def axe_report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}  {summary}")
    return "\n".join(lines)


def settle(page: Page) -> None:
    assert page.evaluate(SETTLE), "animations still running after 5 s"


def run_axe(page: Page) -> dict[str, Any]:
    """axe-core from node_modules, injected into the page, once animations have settled."""
    settle(page)
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG21_AA)


def focus_ring(page: Page) -> dict[str, Any]:
    return page.evaluate(FOCUS_RING)


def assert_visible_focus(page: Page, what: str) -> dict[str, Any]:
    settle(page)  # the search box, for one, changes colour as it opens
    ring = focus_ring(page)
    assert ring["focusVisible"], f"{what}: focused without :focus-visible: {ring}"
    assert ring["outline"] or ring["boxShadow"], f"{what}: no focus indicator (outline or box-shadow): {ring}"
    if ring["outline"] and ring["contrast"] is not None:
        assert ring["contrast"] >= 3, f"{what}: the focus outline has contrast {ring['contrast']}:1 (< 3:1): {ring}"
    return ring


def tab_to(page: Page, selector: str, limit: int = 250) -> int:
    """Presses Tab until the focused element matches selector; returns the number of presses."""
    seen = []
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
        seen.append(page.evaluate("document.activeElement.tagName + '.' + document.activeElement.className"))
    pytest.fail(f"{selector} not reached with {limit} presses of Tab; focus went through {seen[:40]} …")


def search_box(page: Page):
    """The header search box; on a narrow screen the search icon opens it first."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator('label.md-header__button[for="__search"]').click()
    return box


def open_search(page: Page) -> None:
    box = search_box(page)
    box.fill(QUERY)
    box.press("End")  # the theme reads the query on keyup
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def show_tooltip(page: Page, scope: str = ".md-content") -> None:
    page.locator(f"{scope} a.term").first.hover()
    expect(page.locator(".term-tooltip")).to_be_visible()


def open_cite_box_and_tooltip(page: Page) -> None:
    box = page.locator(CITE_BOX)
    box.locator("summary").click()
    expect(box.locator("button.cite-copy").first).to_be_visible()
    show_tooltip(page, "#clause-8-p1")


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does)")
    return AXE


@pytest.fixture(scope="module")
def news_page(built_site: Path) -> str:
    pages = [  # not a page left at an old address, which redirects
        page for page in sorted(built_site.glob("news-*/index.html")) if "moved-fallback" not in page.read_text("utf-8")
    ]
    assert pages, "no news report in the built site"
    return pages[0].relative_to(built_site).as_posix()


def views(news: str) -> dict[str, tuple[str, Any]]:
    """Every page type, and what to do on it before the audit."""
    return {
        "home": ("index.html", None),
        "library": ("library.html", None),
        "part": (PART_4, open_cite_box_and_tooltip),
        "news": (news, show_tooltip),
        "glossary": ("glossary.html", None),
        "full": (f"{DOC}/full.html", None),
        "search": ("index.html", open_search),
    }


VIEWS = ["home", "library", "part", "news", "glossary", "full", "search"]


# --- axe-core --------------------------------------------------------------------------------------


@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("view", VIEWS)
def test_axe_wcag21_aa(browser, built_site, news_page, axe_script, view, palette):
    base = site_base(built_site)
    path, action = views(news_page)[view]
    with browser_context(browser, base, color_scheme=palette) as (context, log):
        page = context.new_page()
        page.goto(base + path)
        scheme = page.evaluate("document.body.dataset.mdColorScheme")
        assert scheme == PALETTES[palette], f"prefers-color-scheme: {palette} shows the {scheme} palette"
        if action:
            action(page)
        result = run_axe(page)
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    print(
        f"axe {view}/{palette}: {len(result['violations'])} violations, {len(blocking)} serious or critical, "
        f"{result['passes']} rules passed"
    )
    if result["violations"]:
        print(axe_report(result["violations"]))
    assert result["passes"] > 10, "axe-core checked almost nothing: was it injected?"
    assert not blocking, f"{view} ({palette}): serious or critical violations:\n{axe_report(blocking)}"
    log.assert_inside()


# --- keyboard --------------------------------------------------------------------------------------


@pytest.mark.parametrize("palette", list(PALETTES))
def test_cite_box_and_copy_buttons_by_keyboard(browser, built_site, palette):
    base = site_base(built_site)
    with browser_context(browser, base, color_scheme=palette) as (context, log):
        page = context.new_page()
        page.goto(base + PART_4)
        box = page.locator(CITE_BOX)
        tab_to(page, f"{CITE_BOX} > summary")
        assert_visible_focus(page, "cite box summary")
        expect(box.locator("dl")).to_be_hidden()
        page.keyboard.press("Enter")
        expect(box.locator("dl")).to_be_visible()
        buttons = box.locator("button.cite-copy")
        assert buttons.count() == 3
        for i in range(buttons.count()):
            tab_to(page, f"{CITE_BOX} button.cite-copy", 5)
            index = page.evaluate(
                "s => [...document.querySelectorAll(s)].indexOf(document.activeElement)", f"{CITE_BOX} button.cite-copy"
            )
            assert index == i, f"Tab reached copy button {index}, expected {i}"
            ring = assert_visible_focus(page, f"copy button {i + 1}")
            if i == 0:
                ARTIFACTS.mkdir(exist_ok=True)
                page.locator(CITE_BOX).screenshot(path=ARTIFACTS / f"a11y-focus-cite-copy-{palette}.png")
            expected = buttons.nth(i).evaluate("b => b.parentElement.querySelector('.cite-text').textContent")
            page.evaluate("navigator.clipboard.writeText('')")
            page.keyboard.press("Enter")
            expect(buttons.nth(i)).to_have_text("已复制")
            expect(page.locator("#cite-status")).to_have_text("已复制到剪贴板")
            assert page.evaluate("navigator.clipboard.readText()") == expected
            print(f"copy button {i + 1}: {ring}")
        # Back to the summary, where Space closes the disclosure again.
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("s => document.activeElement.matches(s)", f"{CITE_BOX} > summary")
        page.keyboard.press("Space")
        expect(box.locator("dl")).to_be_hidden()
    log.assert_inside()


@pytest.mark.parametrize("palette", list(PALETTES))
def test_glossary_tooltip_on_keyboard_focus(browser, built_site, palette):
    base = site_base(built_site)
    with browser_context(browser, base, color_scheme=palette) as (context, log):
        page = context.new_page()
        page.goto(base + PART_4)
        tip = page.locator(".term-tooltip")
        tab_to(page, "#clause-8-p1 a.term")
        term = page.locator("#clause-8-p1 a.term").first
        assert page.evaluate("document.activeElement.textContent") == term.text_content()
        expect(tip).to_be_visible()
        definition = page.evaluate(
            "id => document.getElementById(id).textContent", term.get_attribute("aria-describedby")
        )
        expect(tip).to_have_text(definition)
        assert definition.startswith(term.text_content())
        ring = assert_visible_focus(page, "glossary term")
        ARTIFACTS.mkdir(exist_ok=True)
        top = term.bounding_box()["y"] - 40
        bottom = tip.bounding_box()["y"] + tip.bounding_box()["height"] + 20
        page.screenshot(
            path=ARTIFACTS / f"a11y-focus-tooltip-{palette}.png",
            clip={"x": 0, "y": max(0, top), "width": page.viewport_size["width"], "height": bottom - max(0, top)},
        )
        print(f"glossary term: {ring}")
        # Escape dismisses it without moving focus; the next term shows its own.
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
        page.keyboard.press("Tab")
        expect(tip).to_be_visible()
        expect(tip).not_to_have_text(definition)
        # Leaving the terms hides it.
        tab_to(page, "#clause-8 ~ nav.related a")
        expect(tip).to_be_hidden()
    log.assert_inside()


def test_glossary_tooltip_can_be_hovered(browser, built_site):
    """WCAG 1.4.13: the pointer can move from the term onto the tooltip without it disappearing."""
    base = site_base(built_site)
    with browser_context(browser, base) as (context, _log):
        page = context.new_page()
        page.goto(base + PART_4)
        term = page.locator("#clause-8-p1 a.term").first
        tip = page.locator(".term-tooltip")
        term.hover()
        expect(tip).to_be_visible()
        box = term.bounding_box()
        tip_box = tip.bounding_box()
        page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)
        page.mouse.move(tip_box["x"] + 10, tip_box["y"] + tip_box["height"] / 2, steps=8)
        page.wait_for_timeout(600)
        expect(tip).to_be_visible()
        page.mouse.move(tip_box["x"] + 10, tip_box["y"] + tip_box["height"] + 150, steps=4)
        expect(tip).to_be_hidden()


@pytest.mark.parametrize("palette", list(PALETTES))
def test_search_by_keyboard(browser, built_site, palette):
    base = site_base(built_site)
    with browser_context(browser, base, color_scheme=palette) as (context, log):
        page = context.new_page()
        page.goto(base + "index.html")
        presses = tab_to(page, "input.md-search__input", 10)
        expect(page.locator("#__search")).to_be_checked()  # focus opens the search
        ring = assert_visible_focus(page, "search box")
        print(f"search box after {presses} Tab: {ring}")
        page.keyboard.type(QUERY)
        page.keyboard.press("End")
        first = page.locator(".md-search-result__item").first
        expect(first).to_be_visible()
        # the results of the whole word: those of 城 and 城中, typed before it, may come first
        expect(first.locator("mark").first).to_have_text(QUERY)
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.matches('.md-search-result__link')"), focus_ring(page)
        assert_visible_focus(page, "first search result")
        target = page.evaluate("document.activeElement.href")
        page.keyboard.press("Enter")
        page.wait_for_url(target.split("#")[0] + "*")
        expect(page.locator(".md-content")).to_contain_text(QUERY)
    log.assert_inside()


TOGGLE = """() => {
    const input = document.activeElement, label = input.nextElementSibling, s = getComputedStyle(label);
    return {name: input.getAttribute("aria-label"), title: label.title, shown: !label.hidden && s.display !== "none",
            outline: s.outlineStyle, scheme: document.body.dataset.mdColorScheme};
}"""


@pytest.mark.parametrize("palette", list(PALETTES))
def test_palette_toggle_by_keyboard(browser, built_site, palette):
    """Tab lands on the toggle that is shown, named after what it does, and Enter switches the palette."""
    base = site_base(built_site)
    other = {"light": "dark", "dark": "light"}[palette]
    with browser_context(browser, base, color_scheme=palette) as (context, log):
        page = context.new_page()
        page.goto(base + "index.html")
        tab_to(page, "input.md-option", 10)
        toggle = page.evaluate(TOGGLE)
        assert toggle["shown"], f"focus is on a palette toggle that is not shown: {toggle}"
        assert toggle["outline"] != "none", f"the palette toggle shows no focus: {toggle}"
        expected = {"light": "切换到深色模式", "dark": "切换到浅色模式"}[palette]
        assert toggle["name"] == toggle["title"] == expected, toggle
        page.keyboard.press("Enter")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", PALETTES[other])
        toggle = page.evaluate(TOGGLE)
        assert toggle["shown"] and toggle["name"] == {"light": "切换到浅色模式", "dark": "切换到深色模式"}[palette], (
            toggle
        )
    log.assert_inside()


# --- zoom, links -----------------------------------------------------------------------------------


OVERFLOW = """() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll("body *")]
        .filter(e => e.getClientRects().length && e.getBoundingClientRect().right > root.clientWidth + 1)
        .filter(e => getComputedStyle(e).position !== "fixed" && !e.closest(".md-sidebar, [hidden]"))
        .slice(0, 8)
        .map(e => e.tagName.toLowerCase() + "." + String(e.className).trim().split(/\\s+/).join(".")
             + " right=" + Math.round(e.getBoundingClientRect().right));
    return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
}"""


@pytest.mark.parametrize("zoom", list(ZOOM))
@pytest.mark.parametrize("view", VIEWS)
def test_no_sideways_scrolling_when_zoomed(browser, built_site, news_page, view, zoom):
    base = site_base(built_site)
    path, action = views(news_page)[view]
    with browser_context(browser, base, **ZOOM[zoom]) as (context, _log):
        page = context.new_page()
        page.goto(base + path)
        if action:
            action(page)
        settle(page)
        found = page.evaluate(OVERFLOW)
        assert found["scrollWidth"] <= found["clientWidth"], f"{view} scrolls sideways at {zoom} zoom: {found}"


UNDERLINES = """() => [...document.querySelectorAll(".md-content a[href]")]
    .filter(a => !a.matches(".headerlink, .md-button, .md-content__button") && a.getClientRects().length)
    .filter(a => a.closest("p, li, dd, td, figcaption, blockquote"))
    .map(a => ({text: a.textContent.trim().slice(0, 30), line: getComputedStyle(a).textDecorationLine}))"""


@pytest.mark.parametrize("view", ["home", "part", "news", "glossary", "full"])
def test_links_in_text_are_underlined(browser, built_site, news_page, view):
    base = site_base(built_site)
    path, _ = views(news_page)[view]
    with browser_context(browser, base) as (context, _log):
        page = context.new_page()
        page.goto(base + path)
        links = page.evaluate(UNDERLINES)
    assert links, f"no link in the running text of {path}"
    plain = [link for link in links if "underline" not in link["line"]]
    assert not plain, f"links told apart by colour only on {path}: {plain[:10]}"

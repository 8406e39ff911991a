"""Pruning the theme's style sheets (policydocs.theme_css): which rules and custom properties go,
what malformed input does, and what the hook leaves in the built site; and the hooks' other
savings (templates compiled once, no theme search index, no files readers never load)."""

from __future__ import annotations

import json
import logging
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from policydocs import theme_css
from policydocs.theme_css import CssError, used


def usage(*texts: str) -> theme_css.Usage:
    return used(texts)


def prune(css: str, site: theme_css.Usage) -> str:
    return theme_css.prune({"main.css": css}, site)["main.css"]


HTML = '<body data-md-color-scheme="default" data-md-color-primary="custom"><div class="md-header a b">'
SITE = usage(HTML)


@pytest.mark.parametrize(
    "css",
    [
        ".md-header{color:red}",  # a class in a page
        "body{margin:0}",  # no class needed
        ".md-header .a>.b+p~i{color:red}",
        "a:not(.gone){color:red}",  # :not(.gone) needs no class gone
        ".a:is(.gone,.other)::after{content:''}",
        "[data-md-color-scheme=default] .a{color:red}",
        '[data-md-color-primary="custom"]{color:red}',
        "[dir] .a,[href$='.gone'] .b{color:red}",  # attributes without a value, or not an exact one
        ".a\\:gone{color:red}",  # escaped names are not read: kept
    ],
)
def test_a_rule_that_can_match_is_kept_as_it_is(css: str):
    assert prune(css, SITE) == css


@pytest.mark.parametrize(
    "css",
    [
        ".admonition{color:red}",
        ".md-header .admonition{color:red}",  # every word is needed
        "#gone{color:red}",
        "p.gone:hover::before{color:red}",
        "[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5}",
        "[data-md-color-scheme=slate] .a{color:red}",
        "[data-state=gone] .a{color:red}",
    ],
)
def test_a_rule_that_cannot_match_is_dropped(css: str):
    assert prune(css, SITE) == ""


def test_a_selector_list_is_kept_whole_when_one_selector_can_match():
    css = ".gone,.also-gone .a,.b::-moz-selection{color:red}"
    assert prune(css, SITE) == css
    assert prune(".gone,.also-gone{color:red}", SITE) == ""


def test_media_and_supports_blocks_are_pruned_inside_and_dropped_when_empty():
    css = "@media screen{.a{x:1}.gone{x:2}@supports (display:grid){.b{x:3}.gone{x:4}}}"
    assert prune(css, SITE) == "@media screen{.a{x:1}@supports (display:grid){.b{x:3}}}"
    assert prune("@media print{.gone{x:1}@supports (x:y){.gone{x:2}}}.a{x:3}", SITE) == ".a{x:3}"


def test_other_at_rules_are_kept():
    css = (
        '@charset "UTF-8";/*! licence */@font-face{font-family:x;src:url(x.woff2)}'
        "@keyframes gone{0%{opacity:0}to{opacity:1}}@page{margin:1cm}@import url(gone.css);"
    )
    assert prune(css, SITE) == css


def test_words_come_from_scripts_too_and_joined_prefixes_keep_their_classes():
    script = 'el.classList.add("md-search__active");x.className=`md-tag--${name}`;y="md-fact-"+kind'
    site = usage(HTML, script)
    css = ".md-search__active{x:1}.md-tag--new{x:2}.md-fact-stars{x:3}.md-tag{x:4}"
    assert prune(css, site) == ".md-search__active{x:1}.md-tag--new{x:2}.md-fact-stars{x:3}"


def test_palette_values_count_only_as_attributes_of_a_page():
    """ "indigo" in a script or a text keeps no indigo palette; the attribute in a page does."""
    css = "[data-md-color-primary=indigo]{x:1}"
    assert prune(css, usage(HTML, 'const colour="indigo"')) == ""
    assert prune(css, usage('<input data-md-color-primary="indigo">')) == css


def test_custom_properties_nothing_reads_are_dropped():
    css = (
        ':root{--used:1px;--chained:var(--used);--gone:url("data:image/svg+xml;a;b");--named:2}.a{width:var(--chained)}'
    )
    site = usage(HTML, 'style.setProperty("--named", "3")')
    assert prune(css, site) == ":root{--used:1px;--chained:var(--used);--named:2}.a{width:var(--chained)}"


def test_custom_properties_read_only_by_dropped_rules_go_with_them():
    css = ":root{--icon:url(x.svg);--colour:red}.gone{mask-image:var(--icon)}.a{color:var(--colour)}"
    assert prune(css, SITE) == ":root{--colour:red}.a{color:var(--colour)}"


def test_a_rule_left_without_declarations_is_dropped_and_so_is_its_empty_block():
    css = "@media screen{.a{--gone:1;--also-gone:2}}.b{color:red}"
    assert prune(css, SITE) == ".b{color:red}"
    css = ".a{--read:1;color:var(--read)}"
    assert prune(css, SITE) == css


def test_strings_comments_and_brackets_do_not_end_a_rule():
    css = '.a{content:"}{;,"}.a/* } */{background:url(data:x;y,{})}.a[title="{"]{x:1}'
    nodes = theme_css.parse(css)
    assert [type(n).__name__ for n in nodes] == ["Rule", "Rule", "Rule"]
    assert theme_css.serialise(nodes) == css
    assert prune(css, SITE) == css


def test_sheets_are_pruned_together_as_one_reads_what_another_declares():
    main = ":root{--hue:225deg;--fg:#000;--gone:1}.a{color:var(--fg)}"
    palette = "[data-md-color-scheme=default]{--fg:hsl(var(--hue),15%,90%);--unread:2}"
    pruned = theme_css.prune({"main": main, "palette": palette}, SITE)
    assert pruned == {
        "main": ":root{--hue:225deg;--fg:#000}.a{color:var(--fg)}",
        "palette": "[data-md-color-scheme=default]{--fg:hsl(var(--hue),15%,90%)}",
    }


@pytest.mark.parametrize(
    "css,where,message",
    [
        (".a{color:red", 2, "block never closed"),
        (".a{color:red}}", 13, "} without a block"),
        ('.a{content:"x}', 11, "string never closed"),
        (".a{color:red}/* x", 13, "comment never closed"),
        (".a{color:red}.b", 13, "rule without a block"),
    ],
)
def test_malformed_input_raises_a_clear_error(css: str, where: int, message: str):
    with pytest.raises(CssError, match=message) as error:
        prune(css, SITE)
    assert error.value.offset == where
    assert str(error.value) == f"main.css: offset {where}: {message}"


def test_the_hook_leaves_the_sheets_as_they_are_when_one_cannot_be_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    import mkdocs_hooks

    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (tmp_path / "index.html").write_text(HTML, encoding="utf-8")
    broken, fine = sheets / "main.0123abcd.min.css", sheets / "palette.0123abcd.min.css"
    broken.write_text(".gone{color:red", encoding="utf-8")
    fine.write_text(".gone{x:1}.md-header{x:2}", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        mkdocs_hooks._prune_theme_css(tmp_path)
    assert broken.read_text(encoding="utf-8") == ".gone{color:red"
    assert fine.read_text(encoding="utf-8") == ".gone{x:1}.md-header{x:2}"
    assert "not pruned: main.0123abcd.min.css: offset 5: block never closed" in caplog.text
    broken.write_text(".gone{color:red}", encoding="utf-8")
    mkdocs_hooks._prune_theme_css(tmp_path)
    assert broken.read_text(encoding="utf-8") == ""
    assert fine.read_text(encoding="utf-8") == ".md-header{x:2}"


# The built site.


def theme_sheets(site: Path) -> list[Path]:
    return sorted((site / "assets" / "stylesheets").glob("*.min.css"))


def original(sheet: Path) -> Path:
    import material

    return Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / sheet.name


def test_the_built_site_links_its_pruned_sheets_by_their_names(built_site: Path):
    sheets = theme_sheets(built_site)
    assert [s.name.split(".")[0] for s in sheets] == ["main", "palette"]
    page = (built_site / "index.html").read_text(encoding="utf-8")
    for sheet in sheets:
        assert f'href="assets/stylesheets/{sheet.name}"' in page
        before, after = original(sheet).stat().st_size, sheet.stat().st_size
        assert after < before * 0.8, f"{sheet.name}: {before} -> {after} bytes"
        theme_css.parse(sheet.read_text(encoding="utf-8"))  # still well formed
    palette = sheets[1].read_text(encoding="utf-8")
    assert "[data-md-color-scheme=slate]" in palette and "indigo" not in palette


def test_the_offline_zip_has_the_sites_sheets_and_search_index_script(built_site: Path):
    """Pages opened from disk load search/search_index.js; the zip is packed before the offline
    plugin writes it, so the hook writes it first."""
    with zipfile.ZipFile(built_site / "download" / "policy-docs-offline.zip") as archive:
        for path in [
            "search/search_index.js",
            *(s.relative_to(built_site).as_posix() for s in theme_sheets(built_site)),
        ]:
            assert archive.read(f"policy-docs/{path}") == (built_site / path).read_bytes(), path


# The hooks' other work for a faster build, with the same site.


def test_the_search_plugin_is_given_the_settings_of_the_sites_index(built_site: Path):
    """Given in mkdocs.yml, they spare the theme looking its defaults up in its templates."""
    from mkdocs.utils.yaml import yaml_load

    from conftest import ROOT

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as stream:
        plugins = yaml_load(stream)["plugins"]
    settings = next(p["search"] for p in plugins if isinstance(p, dict) and "search" in p)
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [settings["lang"]]
    assert index["config"]["separator"] == settings["separator"]
    assert index["config"]["pipeline"] == settings["pipeline"]


def test_pages_are_kept_out_of_the_theme_search_index():
    import mkdocs_hooks

    for meta in ({}, {"search": {"exclude": True}}, {"search": {"boost": 2}}, {"search": None}):
        page = SimpleNamespace(meta=dict(meta))
        assert mkdocs_hooks.on_page_markdown("# x", page, None, None) == "# x"
        assert page.meta["search"]["exclude"] is True


def test_no_source_maps_or_search_stemmers_are_shipped(built_site: Path):
    assert not list(built_site.rglob("*.map"))
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()


def test_a_second_build_compiles_no_template(built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The templates compiled by the first build are in .cache/jinja (outside site/ and docs/)."""
    import jinja2

    import mkdocs_hooks
    from browser_support import build_site

    assert list(mkdocs_hooks.JINJA_CACHE.glob("__jinja2_*.cache"))
    assert mkdocs_hooks.JINJA_CACHE.parent.parent == Path(mkdocs_hooks.__file__).resolve().parent.parent
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return compile_template(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    docs = built_site.parent / "docs"
    build_site(docs, tmp_path / "site")
    assert compiled == []
    assert (tmp_path / "site" / "index.html").read_bytes() == (built_site / "index.html").read_bytes()


def test_the_theme_files_are_listed_as_before_without_its_hidden_folders():
    """MkDocs copies no file from a hidden folder; the theme's icons (some 14,000) are not listed."""
    import jinja2
    from mkdocs.config import load_config

    import mkdocs_hooks
    from conftest import ROOT

    dirs = load_config(str(ROOT / "mkdocs.yml")).theme.dirs
    everything = jinja2.FileSystemLoader(dirs).list_templates()
    listed = mkdocs_hooks._ThemeLoader(dirs).list_templates()
    assert listed == [name for name in everything if not (name.startswith(".") or "/." in name)]
    assert len(everything) - len(listed) > 10_000

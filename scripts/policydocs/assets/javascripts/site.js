/* Cite boxes (copy buttons, access dates), glossary tooltips, anchors that moved, and a search
 * box whose results follow what it holds.
 * Works the same from file:// and over http; no request leaves the site folder. */
(function () {
  "use strict";

  var ACCESS_DATE = "引用日期";
  var SEARCH_CHANNEL = "policy-search";  // search-worker.js listens on it

  function today() {
    var d = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function fillAccessDates() {
    var date = today();
    document.querySelectorAll(".cite-text").forEach(function (el) {
      if (el.textContent.indexOf(ACCESS_DATE) >= 0) el.textContent = el.textContent.split(ACCESS_DATE).join(date);
    });
  }

  /* A cite box holds its permalink and its source. The box of a part, clause or section
   * (data-locator) gets its GB/T 7714 and Markdown rows here, made as cite.py's gbt7714 and
   * markdown_link make them, from the document's citation given once on the page (.cite-data);
   * every row that can be copied gets its copy button. Text is set as text, never as markup. */
  function citeRow(after, label, text) {
    var dt = document.createElement("dt");
    var dd = document.createElement("dd");
    var code = document.createElement("code");
    dt.textContent = label;
    code.className = "cite-text";
    code.textContent = text;
    dd.appendChild(code);
    after.after(dt, dd);
    return dd;
  }

  function completeCiteBoxes() {
    var data = document.querySelector(".cite-data");
    document.querySelectorAll("details.cite-box").forEach(function (box) {
      var link = box.querySelector("dd > code.cite-text");
      var locator = box.getAttribute("data-locator");
      if (data && link && locator !== null) {
        var url = link.textContent;
        var gbt = data.getAttribute("data-gbt") + " " + url + "." + (locator ? " " + locator + "." : "");
        var label = ("《" + data.getAttribute("data-title") + "》" + locator).replace(/[\\\[\]]/g, "\\$&");
        citeRow(citeRow(link.parentElement, "GB/T 7714", gbt), "Markdown", "[" + label + "](" + url + ")");
      }
      box.querySelectorAll("dd > code.cite-text").forEach(function (code) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "cite-copy";
        button.setAttribute("aria-label", "复制" + code.parentElement.previousElementSibling.textContent);
        button.textContent = "复制";
        code.after(" ", button);
      });
    });
  }

  function status(text) {
    var region = document.getElementById("cite-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "cite-status";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = text;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function fallbackCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  function onCopy(event) {
    var button = event.target.closest(".cite-copy");
    if (!button) return;
    /* The button copies the citation shown beside it (access date filled in): the page holds
     * each citation once, not again in an attribute. */
    var code = button.parentElement.querySelector(".cite-text");
    if (!code) return;
    copyText(code.textContent).then(function () {
      button.textContent = "已复制";
      button.classList.add("copied");
      status("已复制到剪贴板");
      setTimeout(function () { button.textContent = "复制"; button.classList.remove("copied"); }, 2000);
    }, function () {
      status("无法自动复制，请手动选择文字复制");
      window.getSelection().selectAllChildren(code);
    });
  }

  /* Tooltips for glossary terms: on hover and on keyboard focus; Escape hides. The pointer may move
   * from a term onto its tooltip (WCAG 1.4.13): hiding waits a moment, and is cancelled there. */
  var tip = null;
  var hideTimer = null;
  function showTip(link) {
    var id = link.getAttribute("aria-describedby");
    var source = id && document.getElementById(id);
    if (!source) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "term-tooltip";
      tip.setAttribute("aria-hidden", "true");
      document.body.appendChild(tip);
    }
    clearTimeout(hideTimer);
    tip.textContent = source.textContent;
    var box = link.getBoundingClientRect();
    tip.style.display = "block";
    var width = Math.min(360, window.innerWidth - 16);
    tip.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - width - 8));
    tip.style.left = left + "px";
    /* Below the term's focus outline (3px, 4px away), which it must not cover. */
    tip.style.top = (box.bottom + window.scrollY + 10) + "px";
  }
  function hideTip() { clearTimeout(hideTimer); if (tip) tip.style.display = "none"; }
  function hideSoon() { clearTimeout(hideTimer); hideTimer = setTimeout(hideTip, 300); }
  function onTip(node) { return tip !== null && tip.contains(node); }

  /* The theme leaves its palette radios unchecked, so Tab lands on the first one, whose label (the
   * visible toggle) is hidden in the dark palette: focus was invisible there and its name wrong.
   * Checking the radio of the palette in use (the one whose label shows) makes Tab land on it. */
  function checkPalette() {
    document.querySelectorAll("input.md-option").forEach(function (input) {
      var label = input.nextElementSibling;
      input.checked = Boolean(label) && !label.hidden;
    });
  }
  function watchPalette() {
    var form = document.querySelector("[data-md-component=palette]");
    if (!form) return;
    checkPalette();
    new MutationObserver(checkPalette).observe(form, { attributes: true, attributeFilter: ["hidden"], subtree: true });
  }

  function followMovedAnchor() {
    var hash = decodeURIComponent(location.hash.slice(1));
    var map = document.querySelector("[data-moved]");
    if (hash && map) {
      var moved = JSON.parse(map.getAttribute("data-moved"));
      if (moved[hash] && !document.getElementById(hash)) {
        location.replace(moved[hash] + "#" + hash);
        return;
      }
    }
    var fallback = document.querySelector(".moved-fallback[data-target]");
    if (fallback) location.replace(fallback.getAttribute("data-target") + location.hash);
  }

  /* The theme searches when a key is released in its search box. Text committed by an input
   * method with the mouse, or pasted from the context menu, releases no key: the results stayed
   * those of the pinyin being composed. Each change of the box (input, and compositionend, which
   * Chromium fires after the last input of a composition) is passed on as the key release the
   * theme listens for; it searches only when the text changed. */
  function followSearchBox() {
    var box = document.querySelector("input[data-md-component=search-query]");
    if (!box) return;
    function changed() { box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: false })); }
    box.addEventListener("input", changed);
    box.addEventListener("compositionend", changed);
    box.addEventListener("focus", announceOpening, { once: true });
  }

  /* The search box opened (focused by a click, the / or s key, or the header's button): the
   * search worker is told, to load its map and scripts while the reader types, so that the first
   * query waits only for its own buckets and shards. The theme keeps its worker to itself, hence
   * a BroadcastChannel, which reaches the worker (or its file:// stand-in); a worker of the site
   * in another tab hears it too and loads its map once, from the cache. */
  function announceOpening() {
    try {
      var channel = new BroadcastChannel(SEARCH_CHANNEL);
      channel.postMessage("open");
      channel.close();
    } catch (refused) { /* no channel (or none allowed): the first query loads the map */ }
  }

  /* The theme redraws its result list with each answer, and in a large library a second answer
   * (more results) follows the first. A reader who went down the list with the keyboard would
   * lose their place, focus falling to the page: it goes back to the result they were on, which
   * the second answer keeps in its place. */
  function keepResultFocus() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    var toggle = document.getElementById("__search");
    var focused = null;  // the href of the result last focused, while focus stays in the list
    document.addEventListener("focusin", function (e) {
      var link = list.contains(e.target) && e.target.closest("a[href]");
      focused = link ? link.getAttribute("href") : null;
    });
    new MutationObserver(function () {
      if (focused === null || document.activeElement !== document.body || (toggle && !toggle.checked)) return;
      var links = list.querySelectorAll("a[href]");
      for (var i = 0; i < links.length; i++) {
        if (links[i].getAttribute("href") === focused) { links[i].focus(); return; }
      }
      focused = null;
    }).observe(list, { childList: true });
  }

  function init() {
    followMovedAnchor();
    followSearchBox();
    keepResultFocus();
    /* An old permalink opened in a tab that already shows the page changes only the hash. */
    window.addEventListener("hashchange", followMovedAnchor);
    completeCiteBoxes();
    fillAccessDates();
    watchPalette();
    document.addEventListener("click", onCopy);
    document.addEventListener("mouseover", function (e) {
      var link = e.target.closest && e.target.closest("a.term");
      if (link) showTip(link); else if (onTip(e.target)) clearTimeout(hideTimer);
    });
    document.addEventListener("mouseout", function (e) {
      if ((e.target.closest && e.target.closest("a.term")) || onTip(e.target)) hideSoon();
    });
    document.addEventListener("focusin", function (e) {
      if (e.target.matches && e.target.matches("a.term")) showTip(e.target); else hideTip();
    });
    document.addEventListener("focusout", hideTip);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideTip(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

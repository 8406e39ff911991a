/* The site's search engine, run as the worker behind the theme's search box (same messages as
 * the theme's own worker: SETUP -> READY, QUERY -> RESULT), so the header, keyboard behaviour and
 * result list stay the theme's.
 *
 * - A query is split on spaces; every word must occur, as typed, in a section (no segmentation,
 *   so any run of characters in the text is findable). Quoted text is one word, spaces included.
 * - 第八条, （八）, 第8条 or 8 offers clause （八） first; 第三部分, 第三章, 第二节 likewise.
 * - Glossary entries also match their pinyin without tone marks (pingji liangyong).
 * - Nothing of the index loads with a page. The first query loads a map from characters to index
 *   shards; a query loads only the shards that hold all of its characters (importScripts works in
 *   a worker and in the file:// stand-in). */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 50;
  var meta = null;
  var latest = 0;
  var shards = [];
  var shardBase = "../../search/shards/";

  var mapPath = "../../search/map.js";
  var mapLoading = null;

  self.__policyMap = function (data) { meta = data; };

  /* The map of characters to shards, loaded at the first query (not with every page). */
  function loadMap() {
    if (!mapLoading) {
      mapLoading = new Promise(function (resolve) { resolve(importScripts(mapPath)); }).then(null, function (error) {
        mapLoading = null;
        throw error;
      });
    }
    return mapLoading;
  }

  self.__policyShard = function (number, rows) {
    shards[number] = rows.map(function (row) {
      return { location: row[0], title: row[1], text: row[2], kind: row[3], hay: fold(row[1] + "\n" + row[2]) };
    });
  };

  function fold(text) {
    return text.normalize("NFKC").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  var DIGITS = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var SCALES = { "十": 10, "百": 100, "千": 1000 };

  function number(text) {
    if (/^\d+$/.test(text)) return parseInt(text, 10);
    var total = 0, current = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c in DIGITS) current = DIGITS[c];
      else if (c in SCALES) { total += (current || 1) * SCALES[c]; current = 0; }
      else return NaN;
    }
    return total + current;
  }

  var NUM = "([〇零一二三四五六七八九十百千两]+|\\d+)";
  var JUMPS = [
    [new RegExp("^第\\s*" + NUM + "\\s*条$"), ["clause", "article"]],
    [new RegExp("^[（(]\\s*" + NUM + "\\s*[）)]$"), ["clause"]],
    [new RegExp("^" + NUM + "$"), ["clause", "article"]],
    [new RegExp("^第\\s*" + NUM + "\\s*部分$"), ["part"]],
    [new RegExp("^第\\s*" + NUM + "\\s*章$"), ["chapter"]],
    [new RegExp("^第\\s*" + NUM + "\\s*节$"), ["section"]]
  ];

  function jumpTargets(query) {
    var compact = query.replace(/\s+/g, "");
    for (var i = 0; i < JUMPS.length; i++) {
      var match = JUMPS[i][0].exec(compact);
      if (!match) continue;
      var n = number(match[1]);
      if (!(n > 0)) return [];
      var found = [];
      meta.shards.forEach(function (shard) {
        JUMPS[i][1].forEach(function (kind) {
          var hit = shard.jumps[kind + "-" + n];
          if (hit) found.push({ location: hit[0], title: hit[1], pages: shard.pages });
        });
      });
      return found;
    }
    return [];
  }

  function parse(query) {
    var words = [];
    var rest = query.replace(/["“”]([^"“”]+)["“”]/g, function (_, phrase) {
      words.push(phrase.trim());
      return " ";
    });
    rest.split(/\s+/).forEach(function (word) {
      word = word.replace(/["“”]/g, "");
      if (word) words.push(word);
    });
    return words.filter(function (w) { return w.length > 0; });
  }

  /* Shards holding every character of every word, from the hex masks of the map. */
  function neededShards(words) {
    var count = meta.shards.length;
    var candidates = null;
    words.forEach(function (word) {
      Array.from(fold(word)).forEach(function (c) {
        if (/\s/.test(c)) return;
        var mask = meta.chars[c];
        var holders = {};
        if (mask) {
          for (var k = 0; k < mask.length; k++) {
            var digit = parseInt(mask[k], 16);
            for (var bit = 0; bit < 4; bit++) if (digit & (1 << bit)) holders[k * 4 + bit] = true;
          }
        }
        if (candidates === null) candidates = holders;
        else Object.keys(candidates).forEach(function (n) { if (!holders[n]) delete candidates[n]; });
      });
    });
    return Object.keys(candidates || {}).map(Number).filter(function (n) { return n < count; });
  }

  /* Shards being loaded, by number: a second query waits for the same load instead of starting
   * another (in the file:// stand-in importScripts is asynchronous). */
  var loading = {};

  function load(numbers) {
    var missing = numbers.filter(function (n) { return !shards[n]; });
    return Promise.all(missing.map(function (n) {
      if (!loading[n]) {
        loading[n] = new Promise(function (resolve) {
          resolve(importScripts(shardBase + n + ".js"));
        }).then(null, function (error) {
          delete loading[n];
          throw error;
        });
      }
      return loading[n];
    }));
  }

  function occurrences(hay, needle) {
    var count = 0, at = hay.indexOf(needle);
    while (at >= 0 && count < 20) { count++; at = hay.indexOf(needle, at + needle.length); }
    return count;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function mark(text, words) {
    var html = escapeHtml(text);
    var pattern = words.map(function (w) { return escapeRegExp(escapeHtml(w)); }).join("|");
    return pattern ? html.replace(new RegExp(pattern, "gi"), "<mark>$&</mark>") : html;
  }

  function snippet(text, words) {
    var lower = text.toLowerCase(), at = -1;
    words.forEach(function (w) {
      var i = lower.indexOf(w.toLowerCase());
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    if (at < 0) return text.length > 120 ? text.slice(0, 120) + "…" : text;
    var start = Math.max(0, at - 40);
    var end = Math.min(text.length, at + 100);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  /* 0 when a word is missing; otherwise document sections (tier 100) rank above glossary entries
   * (tier 0), then by occurrences, words in the heading, and how much of the section matches. */
  function score(section, folded) {
    var total = 1, matched = 0;
    var titleHay = fold(section.title);
    for (var i = 0; i < folded.length; i++) {
      var n = occurrences(section.hay, folded[i]);
      if (!n) return 0;
      matched += n * folded[i].length;
      total += 1 + Math.log(1 + n);
      if (titleHay.indexOf(folded[i]) >= 0) total += 3;
    }
    if (section.kind !== "page") total += 1;
    return (section.kind === "term" ? 0 : 100) + total + 2 * matched / Math.max(section.hay.length, 1);
  }

  function item(section, words, value) {
    var terms = {};
    words.forEach(function (w) { terms[w] = true; });
    return {
      location: section.location,
      title: mark(section.title, words),
      text: section.text ? "<p>" + mark(snippet(section.text, words), words) + "</p>" : "",
      score: value,
      terms: terms
    };
  }

  function pageOf(location) { return location.split("#")[0]; }

  function pageItem(location, title) {
    return { location: location, title: escapeHtml(title), text: "", score: 0, terms: {} };
  }

  function pageTitle(location) {
    for (var i = 0; i < meta.shards.length; i++) {
      var title = meta.shards[i].pages[location];
      if (title !== undefined) return title;
    }
    return location;
  }

  /* Results grouped by page as the theme lists them: best group first, parent page in each. */
  function group(scored) {
    var groups = [], byPage = {};
    scored.forEach(function (entry) {
      var page = pageOf(entry.location);
      if (!byPage[page]) { byPage[page] = []; groups.push(byPage[page]); }
      byPage[page].push(entry);
    });
    groups.forEach(function (items) {
      var page = pageOf(items[0].location);
      if (!items.some(function (i) { return i.location === page; })) items.push(pageItem(page, pageTitle(page)));
    });
    return groups;
  }

  function search(query) {
    var words = parse(query);
    if (!words.length) return Promise.resolve({ items: [] });
    var folded = words.map(fold);
    var jumps = words.length === 1 ? jumpTargets(words[0]) : [];
    return load(neededShards(words)).then(function () {
      var scored = [];
      shards.forEach(function (sections) {
        if (!sections) return;
        sections.forEach(function (section) {
          var value = score(section, folded);
          if (value > 0) scored.push(item(section, words, value));
        });
      });
      scored.sort(function (a, b) { return b.score - a.score; });
      var top = 1000 + (scored.length ? scored[0].score : 0);
      var seen = {};
      var jumped = jumps.map(function (jump, k) {
        seen[jump.location] = true;
        return { location: jump.location, title: escapeHtml(jump.title), text: "", score: top - k, terms: {} };
      });
      var rest = scored.filter(function (entry) { return !seen[entry.location]; });
      return { items: group(jumped.concat(rest).slice(0, MAX_RESULTS)) };
    });
  }

  function reply(message) { postMessage(message); }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      reply({ type: READY });
    } else if (message.type === QUERY) {
      /* Only the latest query is answered: an earlier one that had to wait for a shard must not
       * overwrite the results of the query typed after it. */
      var number = ++latest;
      var started = Date.now();
      var query = String(message.data);
      /* The theme sends an empty query when the box opens: nothing needs the map yet. */
      var answer = query.trim() ? loadMap().then(function () { return search(query); }) : Promise.resolve({ items: [] });
      answer.then(function (result) {
        if (number !== latest) return;
        result.elapsed = Date.now() - started;
        reply({ type: RESULT, data: result });
      }, function () {
        if (number === latest) reply({ type: RESULT, data: { items: [] } });
      });
    }
  });
})();

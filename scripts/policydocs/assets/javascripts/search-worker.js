/* The site's search engine, run as the worker behind the theme's search box (same messages as
 * the theme's own worker: SETUP -> READY, QUERY -> RESULT), so the header, keyboard behaviour and
 * result list stay the theme's.
 *
 * - A query is split on spaces; every word must occur in a section (no segmentation, so any run
 *   of characters in the text is findable). Quoted text is one word, spaces included.
 * - Text and query are compared folded: NFKC, lower case, no tone marks, traditional characters
 *   and corner quotes as their simplified form (the table search/fold.js, from OpenCC's).
 * - A Chinese word found nowhere as typed may stand apart in the text: its pieces, found in one
 *   paragraph, match too (停车位建设 finds 加强停车位、充电桩等便民设施建设), the closer together the
 *   better. Such a section ranks below every section that holds all the words as typed, and its
 *   result names the word as missing (the theme's "缺少" line). A word whose pieces are not all
 *   there finds nothing.
 * - 第八条, （八）, 第8条 or 8 offers clause （八） first; 第三部分, 第三章, 第二节 likewise.
 * - Glossary entries also match their pinyin without tone marks (pingji liangyong).
 * - Results show the text as printed, whatever was typed, with the matching runs marked.
 * - Nothing of the index loads with a page. The first query loads a map from characters to index
 *   shards, the folding table and search-apart.js; a query loads only the shards that hold all of
 *   its characters (importScripts works in a worker and in the file:// stand-in). */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 50;
  var meta = null;
  var table = {};
  var foldable = null;  // 1 for each code unit that starts a character of the folding table
  var latest = 0;
  var shards = [];
  var shardBase = "../../search/shards/";

  /* Loaded at the first query: the map, the folding table, and the search for words that stand
   * apart (search-apart.js, beside this script). */
  var mapPaths = ["../../search/map.js", "../../search/fold.js", "search-apart.js"];
  var mapLoading = null;
  var standApart = null;

  self.__policyMap = function (data) { meta = data; };
  self.__policyFold = function (pairs) {
    var chars = Array.from(pairs);
    foldable = new Uint8Array(0x10000);
    for (var i = 0; i + 1 < chars.length; i += 2) {
      table[chars[i]] = chars[i + 1];
      foldable[chars[i].charCodeAt(0)] = 1;
    }
  };

  /* The map of characters to shards and the folding table, loaded at the first query (not with
   * every page). */
  function loadMap() {
    if (!mapLoading) {
      mapLoading = new Promise(function (resolve) {
        resolve(importScripts.apply(self, mapPaths));
      }).then(function () {
        standApart = self.__policyApart(occurrences);
      }, function (error) {
        mapLoading = null;
        throw error;
      });
    }
    return mapLoading;
  }

  self.__policyShard = function (number, rows) {
    shards[number] = rows.map(function (row) {
      return {
        location: row[0], title: row[1], text: row[2], kind: row[3],
        hay: fold(row[1] + "\n" + row[2]), titleHay: fold(row[1]), units: null, origin: null
      };
    });
  };

  var HAN = /^[\u3400-\u4dbf\u4e00-\u9fff]$/;

  function variant(c) { return table[c] || c; }

  /* text with the characters of the folding table replaced: a scan of code units first, since
   * most text (simplified) holds none or few of them. */
  function variants(text) {
    var i = 0, n = text.length;
    if (!foldable) return text;
    while (i < n && !foldable[text.charCodeAt(i)]) i++;
    if (i === n) return text;
    var out = [], from = 0;
    for (; i < n; i++) {
      if (!foldable[text.charCodeAt(i)]) continue;
      var c = String.fromCodePoint(text.codePointAt(i)), f = table[c];
      if (f === undefined) continue;
      out.push(text.slice(from, i), f);
      i += c.length - 1;
      from = i + 1;
    }
    out.push(text.slice(from));
    return out.join("");
  }

  /* What text is compared as (see policydocs.search_index.fold, which folds the index's
   * characters the same way). */
  function fold(text) {
    return variants(text.normalize("NFKC").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""));
  }

  /* One character folded. */
  function foldChar(c) {
    if (c < "\u0080") return c.toLowerCase();
    return HAN.test(c) ? variant(c) : fold(c);
  }

  /* The text folded character by character, and where each folded code unit comes from in it
   * ([start, end) lists in `origin`): what leads from a match back to the text as printed. */
  function foldWith(text, origin) {
    var out = [];
    for (var i = 0; i < text.length;) {
      var c = String.fromCodePoint(text.codePointAt(i));
      var f = foldChar(c);
      for (var k = 0; k < f.length; k++) { origin.start.push(i); origin.end.push(i + c.length); }
      out.push(f);
      i += c.length;
    }
    return out.join("");
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

  /* Words as typed: quoted text ("…", “…”, 「…」) is one word. */
  function parse(query) {
    var words = [];
    var rest = query.replace(/["“”「」『』]([^"“”「」『』]+)["“”「」『』]/g, function (_, phrase) {
      words.push(phrase.trim());
      return " ";
    });
    rest.split(/\s+/).forEach(function (word) {
      word = word.replace(/["“”「」『』]/g, "");
      if (word) words.push(word);
    });
    return words.filter(function (w) { return w.length > 0; });
  }

  /* Shards holding every character of every word (but the one a long word may lack), from the
   * hex masks of the map. */
  function neededShards(words) {
    var count = meta.shards.length;
    var candidates = null;
    words.forEach(function (word) {
      var chars = Array.from(new Set(Array.from(word))).filter(function (c) { return !/\s/.test(c); });
      var held = {};
      chars.forEach(function (c) {
        var mask = meta.chars[c] || "";
        for (var k = 0; k < mask.length; k++) {
          var digit = parseInt(mask[k], 16);
          for (var bit = 0; bit < 4; bit++) if (digit & (1 << bit)) held[k * 4 + bit] = (held[k * 4 + bit] || 0) + 1;
        }
      });
      var holders = {};
      var lack = standApart.spare(word);
      Object.keys(held).forEach(function (n) { if (held[n] >= chars.length - lack) holders[n] = true; });
      if (candidates === null) candidates = holders;
      else Object.keys(candidates).forEach(function (n) { if (!holders[n]) delete candidates[n]; });
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

  /* Where needle occurs in hay (at most `limit` places, 20 unless told), as [start, end) ranges. */
  function occurrences(hay, needle, limit) {
    var found = [], at = hay.indexOf(needle);
    while (at >= 0 && found.length < (limit || 20)) {
      found.push([at, at + needle.length]);
      at = hay.indexOf(needle, at + needle.length);
    }
    return found;
  }

  /* ---- Scores and results ---- */

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* text as printed, escaped, with the ranges marked. */
  function mark(text, ranges) {
    var html = "", at = 0;
    ranges.forEach(function (r) {
      if (r[0] < at) return;  // overlapping ranges: the first one is marked
      html += escapeHtml(text.slice(at, r[0])) + "<mark>" + escapeHtml(text.slice(r[0], r[1])) + "</mark>";
      at = r[1];
    });
    return html + escapeHtml(text.slice(at));
  }

  /* 0 when a word is missing; otherwise four tiers: document sections holding every word (300),
   * glossary entries holding every word (200), then the same two where a word stands apart (100,
   * 0). Within a tier: occurrences, words in the heading, how much of the section matches, and
   * how close together the pieces of a word that stands apart are. */
  function score(section, words) {
    var total = 1, matched = 0, ranges = [], missing = [];
    for (var i = 0; i < words.length; i++) {
      var found = occurrences(section.hay, words[i]);
      if (found.length) {
        matched += found.length * words[i].length;
        total += 1 + Math.log(1 + found.length);
        if (section.titleHay.indexOf(words[i]) >= 0) total += 3;
        ranges = ranges.concat(found);
        continue;
      }
      var near = standApart.apart(section, words[i]);
      if (!near) return null;
      missing.push(i);
      total += near.value;
      ranges = ranges.concat(near.ranges);
    }
    if (section.kind !== "page") total += 1;
    var tier = (missing.length ? 0 : 200) + (section.kind === "term" ? 0 : 100);
    return { value: tier + total + 2 * matched / Math.max(section.hay.length, 1), ranges: ranges, missing: missing };
  }

  /* Ranges of the folded text (title, newline, text) as ranges of the title and of the text as
   * printed. */
  function printedRanges(section, ranges) {
    if (!section.origin) {
      section.origin = { start: [], end: [] };
      section.origin.text = foldWith(section.title + "\n" + section.text, section.origin);
    }
    var origin = section.origin, offset = section.title.length + 1, title = [], text = [];
    ranges.forEach(function (r) {
      if (origin.text !== section.hay) {  // folded as a whole, a few scripts compose differently
        var at = origin.text.indexOf(section.hay.slice(r[0], r[1]), Math.max(0, r[0] - 8));
        r = [at, at + r[1] - r[0]];
      }
      if (r[0] < 0 || r[1] > origin.start.length) return;
      var start = origin.start[r[0]], end = origin.end[r[1] - 1];
      if (end <= section.title.length) title.push([start, end]);
      else if (start >= offset) text.push([start - offset, end - offset]);
    });
    function order(a, b) { return a[0] - b[0] || b[1] - a[1]; }
    return { title: title.sort(order), text: text.sort(order) };
  }

  /* Some 140 characters of text around its first marked range. */
  function snippet(text, ranges) {
    var at = ranges.length ? ranges[0][0] : 0;
    var start = Math.max(0, at - 40), end = Math.min(text.length, Math.max(at + 100, 120));
    var inside = ranges.filter(function (r) { return r[0] >= start && r[1] <= end; })
      .map(function (r) { return [r[0] - start, r[1] - start]; });
    return (start > 0 ? "…" : "") + mark(text.slice(start, end), inside) + (end < text.length ? "…" : "");
  }

  /* A result as the theme shows it. Its terms (what the page highlights once opened) are the
   * matching runs as printed; a word that stands apart is listed as missing (false). */
  function item(section, typed, found) {
    var printed = printedRanges(section, found.ranges);
    var terms = {};
    printed.title.forEach(function (r) { terms[section.title.slice(r[0], r[1])] = true; });
    printed.text.forEach(function (r) { terms[section.text.slice(r[0], r[1])] = true; });
    found.missing.forEach(function (i) { terms[typed[i]] = false; });
    return {
      location: section.location,
      title: mark(section.title, printed.title),
      text: section.text ? "<p>" + snippet(section.text, printed.text) + "</p>" : "",
      score: found.value,
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
    var typed = parse(query);
    if (!typed.length) return Promise.resolve({ items: [] });
    var words = typed.map(fold);
    var jumps = words.length === 1 ? jumpTargets(words[0]) : [];
    return load(neededShards(words)).then(function () {
      var scored = [];
      shards.forEach(function (sections) {
        if (!sections) return;
        sections.forEach(function (section) {
          var found = score(section, words);
          if (found) scored.push({ section: section, found: found, score: found.value });
        });
      });
      scored.sort(function (a, b) { return b.score - a.score; });
      var top = 1000 + (scored.length ? scored[0].score : 0);
      var seen = {};
      var jumped = jumps.map(function (jump, k) {
        seen[jump.location] = true;
        return { location: jump.location, title: escapeHtml(jump.title), text: "", score: top - k, terms: {} };
      });
      var rest = scored.filter(function (entry) { return !seen[entry.section.location]; })
        .slice(0, MAX_RESULTS)
        .map(function (entry) { return item(entry.section, typed, entry.found); });
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

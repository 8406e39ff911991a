/* The site's search engine, run as the worker behind the theme's search box (same messages as
 * the theme's own worker: SETUP -> READY, QUERY -> RESULT), so the header, keyboard behaviour and
 * result list stay the theme's.
 *
 * - A query is split on spaces; every word must occur in a section (no segmentation, so any run
 *   of characters in the text is findable). Quoted text is one word, spaces included.
 * - Text and query are compared folded: NFKC, lower case, no tone marks, traditional characters
 *   and corner quotes as their simplified form (the table in search/map.js, from OpenCC's).
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
  /* The results of the first answer to a query, when the library has postings: the first screen
   * of the theme's list, quickly; the rest follow in a second answer. */
  var FIRST = 5;
  /* A query loads at most this many shards to check its best candidates (a word that stands
   * apart has loose bounds); those past it are not shown. */
  var MAX_SHARDS = 200;
  /* Shards loaded at a go, at most. */
  var CHUNK = 6;
  var meta = null;
  var table = {};
  var foldable = null;  // 1 for each code unit that starts a character of the folding table
  var latest = 0;
  var shards = [];
  var pageTitles = {};
  var base = "../../search/";

  /* Loaded at the first query: the map, the folding table, and the search for words that stand
   * apart (search-apart.js, beside this script). */
  var mapPaths = [base + "map.js", "search-apart.js"];
  var mapLoading = null;
  var standApart = null;

  /* The map: how many bucket files of postings (0: none, every shard is loaded at the first
   * query), each shard's sections' lengths, the glossary's shard, the numbered units with a jump
   * file. Sections are numbered through the library: unitShard, unitIndex and unitLength. */
  var unitShard = null, unitIndex = null, unitLength = null, jumpKeys = {};
  self.__policyMap = function (data) {
    meta = data;
    var lengths = data.units.map(decode);
    var count = lengths.reduce(function (n, list) { return n + list.length; }, 0);
    unitShard = new Int32Array(count);
    unitIndex = new Int32Array(count);
    unitLength = new Int32Array(count);
    var u = 0;
    lengths.forEach(function (list, shard) {
      list.forEach(function (length, k) { unitShard[u] = shard; unitIndex[u] = k; unitLength[u] = length; u++; });
    });
    data.jumps.forEach(function (key) { jumpKeys[key] = true; });
  };
  self.__policyFold = function (pairs) {
    var chars = Array.from(pairs);
    foldable = new Uint8Array(0x10000);
    for (var i = 0; i + 1 < chars.length; i += 2) {
      table[chars[i]] = chars[i + 1];
      foldable[chars[i].charCodeAt(0)] = 1;
    }
  };

  /* The numbers of the index (see policydocs.search_index.number_code): 92 printable characters,
   * the first 46 ending a number. */
  var CODE = "";
  for (var code = 0x21; code < 0x7f; code++) if (code !== 0x22 && code !== 0x5c) CODE += String.fromCharCode(code);
  var BASE = CODE.length / 2;
  var DIGIT = new Int8Array(128);
  for (var d = 0; d < CODE.length; d++) DIGIT[CODE.charCodeAt(d)] = d;

  function decode(text) {
    var out = [], value = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT[text.charCodeAt(i)];
      if (digit < BASE) { out.push(value * BASE + digit); value = 0; } else value = value * BASE + digit - BASE + 1;
    }
    return out;
  }

  /* The map, the folding table and search-apart.js, loaded at the first query (not with every
   * page), side by side with `extra` files (the buckets the query needs). A library without
   * postings then loads every shard. */
  function loadMap(extra) {
    if (!mapLoading) {
      mapLoading = loadFiles(mapPaths.concat(extra)).then(function () {
        standApart = self.__policyApart(occurrences);
        if (!meta.buckets) return load(meta.units.map(function (_, n) { return n; }));
      }, function (error) {
        mapLoading = null;
        throw error;
      });
      return mapLoading;
    }
    return Promise.all([mapLoading, loadFiles(extra)]);
  }

  self.__policyShard = function (number, rows, pages) {
    Object.keys(pages).forEach(function (page) { pageTitles[page] = pages[page]; });
    shards[number] = rows.map(function (row) {
      return {
        location: row[0], title: row[1], text: row[2], kind: row[3],
        hay: null, titleHay: null, units: null, origin: null
      };
    });
  };

  /* Bucket files of postings, by number: for each first character, its pairs' postings. */
  var buckets = [];
  self.__policyPairs = function (number, pairs) { buckets[number] = pairs; };
  var jumpFiles = {};
  self.__policyJumps = function (key, targets) { jumpFiles[key] = targets; };
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

  /* The jump files a query asks for (第八条: clause-8 and article-8), those there are. */
  function jumpKeysOf(query) {
    var compact = query.replace(/\s+/g, "");
    for (var i = 0; i < JUMPS.length; i++) {
      var match = JUMPS[i][0].exec(compact);
      if (!match) continue;
      var n = number(match[1]);
      if (!(n > 0)) return [];
      return JUMPS[i][1].map(function (kind) { return kind + "-" + n; }).filter(function (key) { return jumpKeys[key]; });
    }
    return [];
  }

  /* The targets of the jump files, in library order. */
  function jumpTargets(keys) {
    var found = [];
    keys.forEach(function (key) { found = found.concat(jumpFiles[key] || []); });
    found.sort(function (a, b) { return a[0] - b[0]; });
    return found.map(function (target) {
      pageTitles[pageOf(target[1])] = target[3];
      return { location: target[1], title: target[2] };
    });
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

  /* ---- Candidates, from the postings ---- */

  var SPACE = /\s/;

  /* The number of bucket files: from the theme's settings (search_index.json, handed over with
   * SETUP), so that the first query loads its buckets with the map; then from the map. */
  var bucketCount = 0;
  function bucketOf(char) { return char.codePointAt(0) % (meta ? meta.buckets : bucketCount); }
  function bucketPaths(numbers) { return numbers.map(function (n) { return base + "index/" + n + ".js"; }); }

  /* A word's pairs (see policydocs.search_index.pairs_of): each character but spaces with the
   * next one of the word, a space as " ". */
  function pairsOf(word) {
    var chars = Array.from(word), pairs = [];
    for (var i = 0; i + 1 < chars.length; i++) {
      if (!SPACE.test(chars[i])) pairs.push(chars[i] + (SPACE.test(chars[i + 1]) ? " " : chars[i + 1]));
    }
    return pairs;
  }

  /* A word that may stand apart in a section (search-apart.js): three or more characters,
   * Chinese, no space. */
  var CHINESE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]/u;
  function mayStandApart(word) { return word.length >= 3 && CHINESE.test(word) && !SPACE.test(word); }

  /* The bucket files a query needs: those of its pairs' first characters, of a word of one
   * character, and, for words that may stand apart (`apart`), of every character. */
  function bucketsFor(words, apart) {
    var needed = {};
    words.forEach(function (word) {
      var chars = Array.from(word).filter(function (c) { return !SPACE.test(c); });
      if (chars.length === 1 || (apart && mayStandApart(word))) chars.forEach(function (c) { needed[bucketOf(c)] = true; });
      else pairsOf(word).forEach(function (pair) { needed[bucketOf(pair)] = true; });
    });
    return bucketPaths(Object.keys(needed).map(Number).filter(function (n) { return !buckets[n]; }));
  }

  /* Postings decoded: sections (ascending), how often the pair occurs in each, whether it starts
   * in the title. */
  var decoded = {};
  function postings(pair) {
    if (decoded[pair]) return decoded[pair];
    var chars = Array.from(pair);
    var bucket = buckets[bucketOf(pair)] || {};
    var code = (bucket[chars[0]] || {})[chars[1]] || "";
    var numbers = decode(code), units = [], counts = [], titles = [], unit = -1;
    for (var i = 0; i < numbers.length; i++) {
      var gap = numbers[i];
      unit += (gap >> 1) + 1;
      units.push(unit);
      if (gap & 1) { var extra = numbers[++i]; counts.push((extra >> 1) + 1); titles.push(extra & 1); }
      else { counts.push(1); titles.push(0); }
    }
    return (decoded[pair] = { units: units, counts: counts, titles: titles });
  }

  /* Where a character occurs: the pairs starting with it, merged. */
  function charPostings(char) {
    if (decoded[char]) return decoded[char];
    var seconds = (buckets[bucketOf(char)] || {})[char] || {};
    var counts = {}, titles = {};
    Object.keys(seconds).forEach(function (second) {
      var found = postings(char + second);
      found.units.forEach(function (u, k) { counts[u] = (counts[u] || 0) + found.counts[k]; titles[u] = titles[u] || found.titles[k]; });
    });
    var units = Object.keys(counts).map(Number).sort(function (a, b) { return a - b; });
    return (decoded[char] = {
      units: units,
      counts: units.map(function (u) { return counts[u]; }),
      titles: units.map(function (u) { return titles[u]; })
    });
  }

  /* Sections holding every pair of a word (a word of one character: the character), with the
   * fewest occurrences of a pair and whether all start in the title: what bounds its score. */
  function wordPostings(word) {
    var pairs = pairsOf(word);
    if (!pairs.length) return charPostings(Array.from(word.trim())[0] || " ");
    var lists = pairs.map(postings).sort(function (a, b) { return a.units.length - b.units.length; });
    var at = {}, count = {}, title = {};
    lists[0].units.forEach(function (u, k) { at[u] = 1; count[u] = lists[0].counts[k]; title[u] = lists[0].titles[k]; });
    for (var i = 1; i < lists.length; i++) {
      lists[i].units.forEach(function (u, k) {
        if (at[u] !== i) return;
        at[u] = i + 1;
        count[u] = Math.min(count[u], lists[i].counts[k]);
        title[u] = title[u] && lists[i].titles[k];
      });
    }
    var units = lists[0].units.filter(function (u) { return at[u] === lists.length; });
    return { units: units, counts: units.map(function (u) { return count[u]; }), titles: units.map(function (u) { return title[u]; }) };
  }

  /* Sections holding all the characters of a word that may stand apart, but the one a long word
   * may lack (search-apart.js). */
  function apartUnits(word) {
    var chars = Array.from(new Set(Array.from(word)));
    var held = new Uint8Array(unitShard.length);
    chars.forEach(function (c) { charPostings(c).units.forEach(function (u) { held[u]++; }); });
    var need = chars.length - standApart.spare(word), out = [];
    for (var u = 0; u < held.length; u++) if (held[u] >= need) out.push(u);
    return out;
  }

  /* What a word standing apart may add to a section's score, at most (search-apart.js: 2 / the
   * pieces, + the word's length / the span of its pieces, + 0.5 in order). Each piece is a run of
   * the word's pairs the section holds, so there are at least as many as such runs (and two);
   * the span is the word's length at least, a character less where one may be left out. The
   * span bound fails only where pieces overlap in the text. By section: a bound or 0. */
  function apartBounds(word, units) {
    var pairs = pairsOf(word), masks = {}, out = {};
    pairs.forEach(function (pair, i) {
      postings(pair).units.forEach(function (u) { masks[u] = (masks[u] || 0) | (1 << Math.min(i, 30)); });
    });
    var span = word.length / Math.max(word.length - standApart.spare(word), 1) + 0.5;
    units.forEach(function (u) {
      var mask = masks[u] || 0, runs = 0;
      for (var i = 0; i < pairs.length; i++) if (mask & (1 << Math.min(i, 30)) && !(i && mask & (1 << Math.min(i - 1, 30)))) runs++;
      out[u] = 2 / Math.max(runs, 2) + span;
    });
    return out;
  }

  function isPage(u) { return unitIndex[u] === 0 && unitShard[u] !== meta.glossary; }

  /* Candidates, each with a bound of its score (as `score` counts it): the sections holding
   * every word as pairs (or, with `apart`, its characters too), best bound first, then in library
   * order (the order of the scores' ties). */
  function candidates(words, apart) {
    var n = unitShard.length, all = null;
    var total = new Float64Array(n), matched = new Float64Array(n), missing = new Uint8Array(n);
    total.fill(1);
    words.forEach(function (word) {
      var hit = new Uint8Array(n), exact = wordPostings(word);
      exact.units.forEach(function (u, k) {
        var found = Math.min(exact.counts[k], 20);
        hit[u] = 1;
        total[u] += 1 + Math.log(1 + found);
        if (exact.titles[k]) total[u] += 3;
        matched[u] += found * word.length;
      });
      if (apart && mayStandApart(word)) {
        var units = apartUnits(word).filter(function (u) { return !hit[u]; }), bounds = apartBounds(word, units);
        units.forEach(function (u) {
          hit[u] = 1;
          missing[u] = 1;
          total[u] += bounds[u];
        });
      }
      if (all === null) all = hit;
      else for (var u = 0; u < n; u++) all[u] &= hit[u];
    });
    var out = [];
    for (var u = 0; u < n; u++) {
      if (!all || !all[u]) continue;
      var tier = (missing[u] ? 0 : 200) + (unitShard[u] === meta.glossary ? 0 : 100);
      var bound = tier + total[u] + (isPage(u) ? 0 : 1) + 2 * matched[u] / Math.max(unitLength[u], 1);
      out.push({ unit: u, bound: bound });
    }
    return out.sort(function (a, b) { return b.bound - a.bound || a.unit - b.unit; });
  }

  /* Every section, unbounded: the candidates of a library without postings. */
  function everySection() {
    var out = [];
    for (var u = 0; u < unitShard.length; u++) out.push({ unit: u, bound: Infinity });
    return out;
  }

  /* ---- Loading ---- */

  /* Files being loaded, by path: a second query waits for the same load instead of starting
   * another (in the file:// stand-in importScripts is asynchronous). */
  var loading = {};

  /* The index's scripts. A worker's importScripts loads one file after the other; there they
   * are fetched side by side and run as loaded (same origin, same code as importScripts would
   * run). The file:// stand-in loads its script tags side by side itself. */
  var IN_WORKER = typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope;
  var run = eval;  // indirect: the scripts run in the worker's global scope, as importScripts runs them

  function importAll(paths) {
    if (!IN_WORKER || typeof fetch !== "function" || paths.length < 2) return importScripts.apply(self, paths);
    return Promise.all(paths.map(function (path) {
      var url = new URL(path, self.location.href).href;
      return fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.text();
      }).then(function (text) { return [url, text]; });
    })).then(function (scripts) {
      scripts.forEach(function (script) { run(script[1] + "\n//# sourceURL=" + script[0]); });
    });
  }

  function loadFiles(paths) {
    var missing = paths.filter(function (path) { return !loading[path]; });
    if (missing.length) {
      var all = new Promise(function (resolve) { resolve(importAll(missing)); });
      missing.forEach(function (path) {
        loading[path] = all.then(null, function (error) {
          delete loading[path];
          throw error;
        });
      });
    }
    return Promise.all(paths.map(function (path) { return loading[path]; }));
  }

  function load(numbers) {
    return loadFiles(numbers.filter(function (n) { return !shards[n]; }).map(function (n) { return base + "shards/" + n + ".js"; }));
  }

  /* A turn of the event loop: a query typed meanwhile is received (a message channel, as a
   * timer's delay grows when timers nest). */
  function turn() {
    if (typeof MessageChannel !== "function") return new Promise(function (resolve) { setTimeout(resolve, 0); });
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { channel.port1.close(); resolve(); };
      channel.port2.postMessage(0);
    });
  }

  /* ---- Ranking: the best candidates checked against their text ---- */

  /* Whether a ranks before b: a higher score (the bounds add the same terms in another order:
   * a difference below 1e-9 is none), else library order. */
  function before(a, b) {
    var d = a.score - b.score;
    return d > 1e-9 || (d >= -1e-9 && a.unit < b.unit);
  }

  /* The `wanted` best sections of the candidates, by their score: the shards of the best bounds
   * are loaded and their candidates scored, until `wanted` scores rank before the best bound not
   * yet checked (or MAX_SHARDS shards were needed). */
  var candidateCount = 0;
  function rank(list, words, wanted, isLatest) {
    candidateCount = list.length;
    var scored = [], loads = 0;
    function step() {
      list.forEach(function (entry) {
        if (entry.done || !shards[unitShard[entry.unit]]) return;
        entry.done = true;
        var section = shards[unitShard[entry.unit]][unitIndex[entry.unit]];
        var found = score(section, words);
        if (found) scored.push({ unit: entry.unit, section: section, found: found, score: found.value });
      });
      scored.sort(function (a, b) { return before(a, b) ? -1 : before(b, a) ? 1 : 0; });
      if (!wanted || !isLatest()) return scored;
      /* The shards of the next candidates that may still be among the best (the next `wanted`
       * not yet checked while fewer were scored, then those whose bound beats the last of the
       * best), CHUNK at a time: the best found so far prune the rest. */
      var next = {}, count = 0, taken = 0;
      for (var i = 0; i < list.length && count < CHUNK; i++) {
        var entry = list[i];
        if (entry.done) continue;
        if (scored.length + taken >= wanted && (scored.length < wanted ||
            !before({ score: entry.bound, unit: entry.unit }, scored[wanted - 1]))) break;
        taken++;
        if (!next[unitShard[entry.unit]]) { next[unitShard[entry.unit]] = true; count++; }
      }
      loads += count;
      if (!count || loads > MAX_SHARDS) return scored;
      /* A turn of the event loop first: in a worker importScripts holds it until the files are
       * loaded, and a query typed meanwhile stops this one loading more. */
      return turn().then(function () {
        if (isLatest()) return load(Object.keys(next).map(Number)).then(step);
        return scored;
      });
    }
    return Promise.resolve().then(step);
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
    if (section.hay === null) {  // folded when first scored: a query scores few of a shard's sections
      section.hay = fold(section.title + "\n" + section.text);
      section.titleHay = fold(section.title);
    }
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
    var title = pageTitles[location];
    return title === undefined ? location : title;
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

  /* The results of a query: the `wanted` best sections (and the jumps), and whether there may
   * be more to show. */
  function search(query, isLatest, wanted) {
    var typed = parse(query);
    if (!typed.length) return Promise.resolve({ items: [] });
    var words = typed.map(fold);
    var keys = words.length === 1 ? jumpKeysOf(words[0]) : [];
    var jumpLoad = loadFiles(keys.map(function (key) { return base + "jumps/" + key + ".js"; }));
    var jumps = [], apartLeft = false;  // whether words standing apart may add results
    return jumpLoad.then(function () {
      jumps = jumpTargets(keys);
      if (jumps.length >= MAX_RESULTS) wanted = 0;
      if (!meta.buckets) return rank(everySection(), words, wanted = Infinity, isLatest);
      /* First the sections holding every word as typed (their pairs); only when fewer than
       * `wanted` do, the words that may stand apart (the buckets of all their characters). */
      return loadFiles(bucketsFor(words, false)).then(function () {
        return rank(candidates(words, false), words, wanted, isLatest);
      }).then(function (scored) {
        var exact = scored.filter(function (entry) { return !entry.found.missing.length; });
        if (!words.some(mayStandApart) || !isLatest()) return scored;
        if (exact.length >= wanted) {
          apartLeft = wanted < MAX_RESULTS;
          return scored;
        }
        return loadFiles(bucketsFor(words, true)).then(function () {
          return rank(candidates(words, true), words, wanted, isLatest);
        });
      });
    }).then(function (scored) {
      var top = 1000 + (scored.length ? scored[0].score : 0);
      var seen = {};
      var jumped = jumps.map(function (jump, k) {
        seen[jump.location] = true;
        return { location: jump.location, title: escapeHtml(jump.title), text: "", score: top - k, terms: {} };
      });
      var rest = scored.filter(function (entry) { return !seen[entry.section.location]; })
        .slice(0, Math.min(wanted, MAX_RESULTS))
        .map(function (entry) { return item(entry.section, typed, entry.found); });
      var more = wanted < MAX_RESULTS && (apartLeft || scored.length > rest.length || candidateCount > rest.length);
      return { items: group(jumped.concat(rest).slice(0, MAX_RESULTS)), more: more };
    });
  }

  function reply(message) { postMessage(message); }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      var policy = message.data && message.data.config && message.data.config.policy;
      bucketCount = (policy && policy.buckets) || 0;
      reply({ type: READY });
    } else if (message.type === QUERY) {
      /* Only the latest query is answered: an earlier one that had to wait for a shard must not
       * overwrite the results of the query typed after it. */
      var number = ++latest;
      var started = Date.now();
      var query = String(message.data);
      var isLatest = function () { return number === latest; };
      var answer = function (result) {
        if (number !== latest) return false;
        result.elapsed = Date.now() - started;
        reply({ type: RESULT, data: { items: result.items, elapsed: result.elapsed } });
        return true;
      };
      /* The theme sends an empty query when the box opens: nothing needs the map yet. */
      if (!query.trim()) {
        answer({ items: [] });
        return;
      }
      /* The first results as soon as they are checked (FIRST), then, in a library with postings,
       * the rest of them (up to MAX_RESULTS): the first ones stay first. */
      var typed = parse(query).map(function (word) { return word.normalize("NFKC").toLowerCase(); });
      loadMap(bucketCount ? bucketsFor(typed, false) : []).then(function () {
        return search(query, isLatest, FIRST);
      }).then(function (result) {
        if (answer(result) && result.more) return search(query, isLatest, MAX_RESULTS).then(answer);
      }).then(null, function (e) {
        answer({ items: [] });
      });
    }
  });
})();

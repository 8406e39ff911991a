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
 * - Nothing of the index loads with a page. Opening the search box (site.js says so on the
 *   channel "policy-search") loads the map (with the folding table), search-apart.js and
 *   search-rank.js; a query loads the bucket files of postings its characters need (with the
 *   map, if the box was not opened first). The best sections are found from the postings
 *   (search-rank.js) and only their shards loaded: the first FIRST results in a first answer, up
 *   to MAX_RESULTS in a second. A library without postings (shards of 150 KB at most, as the
 *   seed's) loads every shard with the map. Every file is a script, so that from disk the
 *   file:// stand-in can load it as one; over http the data files are fetched (loadFiles). */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 50;
  /* The results of the first answer to a query, when the library has postings: the first screen
   * of the theme's list, quickly; the rest follow in a second answer. */
  var FIRST = 5;
  var meta = null;
  var table = {};
  var foldable = null;  // 1 for each code unit that starts a character of the folding table
  var latest = 0;
  var shards = [];
  var pageTitles = {};
  var base = "../../search/";

  /* Loaded when the search box opens, or at the first query: the map and the folding table, the
   * search for words that stand apart and the ranking (beside this script). */
  var mapPaths = [base + "map.js", "search-apart.js", "search-rank.js"];
  var mapLoading = null;
  var standApart = null;
  var ranking = null;  // search-rank.js

  /* The map: how many bucket files of postings (0: none, every shard is loaded at the first
   * query), each shard's sections' lengths, the glossary's shard, the numbered units with a jump
   * file; and the folding table, each character followed by its folded form. */
  self.__policyMap = function (data, pairs) {
    meta = data;
    var chars = Array.from(pairs);
    foldable = new Uint8Array(0x10000);
    for (var i = 0; i + 1 < chars.length; i += 2) {
      table[chars[i]] = chars[i + 1];
      foldable[chars[i].charCodeAt(0)] = 1;
    }
  };

  /* The map, the folding table and search-apart.js, loaded when the search box opens or at the
   * first query (not with every page), with `extra` files (the buckets the query needs). A
   * library without postings then loads every shard. */
  function loadMap(extra) {
    if (!mapLoading) {
      mapLoading = loadFiles(mapPaths.concat(extra)).then(function () {
        standApart = self.__policyApart(occurrences);
        ranking = self.__policyRank({
          meta: meta, buckets: buckets, shards: shards, bucketOf: bucketOf, pairsOf: pairsOf,
          mayStandApart: standApart.mayStandApart, spare: standApart.spare, score: score, load: load
        });
        if (!meta.buckets) return load(meta.units.map(function (_, n) { return n; }));
      }, function (error) {
        mapLoading = null;
        throw error;
      });
      return mapLoading;
    }
    return Promise.all([mapLoading, loadFiles(extra)]);
  }

  /* The search box opened (site.js): the map and its scripts load now, while the reader types
   * (a library without postings: every shard too, as its first query would). Only a speed-up: a
   * browser that refuses the channel (Firefox does when the site may not store data) loads
   * them at the first query. */
  try {
    new BroadcastChannel("policy-search").onmessage = function () { loadMap([]).then(null, function () {}); };
  } catch (refused) { /* no channel: nothing loads before the first query */ }

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
   * SETUP), so that a query that comes before the map loads its buckets with it; then from the
   * map. */
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

  /* The bucket files a query needs: those of its pairs' first characters, of a word of one
   * character, and, for words that may stand apart (`apart`), of every character. */
  function bucketsFor(words, apart) {
    var needed = {};
    words.forEach(function (word) {
      var chars = Array.from(word).filter(function (c) { return !SPACE.test(c); });
      if (chars.length === 1 || (apart && standApart.mayStandApart(word))) chars.forEach(function (c) { needed[bucketOf(c)] = true; });
      else pairsOf(word).forEach(function (pair) { needed[bucketOf(pair)] = true; });
    });
    return bucketPaths(Object.keys(needed).map(Number).filter(function (n) { return !buckets[n]; }));
  }

  /* ---- Loading ---- */

  /* Files being loaded, by path: a second query waits for the same load instead of starting
   * another (in the file:// stand-in importScripts is asynchronous). */
  var loading = {};

  /* The index's data files (the map, buckets, shards, jump files) are each a call of one
   * function with JSON arguments (self.__policyShard(…);). Over http they are fetched side by
   * side and their arguments read with JSON.parse, since importScripts fetches one file after
   * another (the map is read while the two scripts load); from disk (the stand-in, whose script
   * tags load side by side) they are imported like the scripts. */
  var DATA = { __policyMap: true, __policyShard: true, __policyPairs: true, __policyJumps: true };
  var fetchesData = typeof fetch === "function" && /^https?:$/.test(self.location.protocol);

  function isData(path) { return path.indexOf(base) === 0; }

  function fetchData(path) {
    return fetch(path).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.text();
    }).then(function (text) {
      var open = text.indexOf("("), name = text.slice(0, open).replace(/^self\./, "");
      if (!DATA[name]) throw new Error(path + ": not a data file of the index");
      self[name].apply(self, JSON.parse("[" + text.slice(open + 1, text.lastIndexOf(")")) + "]"));
    });
  }

  function loadFiles(paths) {
    var missing = paths.filter(function (path) { return !loading[path]; });
    function kept(path, promise) {
      loading[path] = promise.then(null, function (error) {
        delete loading[path];
        throw error;
      });
    }
    var fetched = [], imported = [];
    missing.forEach(function (path) { (fetchesData && isData(path) ? fetched : imported).push(path); });
    fetched.forEach(function (path) { kept(path, fetchData(path)); });  // first: importScripts blocks
    if (imported.length) {
      var all = new Promise(function (resolve) { resolve(importScripts.apply(self, imported)); });
      imported.forEach(function (path) { kept(path, all); });
    }
    return Promise.all(paths.map(function (path) { return loading[path]; }));
  }

  function load(numbers) {
    return loadFiles(numbers.filter(function (n) { return !shards[n]; }).map(function (n) { return base + "shards/" + n + ".js"; }));
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
    var keys = words.length === 1 ? ranking.jumpKeysOf(words[0]) : [];
    var jumpLoad = loadFiles(keys.map(function (key) { return base + "jumps/" + key + ".js"; }));
    var jumps = [], apartLeft = false;  // whether words standing apart may add results
    var count = 0;  // candidates
    function rank(list, best, apart) {
      count = list.length;
      wanted = best;
      return ranking.rank(list, words, best, isLatest, apart);
    }
    return jumpLoad.then(function () {
      jumps = jumpTargets(keys);
      if (jumps.length >= MAX_RESULTS) wanted = 0;
      if (!meta.buckets) return rank(ranking.everySection(), Infinity);
      /* First the sections holding every word as typed (their pairs); only when fewer than
       * `wanted` do, the words that may stand apart (the buckets of all their characters). */
      return loadFiles(bucketsFor(words, false)).then(function () {
        return rank(ranking.candidates(words, false), wanted);
      }).then(function (scored) {
        var exact = scored.filter(function (entry) { return !entry.found.missing.length; });
        if (!words.some(standApart.mayStandApart) || !isLatest()) return scored;
        if (exact.length >= wanted) {
          apartLeft = wanted < MAX_RESULTS;
          return scored;
        }
        return loadFiles(bucketsFor(words, true)).then(function () {
          return rank(ranking.candidates(words, true), wanted, true);
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
      var more = wanted > 0 && wanted < MAX_RESULTS && (apartLeft || count > rest.length);
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
      /* The theme sends an empty query when its worker is ready (at page load; the box opening
       * comes on the channel): nothing needs the map yet. */
      if (!query.trim()) {
        answer({ items: [] });
        return;
      }
      /* The first results as soon as they are checked (FIRST), then, in a library with postings,
       * the rest of them (up to MAX_RESULTS): the first ones stay first. */
      var typed = parse(query).map(fold);  // as search() folds them (the table, once the map is in)
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

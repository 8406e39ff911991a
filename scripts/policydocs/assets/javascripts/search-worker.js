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
 *   shards and the folding table; a query loads only the shards that hold all of its characters
 *   (importScripts works in a worker and in the file:// stand-in). */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 50;
  /* How a word found nowhere as typed is cut into pieces: "text", the fewest runs of two or more
   * characters that the paragraph holds (the text is the vocabulary); "words", Intl.Segmenter's
   * words; "bigrams", every pair of characters the paragraph holds, together covering the word.
   * scripts/bench_search.py measures each on its query sets. */
  var PIECES = "text";
  /* Where the pieces must stand: "paragraph" (closer together ranks higher) or "sentence". */
  var SCOPE = "paragraph";
  var meta = null;
  var table = {};
  var foldable = null;  // 1 for each code unit that starts a character of the folding table
  var latest = 0;
  var shards = [];
  var shardBase = "../../search/shards/";

  var mapPaths = ["../../search/map.js", "../../search/fold.js"];
  var mapLoading = null;

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
      }).then(null, function (error) {
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

  /* How many characters of a word a section may lack and still match (see skippingPieces). */
  function spare(word) { return word.length >= 5 && CHINESE.test(word) ? 1 : 0; }

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
      Object.keys(held).forEach(function (n) { if (held[n] >= chars.length - spare(word)) holders[n] = true; });
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

  /* ---- Words that stand apart: pieces of a word, close together in one paragraph ---- */

  var CHINESE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]/u;
  var UNIT_END = { paragraph: /\n/g, sentence: /[。!?;\n]/g };  // folded: ！？； are ! ? ; after NFKC
  var segmenter = null;

  /* A section's paragraphs (or sentences), as [start, end) ranges of its folded text. */
  function units(section) {
    if (!section.units) {
      var list = [], start = 0, match, end = UNIT_END[SCOPE];
      end.lastIndex = 0;
      while ((match = end.exec(section.hay))) {
        if (match.index > start) list.push([start, match.index]);
        start = match.index + 1;
      }
      if (start < section.hay.length) list.push([start, section.hay.length]);
      section.units = list;
    }
    return section.units;
  }

  /* The fewest runs of two or more characters of word, each held by unit, that together make
   * up word (null when there are none). */
  function textPieces(word, unit) {
    var n = word.length, longest = [];
    for (var i = 0; i < n; i++) {
      var length = 0;
      while (i + length < n && unit.indexOf(word.slice(i, i + length + 1)) >= 0) length++;
      longest.push(length);
    }
    var best = [0], from = [];
    for (i = 1; i <= n; i++) best.push(Infinity);
    for (i = 0; i < n; i++) {
      if (best[i] === Infinity) continue;
      for (var l = longest[i]; l >= 2; l--) {
        if (best[i] + 1 < best[i + l]) { best[i + l] = best[i] + 1; from[i + l] = i; }
      }
    }
    if (best[n] === Infinity) return null;
    var pieces = [];
    for (var end = n; end > 0; end = from[end]) pieces.unshift(word.slice(from[end], end));
    return pieces;
  }

  function segmentPieces(word, unit) {
    if (!segmenter) segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    var pieces = Array.from(segmenter.segment(word)).map(function (s) { return s.segment; });
    return pieces.length > 1 && pieces.every(function (p) { return unit.indexOf(p) >= 0; }) ? pieces : null;
  }

  function bigramPieces(word, unit) {
    var pieces = [], covered = [];
    for (var i = 0; i + 1 < word.length; i++) {
      if (unit.indexOf(word.slice(i, i + 2)) < 0) continue;
      pieces.push(word.slice(i, i + 2));
      covered[i] = covered[i + 1] = true;
    }
    for (i = 0; i < word.length; i++) if (!covered[i]) return null;
    return pieces;
  }

  var PIECE_FINDERS = { text: textPieces, words: segmentPieces, bigrams: bigramPieces };

  /* The narrowest stretch of unit holding one occurrence of each piece: its ranges. */
  function narrowest(unit, pieces) {
    var places = [];
    pieces.forEach(function (piece, k) {
      occurrences(unit, piece, 1000).forEach(function (range) { places.push([range[0], range[1], k]); });
    });
    places.sort(function (a, b) { return a[0] - b[0]; });
    var best = null, last = [], held = 0;
    places.forEach(function (place) {
      if (last[place[2]] === undefined) held++;
      last[place[2]] = place;
      if (held < pieces.length) return;
      var chosen = last.slice(), start = Infinity, end = 0;
      chosen.forEach(function (p) { start = Math.min(start, p[0]); end = Math.max(end, p[1]); });
      if (!best || end - start < best.span) best = { span: end - start, ranges: chosen };
    });
    return best;
  }

  /* The word's characters in order with at most two others among them (职工疗养 in 职工疗休养):
   * that run as the one piece, or null. */
  function loosePieces(word, unit) {
    var pattern = new RegExp(Array.from(word).map(escapeRegExp).join(".{0,2}"));
    var match = pattern.exec(unit);
    return match && match[0].length <= word.length + 2 ? [match[0]] : null;
  }

  /* A word of five or more characters with one inside them found nowhere near (停车位的建设, 老旧
   * 小区的改造: a connecting word the text leaves out): the pieces of what stands on either side of
   * it, or null. */
  function skippingPieces(word, unit) {
    if (word.length < 5) return null;
    for (var k = 2; k + 2 < word.length; k++) {
      var before = textPieces(word.slice(0, k), unit), after = before && textPieces(word.slice(k + 1), unit);
      if (after) return before.concat(after);
    }
    return null;
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* A word's pieces close together in one paragraph (SCOPE) of the section: its ranges and how good the
   * match is (fewer pieces, closer together, in the word's order: better), or null. Pieces of
   * one character are only taken in order and nearly together (loosePieces); one character inside
   * a long word may be missing (skippingPieces). */
  function apart(section, word) {
    if (word.length < 3 || !CHINESE.test(word) || /\s/.test(word)) return null;
    var lacking = 0;
    for (var c = 0; c < word.length; c++) if (section.hay.indexOf(word[c]) < 0 && ++lacking > spare(word)) return null;
    var best = null;
    units(section).forEach(function (bounds) {
      var unit = section.hay.slice(bounds[0], bounds[1]);
      var pieces = PIECE_FINDERS[PIECES](word, unit), count = pieces && pieces.length;
      if (!pieces && (pieces = loosePieces(word, unit))) count = word.length;
      if (!pieces && (pieces = skippingPieces(word, unit))) count = pieces.length + 1;
      var stretch = pieces && narrowest(unit, pieces);
      if (!stretch) return;
      var inOrder = stretch.ranges.every(function (r, k) { return k === 0 || r[0] >= stretch.ranges[k - 1][0]; });
      var value = 2 / count + word.length / stretch.span + (inOrder ? 0.5 : 0);
      if (!best || value > best.value) {
        best = { value: value, ranges: stretch.ranges.map(function (r) { return [r[0] + bounds[0], r[1] + bounds[0]]; }) };
      }
    });
    return best;
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
      var near = apart(section, words[i]);
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

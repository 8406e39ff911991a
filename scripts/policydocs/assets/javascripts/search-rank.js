/* The ranking of the site's search worker (search-worker.js loads this script with the map when
 * the search box opens, and calls self.__policyRank with what it needs): candidates from the
 * postings of pairs of characters (see policydocs.search_index), each with a bound of its score,
 * and the best of them checked against their text, loading only their shards.
 *
 * A section's score (search-worker.js, score) counts each word's occurrences, whether it is in
 * the heading, and how much of the section matches. The postings tell, for each pair of
 * characters, the sections holding it, how often, and whether it starts in the heading; with
 * each section's length (the map) they bound the score from above: a word occurs no more often
 * than its rarest pair. The candidates are checked best bound first, their shards loaded a few
 * at a time, until the `wanted` best scores rank before every bound left: the results are those
 * of scoring every section of the library. Also here, loaded with the map it reads: which jump
 * files a query such as 第八条 asks for. */
self.__policyRank = function (api) {
  "use strict";

  /* Shards a query loads at most to check its best candidates: those holding its words as typed
   * (bounds that are nearly the scores: rarely more than the results), and, when these are too
   * few, those where a word may stand apart (bounds much above most scores: without a limit, every
   * section holding the word's characters would be loaded). Candidates past the limit are not
   * shown. */
  var MAX_SHARDS = 200, APART_SHARDS = 24;
  /* Shards loaded at a go, at most. */
  var CHUNK = 6;
  var meta = api.meta, buckets = api.buckets, shards = api.shards, bucketOf = api.bucketOf, pairsOf = api.pairsOf;
  var mayStandApart = api.mayStandApart, score = api.score, load = api.load, spare = api.spare;

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

  /* The sections, numbered through the library (the map's lengths, shard by shard): their shard,
   * their place in it, and their length. */
  var lengths = meta.units.map(decode);
  var count = lengths.reduce(function (n, list) { return n + list.length; }, 0);
  var unitShard = new Int32Array(count), unitIndex = new Int32Array(count), unitLength = new Int32Array(count);
  var u = 0;
  lengths.forEach(function (list, shard) {
    list.forEach(function (length, k) { unitShard[u] = shard; unitIndex[u] = k; unitLength[u] = length; u++; });
  });

  /* Postings decoded: sections (ascending), how often the pair occurs in each, whether it starts
   * in the title. */
  var decoded = {};
  var NONE = { units: [], counts: [], titles: [] };
  function postings(pair) {
    if (decoded[pair]) return decoded[pair];
    var chars = Array.from(pair);
    var bucket = buckets[bucketOf(pair)];
    if (!bucket) return NONE;  // not loaded (a failed request): nothing, and nothing kept
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
    if (!buckets[bucketOf(char)]) return NONE;
    var seconds = buckets[bucketOf(char)][char] || {};
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
    var need = chars.length - spare(word), out = [];
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
    var span = word.length / Math.max(word.length - spare(word), 1) + 0.5;
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

  /* ---- Ranking: the best candidates checked against their text ---- */

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

  /* Whether a ranks before b: a higher score (the bounds add the same terms in another order:
   * a difference below 1e-9 is none), else library order. */
  function before(a, b) {
    var d = a.score - b.score;
    return d > 1e-9 || (d >= -1e-9 && a.unit < b.unit);
  }

  /* The `wanted` best sections of the candidates, by their score: the shards of the best bounds
   * are loaded and their candidates scored, until `wanted` scores rank before the best bound not
   * yet checked (or the limit of shards was reached: `apart`, candidates where words may stand
   * apart). */
  function rank(list, words, wanted, isLatest, apart) {
    var scored = [], loads = 0, limit = apart ? APART_SHARDS : MAX_SHARDS;
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
      if (!count || loads > limit) return scored;
      /* A turn of the event loop first: a query typed meanwhile is received, and stops this one
       * loading more. */
      return turn().then(function () {
        if (isLatest()) return load(Object.keys(next).map(Number)).then(step);
        return scored;
      });
    }
    return Promise.resolve().then(step);
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
      return JUMPS[i][1].map(function (kind) { return kind + "-" + n; }).filter(function (key) { return meta.jumps.indexOf(key) >= 0; });
    }
    return [];
  }

  return { candidates: candidates, everySection: everySection, rank: rank, jumpKeysOf: jumpKeysOf };
};

/* Words that stand apart in the text, for the site's search worker (search-worker.js, which
 * loads this script with the index's map when the search box opens, and calls self.__policyApart
 * with its occurrences function).
 *
 * A Chinese word found nowhere as typed may stand apart in a section: its pieces, found in one
 * paragraph, match too (停车位建设 finds 加强停车位、充电桩等便民设施建设), the closer together
 * and the fewer the better. A word whose pieces are not all there finds nothing.
 *
 * PIECES, how a word is cut into pieces: "text", the fewest runs of two or more characters that
 * the paragraph holds (the text is the vocabulary); "words", Intl.Segmenter's words; "bigrams",
 * every pair of characters the paragraph holds, together covering the word. SCOPE, where the
 * pieces must stand: "paragraph" or "sentence". scripts/bench_search.py measures each. */
self.__policyApart = function (occurrences) {
  "use strict";

  var PIECES = "text";
  var SCOPE = "paragraph";
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
   * up word, leaving out at most `skips` characters that have two or more on either side (null
   * when there are none). The pieces, and how many characters were left out. */
  function cover(word, unit, skips) {
    var n = word.length, longest = [], i, s;
    for (i = 0; i < n; i++) {
      var length = 0;
      while (i + length < n && unit.indexOf(word.slice(i, i + length + 1)) >= 0) length++;
      longest.push(length);
    }
    var best = [], from = [];  // by characters left out, then by end: pieces so far, and whence
    for (s = 0; s <= skips; s++) {
      best.push([]);
      from.push([]);
      for (i = 0; i <= n; i++) best[s].push(Infinity);
    }
    best[0][0] = 0;
    for (i = 0; i < n; i++) {
      for (s = 0; s <= skips; s++) {
        if (best[s][i] === Infinity) continue;
        for (var l = longest[i]; l >= 2; l--) {
          if (best[s][i] + 1 < best[s][i + l]) { best[s][i + l] = best[s][i] + 1; from[s][i + l] = [s, i]; }
        }
        if (s < skips && i >= 2 && i + 3 <= n && best[s][i] < best[s + 1][i + 1]) {
          best[s + 1][i + 1] = best[s][i];
          from[s + 1][i + 1] = [s, i, true];
        }
      }
    }
    for (s = 0; s <= skips; s++) {
      if (best[s][n] === Infinity) continue;
      var pieces = [], at = [s, n];
      while (at[1] > 0) {
        var back = from[at[0]][at[1]];
        if (!back[2]) pieces.unshift(word.slice(back[1], at[1]));
        at = back;
      }
      return { pieces: pieces, skipped: s };
    }
    return null;
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

  var PIECE_FINDERS = { words: segmentPieces, bigrams: bigramPieces };  // "text": cover

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
   * that run as the one piece, or null. Each start is followed by the earliest next character,
   * which leaves the most room for the rest. */
  function loosePieces(word, unit) {
    var n = word.length, limit = n + 2;
    for (var start = unit.indexOf(word[0]); start >= 0; start = unit.indexOf(word[0], start + 1)) {
      var at = start, k = 1;
      for (; k < n; k++) {
        at = unit.indexOf(word[k], at + 1);
        if (at < 0 || at - start + 1 > limit) break;
      }
      if (k === n) return [unit.slice(start, at + 1)];
      if (at < 0) return null;  // a character is missing after this start, and so after later ones
    }
    return null;
  }

  /* A word's pieces in a unit, and how many they count for (a character left out counts as one
   * piece, a loose run as one per character), or null. Pieces of one character are only taken in
   * order and nearly together (loosePieces); a word of five or more characters may leave out one
   * inside it, found nowhere near (停车位的建设, 老旧小区的改造: a connecting word the text does
   * without). */
  function piecesIn(word, unit) {
    var found = cover(word, unit, spare(word));
    if (found && (PIECES === "text" || found.skipped)) return { pieces: found.pieces, count: found.pieces.length + found.skipped };
    var pieces = PIECES === "text" ? null : PIECE_FINDERS[PIECES](word, unit);
    if (pieces) return { pieces: pieces, count: pieces.length };
    pieces = loosePieces(word, unit);
    return pieces && { pieces: pieces, count: word.length };
  }

  /* A word's pieces close together in one paragraph (SCOPE) of the section: its ranges and how
   * good the match is (fewer pieces, closer together, in the word's order: better), or null. */
  function apart(section, word) {
    if (!mayStandApart(word)) return null;
    var lacking = 0;
    for (var c = 0; c < word.length; c++) if (section.hay.indexOf(word[c]) < 0 && ++lacking > spare(word)) return null;
    // what no unit can hold, the whole section does not hold either: one look at it first
    if (PIECES === "text" && !piecesIn(word, section.hay)) return null;
    var best = null;
    units(section).forEach(function (bounds) {
      var unit = section.hay.slice(bounds[0], bounds[1]);
      var found = piecesIn(word, unit);
      var stretch = found && narrowest(unit, found.pieces);
      if (!stretch) return;
      var inOrder = stretch.ranges.every(function (r, k) { return k === 0 || r[0] >= stretch.ranges[k - 1][0]; });
      var value = 2 / found.count + word.length / stretch.span + (inOrder ? 0.5 : 0);
      if (!best || value > best.value) {
        best = { value: value, ranges: stretch.ranges.map(function (r) { return [r[0] + bounds[0], r[1] + bounds[0]]; }) };
      }
    });
    return best;
  }

  /* A word that may stand apart in a section: three or more characters, Chinese, no space. */
  function mayStandApart(word) { return word.length >= 3 && CHINESE.test(word) && !/\s/.test(word); }

  /* How many characters of a word a section may lack and still match (see piecesIn). */
  function spare(word) { return word.length >= 5 && CHINESE.test(word) ? 1 : 0; }

  return { apart: apart, mayStandApart: mayStandApart, spare: spare };
};

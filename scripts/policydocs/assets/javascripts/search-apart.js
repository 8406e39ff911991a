/* Words that stand apart in the text, for the site's search worker (search-worker.js, which
 * loads this script with the index's map at the first query and calls self.__policyApart with its
 * occurrences function).
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

  /* How many characters of a word a section may lack and still match (see skippingPieces). */
  function spare(word) { return word.length >= 5 && CHINESE.test(word) ? 1 : 0; }

  return { apart: apart, spare: spare };
};

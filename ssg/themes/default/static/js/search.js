/* 全站搜索 (issue 8): the search page's client. It searches the static index that `ssg build`
   writes under /search/ (or, when data/site.yaml names a search server, asks that server),
   and mirrors ssg/search/tokenize.py and ssg/search/engine.py step by step: the same tokens,
   the same integer scores, the same facets, suggestions and corrections.
   No outside script; results are built with DOM nodes (textContent), never from HTML. */
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  var input = document.getElementById("search-q");
  if (!app || !input || !window.fetch || !window.Map || !window.DecompressionStream && !app.dataset.server) { return; }
  var form = input.form;
  var list = document.getElementById("search-suggestions");
  var status = document.getElementById("search-status");
  var out = document.getElementById("search-results");
  var facetBox = document.getElementById("search-facets");
  var note = document.getElementById("search-correction");
  var server = app.dataset.server || "";
  var indexUrl = app.dataset.index;
  var base = indexUrl.slice(0, indexUrl.lastIndexOf("/") + 1);

  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}";
  var RUNS = new RegExp("([" + HAN + "]+)|([0-9a-z]+)", "gu");
  var HAN_ONLY = new RegExp("^[" + HAN + "]+$", "u");
  var MAX_LATIN = 40, MAX_QUERY = 200, PREFIX_MIN = 6;
  // White space in a typed prefix, as engine.SPACES: Python's and JavaScript's \s differ.
  var SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
  var W_TEXT = 100, W_PINYIN = 90, W_INITIALS = 80;
  var PAGE_SIZE = 10, GROUP_SIZE = 3, FEW = 3, MOST_OF = 3, FIX_ANY_CHAR = 4, SNIPPET = 120, SUGGESTIONS = 8, LAST_OFFSET = 255;
  var P_TITLE = 60, P_KEYWORDS = 30, P_BODY = 10, P_BODY_OFTEN = 15, BONUS_TITLE = 40;
  var TYPE_WEIGHT = {service: 110, policy: 110, interpretation: 105, notice: 100, reply: 100,
    leader: 100, page: 100, news: 95};
  var INTENT_WEIGHT = 130;
  var INTENTS = [
    ["service", ["办理", "怎么办", "如何办", "申请", "办事", "指南", "材料", "申领"]],
    ["interpretation", ["解读", "图解", "问答", "答记者问"]],
    ["reply", ["答复", "留言", "投诉", "咨询", "信箱"]],
    ["notice", ["公告", "通告", "公示", "通知"]],
    ["policy", ["文件", "意见", "办法", "规定", "方案", "条例"]]];
  var TYPE_LABELS = {policy: "政策文件", interpretation: "政策解读", service: "办事指南",
    notice: "通知公告", news: "政务动态", reply: "留言答复", leader: "负责人信息", page: "单页"};

  // --- loading -------------------------------------------------------------------------

  function inflate(buffer, json) {
    var bytes = new Uint8Array(buffer), done;
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {  // already inflated (a server's own gzip)
      done = Promise.resolve(bytes);
    } else {
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      done = new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
    }
    return done.then(function (b) { return json ? JSON.parse(new TextDecoder().decode(b)) : b; });
  }

  function fetched(url, options) {
    return fetch(url, options).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.arrayBuffer();
    });
  }

  var cache = new Map();
  function load(url, json) {  // a file named by its content: fetched once
    if (!cache.has(url)) {
      cache.set(url, fetched(url).then(function (buf) { return inflate(buf, json); }));
    }
    return cache.get(url);
  }
  var entryPromise = null;
  function entry() {  // the entry has a fixed name: revalidated
    if (!entryPromise) {
      entryPromise = fetched(indexUrl, {cache: "no-cache"}).then(function (buf) { return inflate(buf, true); })
        .then(function (e) {
          e.syllableSet = new Set(e.syllables);
          e.stopRe = new RegExp(e.stop.join("|"), "g");
          return e;
        });
    }
    return entryPromise;
  }

  // --- tokenisation (tokenize.py, query side) ------------------------------------------

  // tokenize.normalise: NFKC only for a text with a character whose NFKC form holds a letter,
  // a digit or a Chinese character of its own (tokenize._needs_nfkc), else lower case only
  // (… stays …): the title offsets in the index are counted in what it gives.
  var RELEVANT = new RegExp("[0-9A-Za-z" + HAN + "]", "u");
  var nfkcNeeded = new Map();
  function needsNfkc(c) {
    var code = c.codePointAt(0);
    if (code < 0x80) { return false; }
    if (code > 0xffff) { return code >= 0x2f800 && code <= 0x2fa1f; }
    var known = nfkcNeeded.get(c);
    if (known === undefined) {
      var f = c.normalize("NFKC");
      known = f !== c && RELEVANT.test(f);
      nfkcNeeded.set(c, known);
    }
    return known;
  }
  function normalise(text) {
    for (var c of text) {
      if (needsNfkc(c)) { return text.normalize("NFKC").toLowerCase(); }
    }
    return text.toLowerCase();
  }
  function chars(text) { return Array.from(text); }
  function isHan(text) { return HAN_ONLY.test(text); }
  // Python orders strings by code point, JavaScript by UTF-16 unit: they differ where a
  // character beyond the BMP (𠀀, two units from U+D800) meets one from U+E000 on (﨎).
  function byPoints(a, b) {
    if (a === b) { return 0; }
    var x = chars(a), y = chars(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) { return x[i].codePointAt(0) - y[i].codePointAt(0); }
    }
    return x.length - y.length;
  }

  function runs(text) {
    var found = [], m;
    RUNS.lastIndex = 0;
    while ((m = RUNS.exec(text)) !== null) {
      found.push({text: m[0], start: m.index, end: m.index + m[0].length, han: m[1] !== undefined});
    }
    return found;
  }

  function latinTokens(word) {
    if (word.length > MAX_LATIN) { return []; }
    var tokens = [word];
    if (!/^[0-9]+$/.test(word) && !/^[a-z]+$/.test(word)) {
      (word.match(/[0-9]+|[a-z]+/g) || []).forEach(function (p) { if (p.length >= 2) { tokens.push(p); } });
    }
    return tokens;
  }

  function segmentations(text, known, limit) {
    limit = limit || 4;
    var n = text.length, longest = 6, never = n + 1, best = new Array(n + 1).fill(never), i, j;
    best[n] = 0;
    for (i = n - 1; i >= 0; i--) {
      for (j = i + 1; j <= Math.min(n, i + longest); j++) {
        if (known.has(text.slice(i, j)) && best[j] + 1 < best[i]) { best[i] = best[j] + 1; }
      }
    }
    if (best[0] >= never) { return []; }
    var found = [];
    [best[0], best[0] + 1].forEach(function (total) {
      (function walk(i, path) {
        if (found.length >= limit) { return; }
        if (i === n) { if (path.length === total) { found.push(path.slice()); } return; }
        for (var j = Math.min(n, i + longest); j > i; j--) {
          var piece = text.slice(i, j);
          if (known.has(piece) && path.length + 1 + best[j] <= total) {
            path.push(piece); walk(j, path); path.pop();
          }
        }
      })(0, []);
    });
    return found;
  }

  function alt(kind, tokens, weight, phrase, least) {
    return {kind: kind, tokens: tokens, weight: weight, phrase: !!phrase, least: least || 0};
  }

  // How many of a Chinese run's bigrams a document must hold: all but those that may
  // straddle two words (tokenize.least_bigrams).
  function leastBigrams(count) { return count - Math.floor((count - 1) / 2); }

  // The issuer code of a doc number (a bracket and a year follow it): every bigram
  // (tokenize.issuer_code).
  var YEAR_BRACKET = /^ *[〔\[(【] *$/;
  function issuerCode(text, parts, index) {
    var run = parts[index], next = parts[index + 1];
    if (!next || next.han || !/^[0-9]{4}$/.test(next.text)) { return false; }
    return YEAR_BRACKET.test(text.slice(run.end, next.start));
  }

  function alphaAlternatives(word, known) {
    var found = [alt("text", [word], W_TEXT)];
    if (word.length < 2) { return found; }
    segmentations(word, known).forEach(function (cut) {
      if (cut.length === 1) {
        found.push(alt("pinyin", ["'" + cut[0]], W_PINYIN));
      } else {
        var tokens = [];
        for (var i = 0; i + 1 < cut.length; i++) { tokens.push(cut[i] + "'" + cut[i + 1]); }
        found.push(alt("pinyin", tokens, W_PINYIN, true));
      }
    });
    var multi = found.some(function (a) { return a.kind === "pinyin" && a.tokens.length > 1; });
    if (word.length >= 2 && word.length <= 12 && !multi && !/[iuv]/.test(word)) {
      var heads = chars(word), tokens = [];
      if (heads.length === 2) { tokens = ["=" + word]; } else {
        for (var k = 0; k + 2 < heads.length; k++) { tokens.push("=" + heads.slice(k, k + 3).join("")); }
      }
      found.push(alt("initials", tokens, W_INITIALS, heads.length > 3));
    }
    return found;
  }

  function plan(query, known, stop) {
    var norm = chars(normalise(query)).slice(0, MAX_QUERY).join("");
    var searched = stop ? norm.replace(stop, " ") : norm;
    var parts = runs(searched), clauses = [], terms = [], multi = parts.length > 1;
    // A lone letter beside a longer word only adds to the score (tokenize.plan).
    var words = parts.some(function (r) { return chars(r.text).length > 1; });
    parts.forEach(function (run, index) {
      var word = run.text;
      if (run.han) {
        terms.push(word);
        var cs = chars(word);
        if (cs.length === 1) {
          clauses.push({text: word, alternatives: [alt("text", [word], W_TEXT)], required: !multi});
        } else {
          var bigrams = [];
          for (var i = 0; i + 1 < cs.length; i++) { bigrams.push(cs[i] + cs[i + 1]); }
          var least = issuerCode(searched, parts, index) ? 0 : leastBigrams(bigrams.length);
          clauses.push({text: word, alternatives: [alt("text", bigrams, W_TEXT, true, least < bigrams.length ? least : 0)], required: true});
        }
      } else if (/^[a-z]+$/.test(word)) {
        terms.push(word);
        clauses.push({text: word, alternatives: alphaAlternatives(word, known), required: word.length > 1 || !words});
      } else {
        terms.push(word);
        var tokens = latinTokens(word);
        if (!tokens.length) { tokens = [word.slice(0, MAX_LATIN)]; }
        var required = tokens.length === 1 ? tokens : tokens.slice(1);
        var alternatives = [alt("text", required, W_TEXT)];
        // The start of a code: the run itself is one of its prefixes (tokenize.code_prefixes).
        if (tokens.length > 1 && chars(word).length >= PREFIX_MIN) { alternatives.push(alt("text", [word], W_TEXT)); }
        clauses.push({text: word, alternatives: alternatives, required: true});
        if (tokens.length > 1) {
          clauses.push({text: word, alternatives: [alt("text", [tokens[0]], W_TEXT)], required: false});
        }
        var next = parts[index + 1], prev = parts[index - 1], glue;
        if (next && next.han && next.start === run.end) {
          glue = word + chars(next.text)[0];
          clauses.push({text: glue, alternatives: [alt("text", [glue], W_TEXT)], required: false});
        }
        if (prev && prev.han && prev.end === run.start) {
          var pc = chars(prev.text);
          glue = pc[pc.length - 1] + word;
          clauses.push({text: glue, alternatives: [alt("text", [glue], W_TEXT)], required: false});
        }
      }
    });
    var seen = new Set();  // a word typed twice is one clause
    clauses = clauses.filter(function (c) {
      var key = JSON.stringify(c);
      if (seen.has(key)) { return false; }
      seen.add(key);
      return true;
    });
    var tokenList = [];
    clauses.forEach(function (c) {
      c.alternatives.forEach(function (a) {
        a.tokens.forEach(function (t) { if (tokenList.indexOf(t) < 0) { tokenList.push(t); } });
      });
    });
    return {text: norm, clauses: clauses, terms: unique(terms), tokens: tokenList,
      empty: !clauses.some(function (c) { return c.required; })};
  }

  function unique(values) {
    var seen = new Set(), found = [];
    values.forEach(function (v) { if (!seen.has(v)) { seen.add(v); found.push(v); } });
    return found;
  }

  // --- postings ------------------------------------------------------------------------

  function varint(data, state) {
    var value = 0, shift = 0, byte;
    do {
      byte = data[state.pos++];
      value += (byte & 0x7f) * Math.pow(2, shift);
      shift += 7;
    } while (byte >= 0x80);
    return value;
  }

  function decodeShard(data) {
    var found = new Map(), state = {pos: 0}, decoder = new TextDecoder();
    while (state.pos < data.length) {
      var size = varint(data, state);
      var token = decoder.decode(data.subarray(state.pos, state.pos + size));
      state.pos += size;
      var count = varint(data, state), doc = 0, k;
      var title = new Map(), keywords = new Set(), body = new Map();
      for (k = 0; k < count; k++) { doc += varint(data, state); title.set(doc, data[state.pos++]); }
      count = varint(data, state); doc = 0;
      for (k = 0; k < count; k++) { doc += varint(data, state); keywords.add(doc); }
      count = varint(data, state); doc = 0;
      for (k = 0; k < count; k++) {
        var value = varint(data, state);
        doc += Math.floor(value / 2);
        body.set(doc, value & 1);
      }
      found.set(token, {title: title, keywords: keywords, body: body});
    }
    return found;
  }

  var EMPTY = {title: new Map(), keywords: new Set(), body: new Map()};

  function shardOf(e, token) {
    var lo = 0, hi = e.shards.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (e.shards[mid][0] <= token) { lo = mid + 1; } else { hi = mid; }
    }
    return Math.max(0, lo - 1);
  }

  function postings(e, tokens) {
    var wanted = new Map();
    tokens.forEach(function (t) { wanted.set(t, shardOf(e, t)); });
    var shards = unique(Array.from(wanted.values()));
    return Promise.all(shards.map(function (i) {
      return load(base + "s/" + e.shards[i][1] + ".bin").then(function (data) {
        if (!e.decoded) { e.decoded = new Map(); }
        if (!e.decoded.has(i)) { e.decoded.set(i, decodeShard(data)); }
        return e.decoded.get(i);
      });
    })).then(function () {
      var found = new Map();
      wanted.forEach(function (i, t) {
        var p = e.decoded.get(i).get(t);
        if (p) { found.set(t, p); }
      });
      return found;
    });
  }

  function docsOf(p) {
    var s = new Set(p.title.keys());
    p.keywords.forEach(function (d) { s.add(d); });
    p.body.forEach(function (_v, d) { s.add(d); });
    return s;
  }

  // --- matching and ranking (engine.py) ------------------------------------------------

  function alternativeDocs(a, post) {  // document -> how many of the tokens it holds
    var i, counts = new Map(), held = new Map();
    if (!a.least) {
      var found = null;
      for (i = 0; i < a.tokens.length; i++) {
        var docs = docsOf(post.get(a.tokens[i]) || EMPTY);
        if (found === null) { found = docs; } else {
          var both = new Set();
          found.forEach(function (d) { if (docs.has(d)) { both.add(d); } });
          found = both;
        }
        if (!found.size) { return new Map(); }
      }
      (found || new Set()).forEach(function (d) { held.set(d, a.tokens.length); });
      return held;
    }
    for (i = 0; i < a.tokens.length; i++) {
      docsOf(post.get(a.tokens[i]) || EMPTY).forEach(function (d) { counts.set(d, (counts.get(d) || 0) + 1); });
    }
    counts.forEach(function (n, d) { if (n >= a.least) { held.set(d, n); } });
    return held;
  }

  function alternativeScore(a, doc, post) {
    var score = 0, inTitle = true, first = -1, inOrder = true;
    a.tokens.forEach(function (token, i) {
      var p = post.get(token) || EMPTY;
      if (p.title.has(doc)) {
        var pos = p.title.get(doc);
        score += P_TITLE;
        // An offset of LAST_OFFSET or more stands anywhere past it (engine.alternative_score).
        if (pos >= LAST_OFFSET) { inOrder = false; } else if (i === 0) { first = pos; } else if (pos !== first + i) { inOrder = false; }
      } else {
        inTitle = false;
        if (p.keywords.has(doc)) { score += P_KEYWORDS; } else if (p.body.has(doc)) { score += p.body.get(doc) ? P_BODY_OFTEN : P_BODY; }
      }
    });
    if (inTitle && (inOrder || !a.phrase)) { score += BONUS_TITLE; }
    return [Math.floor(score * a.weight / 100), inTitle && inOrder ? first : -1];
  }

  function foundPieces(a, doc, post) {
    var pieces = [], run = "";
    a.tokens.forEach(function (token) {
      if (docsOf(post.get(token) || EMPTY).has(doc)) {
        run = run ? run + chars(token).slice(1).join("") : token;
      } else {
        if (run) { pieces.push(run); }
        run = "";
      }
    });
    if (run) { pieces.push(run); }
    return pieces;
  }

  // Hits that hold no Chinese run only in part (engine.complete).
  function complete(hits) {
    return hits.filter(function (h) { return !h.pieces.length; }).length;
  }

  function span(a) {
    if (a.kind === "initials") { return a.tokens[0].length - 1 + a.tokens.length - 1; }
    if (a.tokens[0].charAt(0) === "'") { return 1; }
    return a.tokens.length + 1;
  }

  function intent(p) {
    for (var i = 0; i < INTENTS.length; i++) {
      if (INTENTS[i][1].some(function (w) { return p.text.indexOf(w) >= 0; })) { return INTENTS[i][0]; }
    }
    return "";
  }

  function match(p, post, e, docs) {
    var required = p.clauses.filter(function (c) { return c.required; });
    if (!required.length) { return []; }
    var altDocs = p.clauses.map(function (c) {
      return c.alternatives.map(function (a) { return alternativeDocs(a, post); });
    });
    // Every required clause; of three or more, all but one (the rest rank below).
    var need = required.length >= MOST_OF ? required.length - 1 : required.length;
    var counts = new Map();
    for (var ci = 0; ci < p.clauses.length; ci++) {
      if (!p.clauses[ci].required) { continue; }
      var union = new Set();
      altDocs[ci].forEach(function (s) { s.forEach(function (_n, d) { union.add(d); }); });
      union.forEach(function (d) { counts.set(d, (counts.get(d) || 0) + 1); });
    }
    var candidates = [];
    counts.forEach(function (n, d) { if (n >= need) { candidates.push(d); } });
    var wanted = intent(p), hits = [];
    candidates.forEach(function (doc) {
      var score = 0, used = [], missing = 0, pieces = [];
      p.clauses.forEach(function (clause, ci) {
        var best = -1, chosen = null, whole = false;
        clause.alternatives.forEach(function (a, ai) {
          var held = altDocs[ci][ai].get(doc);
          if (held !== undefined) {
            var value = alternativeScore(a, doc, post);
            whole = whole || held === a.tokens.length;
            if (value[0] > best) { best = value[0]; chosen = [a, value[1]]; }
          }
        });
        if (chosen) {
          score += best;
          used.push(chosen);
          if (!whole) { pieces = pieces.concat(foundPieces(chosen[0], doc, post)); }
        }
        if (clause.required && !whole) { missing += 1; }
      });
      var kind = e.types[docs.type[doc]];
      var weight = kind === wanted ? INTENT_WEIGHT : (TYPE_WEIGHT[kind] || 100);
      hits.push({doc: doc, score: Math.floor(score * weight / 100), alternatives: used, missing: missing, pieces: pieces});
    });
    hits.sort(function (a, b) { return a.missing - b.missing || b.score - a.score || a.doc - b.doc; });
    return hits;
  }

  // --- facets, groups ------------------------------------------------------------------

  function countBy(hits, key) {
    var counts = new Map();
    hits.forEach(function (h) { var k = key(h.doc); if (k !== "") { counts.set(k, (counts.get(k) || 0) + 1); } });
    return counts;
  }

  function facets(hits, e, docs) {
    var types = countBy(hits, function (d) { return docs.type[d]; });
    var columns = countBy(hits, function (d) { return docs.column[d]; });
    var years = countBy(hits, function (d) { return docs.year[d]; });
    function byCount(m) {
      return Array.from(m.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    }
    return {
      type: byCount(types).map(function (kv) {
        return {value: e.types[kv[0]], label: TYPE_LABELS[e.types[kv[0]]], count: kv[1]};
      }),
      column: byCount(columns).map(function (kv) {
        return {value: e.columns[kv[0]][0], label: e.columns[kv[0]][1], count: kv[1]};
      }),
      year: Array.from(years.entries()).sort(function (a, b) { return a[0] < b[0] ? 1 : -1; })
        .map(function (kv) { return {value: kv[0], label: kv[0] + "年", count: kv[1]}; }),
      site: [{value: e.site, label: e.site, count: hits.length}]
    };
  }

  function keep(h, f, e, docs) {
    if (f.type && e.types[docs.type[h.doc]] !== f.type) { return false; }
    if (f.column && e.columns[docs.column[h.doc]][0] !== f.column) { return false; }
    if (f.year && docs.year[h.doc] !== f.year) { return false; }
    return !(f.site && f.site !== e.site);
  }

  function groups(hits, e, docs) {
    var found = new Map();
    hits.forEach(function (h) {
      var t = docs.type[h.doc];
      if (!found.has(t)) { found.set(t, {type: e.types[t], label: TYPE_LABELS[e.types[t]], count: 0, ids: []}); }
      var g = found.get(t);
      g.count += 1;
      if (g.ids.length < GROUP_SIZE) { g.ids.push(h.doc); }
    });
    return Array.from(found.values());
  }

  // --- snippets ------------------------------------------------------------------------

  function highlightTerms(p, hit, frag) {
    var terms = p.terms.filter(function (t) { return t.length > 1 || !/^[a-z]$/.test(t); });
    if (hit) {
      terms = terms.concat(hit.pieces);
      var title = chars(normalise(frag.t));
      hit.alternatives.forEach(function (used) {
        var a = used[0], start = used[1];
        if ((a.kind === "pinyin" || a.kind === "initials") && start >= 0) {
          terms.push(title.slice(start, start + span(a)).join(""));
        }
      });
    }
    return unique(terms.filter(Boolean)).sort(function (a, b) {
      return chars(b).length - chars(a).length || byPoints(a, b);
    });
  }

  // engine.folded: the text as terms are written, with the code point of `text` each of its
  // UTF-16 units comes from (offsets are code points, as in Python).
  function folded(text) {
    var norm = "", origin = [], i = 0;
    for (var c of text) {
      var piece = normalise(c);
      norm += piece;
      for (var u = 0; u < piece.length; u++) { origin.push(i); }
      i++;
    }
    return {text: norm, origin: origin};
  }

  function segments(text, terms, start, end, folding) {
    var cs = chars(text), f = folding || folded(text), lower = f.text, origin = f.origin;
    start = start || 0;
    if (end === undefined) { end = cs.length; }
    var marks = new Array(cs.length).fill(false), first = 0;
    while (first < origin.length && origin[first] < start) { first++; }
    terms.forEach(function (term) {
      var at = lower.indexOf(term, first);
      while (at >= 0 && origin[at] < end) {
        for (var k = at; k < at + term.length; k++) {
          if (origin[k] < end) { marks[origin[k]] = true; }
        }
        at = lower.indexOf(term, at + term.length);
      }
    });
    var found = [];
    for (var k = start; k < end; k++) {
      var flag = marks[k] ? 1 : 0;
      if (found.length && found[found.length - 1][1] === flag) { found[found.length - 1][0] += cs[k]; } else { found.push([cs[k], flag]); }
    }
    return found;
  }

  function snippet(body, terms) {
    var f = folded(body), first = -1, size = chars(body).length;
    for (var i = 0; i < terms.length; i++) {
      var at = f.text.indexOf(terms[i]);
      if (at >= 0) { first = f.origin[at]; break; }
    }
    var start = first >= 0 ? Math.max(0, first - 30) : 0;
    var end = Math.min(size, start + SNIPPET);
    var found = segments(body, terms, start, end, f);
    if (start > 0) { found.unshift(["…", 0]); }
    if (end < size) { found.push(["…", 0]); }
    return found;
  }

  // --- the search ----------------------------------------------------------------------

  var docTable = null;
  function docs(e) {
    if (!docTable) {
      docTable = load(base + e.docs).then(function (data) {
        var t = {type: [], column: [], year: []};
        for (var i = 0; i + 3 < data.length; i += 4) {
          t.type.push(data[i]);
          t.column.push(data[i + 1] + data[i + 2] * 256);
          t.year.push(data[i + 3] ? e.years[data[i + 3] - 1] : "");
        }
        return t;
      });
    }
    return docTable;
  }

  function fragments(e, ids) {
    return Promise.all(ids.map(function (n) {
      return load(base + e.fragments + "/" + Math.floor(n / e.bundle) + ".bin", true);
    })).then(function (list) {
      var found = new Map();
      ids.forEach(function (n, i) { found.set(n, list[i][n % e.bundle]); });
      return found;
    });
  }

  function runPlan(p, e, table) {
    return postings(e, p.tokens).then(function (post) { return match(p, post, e, table); });
  }

  function localSearch(query, filters, page, grouped) {
    return entry().then(function (e) {
      return docs(e).then(function (table) {
        var p = plan(query, e.syllableSet);
        // (complete(a), a.length) > (complete(b), b.length), as the engine compares them
        function more(a, b) {
          return complete(a) > complete(b) || complete(a) === complete(b) && a.length > b.length;
        }
        var hitsP = p.empty ? Promise.resolve([]) : runPlan(p, e, table).then(function (hits) {
          if (complete(hits) >= FEW) { return hits; }
          var loose = plan(query, e.syllableSet, e.stopRe);
          if (loose.empty || JSON.stringify(loose.clauses) === JSON.stringify(p.clauses)) { return hits; }
          return runPlan(loose, e, table).then(function (looseHits) {
            if (more(looseHits, hits)) { p = loose; return looseHits; }
            return hits;
          });
        });
        return hitsP.then(function (hits) {
          if (complete(hits) >= FEW || p.empty) { return [p, hits, null, false]; }
          return correction(p, e, table).then(function (fix) {
            if (fix === null) { return [p, hits, null, false]; }
            var fixed = plan(fix, e.syllableSet);
            return runPlan(fixed, e, table).then(function (fixedHits) {
              if (!more(fixedHits, hits)) { return [p, hits, null, false]; }
              return complete(hits) ? [p, hits, fix, false] : [fixed, fixedHits, fix, true];
            });
          });
        }).then(function (state) {
          var p2 = state[0], hits = state[1];
          var shown = hits.filter(function (h) { return keep(h, filters, e, table); });
          var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
          page = Math.min(Math.max(1, page), pages);
          var pageHits = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
          var groupList = grouped ? groups(shown, e, table) : [];
          var wanted = new Set(pageHits.map(function (h) { return h.doc; }));
          groupList.forEach(function (g) { g.ids.forEach(function (d) { wanted.add(d); }); });
          var byDoc = new Map();
          shown.forEach(function (h) { byDoc.set(h.doc, h); });
          return fragments(e, Array.from(wanted).sort(function (a, b) { return a - b; })).then(function (frags) {
            function result(doc) {
              var frag = frags.get(doc), terms = highlightTerms(p2, byDoc.get(doc), frag);
              var kind = e.types[table.type[doc]], col = e.columns[table.column[doc]];
              return {id: doc, url: frag.u, title: segments(frag.t, terms), snippet: snippet(frag.b, terms),
                type: kind, type_label: TYPE_LABELS[kind], column: col[0], column_label: col[1],
                date: frag.d, site: e.site, score: byDoc.get(doc).score};
            }
            return {
              query: chars(query).slice(0, MAX_QUERY).join(""), searched: p2.text, total: shown.length, all: hits.length, page: page, pages: pages,
              page_size: PAGE_SIZE, results: pageHits.map(function (h) { return result(h.doc); }),
              facets: facets(hits, e, table),
              groups: groupList.map(function (g) {
                return {type: g.type, label: g.label, count: g.count, results: g.ids.map(result)};
              }),
              correction: state[2] ? {text: state[2], applied: state[3]} : null
            };
          });
        });
      });
    });
  }

  // --- corrections ---------------------------------------------------------------------

  var readingTable = null;
  function readingsOf(e) {
    if (!readingTable) {
      readingTable = load(base + e.readings, true).then(function (table) {
        var byChar = new Map();
        Object.keys(table).forEach(function (r) {
          chars(table[r]).forEach(function (c) {
            if (!byChar.has(c)) { byChar.set(c, []); }
            byChar.get(c).push(r);
          });
        });
        return byChar;
      });
    }
    return readingTable;
  }

  function termsOf(e) {
    return load(base + e.terms, true);
  }

  function correction(p, e, table) {
    return Promise.all([termsOf(e), readingsOf(e)]).then(function (both) {
      var terms = both[0], readings = both[1], text = p.text, changed = false, chain = Promise.resolve();
      function homophone(a, b) {
        if (a === b) { return true; }
        var ra = readings.get(a) || [], rb = readings.get(b) || [];
        return ra.some(function (r) { return rb.indexOf(r) >= 0; });
      }
      p.clauses.forEach(function (clause) {
        var word = clause.text;
        if (!clause.required || chars(word).length < 2 || !isHan(word)) { return; }
        chain = chain.then(function () {
          var fix = vocabularyFix(word, terms, homophone);
          var next = fix === null ? titleFix(word, e, readings) : Promise.resolve(fix);
          return next.then(function (found) {
            if (found !== null && found !== word) { text = text.replace(word, found); changed = true; }
          });
        });
      });
      return chain.then(function () { return changed ? text : null; });
    });
  }

  var placesOf = new Map();
  function charPlaces(terms) {
    if (!placesOf.has(terms)) {
      var places = new Map();
      terms.forEach(function (term, order) {
        chars(normalise(term[0])).forEach(function (c, offset) {
          if (!places.has(c)) { places.set(c, []); }
          places.get(c).push([order, offset]);
        });
      });
      placesOf.set(terms, places);
    }
    return placesOf.get(terms);
  }

  function vocabularyFix(word, terms, homophone) {
    var w = chars(word), n = w.length, best = null, found = null, seen = new Set();
    var places = charPlaces(terms);
    for (var j = 0; j < n; j++) {
      var list = places.get(w[j]) || [];
      for (var q = 0; q < list.length; q++) {
        var order = list[q][0], start = list[q][1] - j;
        if (start < 0 || seen.has(order + ":" + start)) { continue; }
        seen.add(order + ":" + start);
        var window = chars(normalise(terms[order][0])).slice(start, start + n);
        if (window.length < n) { continue; }
        var diffs = [];
        for (var k = 0; k < n; k++) { if (window[k] !== w[k]) { diffs.push(k); } }
        if (!diffs.length) { return null; }
        if (!isHan(window.join(""))) { continue; }
        var rank;
        if (diffs.length <= 2 && diffs.every(function (k) { return homophone(window[k], w[k]); })) {
          rank = [2, -diffs.length, -order];
        } else if (diffs.length === 1 && n >= FIX_ANY_CHAR) {
          rank = [1, -1, -order];
        } else { continue; }
        if (best === null || rank[0] > best[0] || rank[0] === best[0] && (rank[1] > best[1] || rank[1] === best[1] && rank[2] > best[2])) {
          best = rank; found = window.join("");
        }
      }
    }
    return found;
  }

  function queryReadings(word, readings, limit) {
    var found = [[]];
    var cs = chars(word);
    for (var i = 0; i < cs.length; i++) {
      var options = readings.get(cs[i]) || [];
      if (!options.length) { return []; }
      var next = [];
      found.forEach(function (p) { options.forEach(function (r) { next.push(p.concat([r])); }); });
      found = next.slice(0, limit || 8);
    }
    return found;
  }

  function titleFix(word, e, readings) {
    var all = queryReadings(word, readings);
    var tokenSets = all.map(function (reading) {
      var tokens = [];
      for (var i = 0; i + 1 < reading.length; i++) { tokens.push(reading[i] + "'" + reading[i + 1]); }
      return tokens;
    });
    var every = unique([].concat.apply([], tokenSets));
    return postings(e, every).then(function (post) {
      var bestDoc = -1, bestPos = -1;
      tokenSets.forEach(function (tokens) {
        var docs = null;
        tokens.forEach(function (t) {
          var here = new Set((post.get(t) || EMPTY).title.keys());
          if (docs === null) { docs = here; } else {
            var both = new Set();
            docs.forEach(function (d) { if (here.has(d)) { both.add(d); } });
            docs = both;
          }
        });
        var sorted = Array.from(docs || []).sort(function (a, b) { return a - b; });
        for (var k = 0; k < sorted.length; k++) {
          var doc = sorted[k], first = post.get(tokens[0]).title.get(doc);
          if (tokens.every(function (t, i) { return post.get(t).title.get(doc) === first + i; })) {
            if (bestDoc < 0 || doc < bestDoc) { bestDoc = doc; bestPos = first; }
            break;
          }
        }
      });
      if (bestDoc < 0) { return null; }
      return fragments(e, [bestDoc]).then(function (frags) {
        var title = chars(normalise(frags.get(bestDoc).t));
        var window = title.slice(bestPos, bestPos + chars(word).length).join("");
        return chars(window).length === chars(word).length && isHan(window) ? window : null;
      });
    });
  }

  // --- suggestions ---------------------------------------------------------------------

  function startsAny(ways, typed) {
    return ways.split("|").some(function (w) { return w.indexOf(typed) === 0; });
  }

  function suggestLocal(query) {
    return entry().then(function (e) { return termsOf(e); }).then(function (terms) {
      var typed = chars(normalise(query)).slice(0, MAX_QUERY).join("").replace(SPACES, "");
      if (!typed) { return []; }
      var latin = /^[a-z]+$/.test(typed), ranked = [];
      terms.forEach(function (t) {
        var text = normalise(t[0]), rank;
        if (text.indexOf(typed) === 0) { rank = 0; } else if (text.indexOf(typed) > 0) { rank = 1; } else if (latin && startsAny(t[1], typed)) { rank = 2; } else if (latin && typed.length >= 2 && startsAny(t[2], typed)) { rank = 3; } else { return; }
        if (text === typed) { return; }
        ranked.push([rank, -t[3], chars(t[0]).length, t[0]]);
      });
      ranked.sort(function (a, b) {
        return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || byPoints(a[3], b[3]);
      });
      return ranked.slice(0, SUGGESTIONS).map(function (r) { return r[3]; });
    });
  }

  function serverUrl(kind, params) {
    var url = new URL(server, location.href);
    if (kind === "suggest") { url.pathname = url.pathname.replace(/search\/?$/, "suggest"); }
    Object.keys(params).forEach(function (k) { if (params[k]) { url.searchParams.set(k, params[k]); } });
    return url.toString();
  }

  function search(query, filters, page, grouped) {
    if (server) {
      return fetch(serverUrl("search", {q: query, type: filters.type, column: filters.column,
        year: filters.year, site: filters.site, page: String(page), group: grouped ? "1" : "",
        // Which site asks: an index of several sites links the others' results absolutely.
        from: location.hostname}))
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); });
    }
    return localSearch(query, filters, page, grouped);
  }

  function suggest(query) {
    if (server) {
      return fetch(serverUrl("suggest", {q: query})).then(function (r) { return r.json(); })
        .then(function (d) { return d.suggestions || []; });
    }
    return suggestLocal(query);
  }

  // --- the page ------------------------------------------------------------------------

  var params = new URLSearchParams(location.search);
  var state = {q: params.get("q") || "", type: params.get("type") || "", column: params.get("column") || "",
    year: params.get("year") || "", site: params.get("site") || "", page: parseInt(params.get("page") || "1", 10) || 1,
    view: params.get("view") === "group" ? "group" : "list"};

  function link(changes) {
    var next = Object.assign({}, state, {page: 1}, changes), p = new URLSearchParams();
    ["q", "type", "column", "year", "site"].forEach(function (k) { if (next[k]) { p.set(k, next[k]); } });
    if (next.page > 1) { p.set("page", String(next.page)); }
    if (next.view === "group") { p.set("view", "group"); }
    return location.pathname + "?" + p.toString();
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function marked(parent, segs) {
    segs.forEach(function (s) {
      if (s[1]) { parent.appendChild(el("mark", "", s[0])); } else { parent.appendChild(document.createTextNode(s[0])); }
    });
    return parent;
  }

  function resultItem(r) {
    var li = el("li", "search-result");
    var h = el("h3", "search-result-title");
    var a = el("a");
    a.href = r.url;
    marked(a, r.title);
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "search-result-meta");
    meta.appendChild(el("span", "search-type search-type-" + r.type, r.type_label));
    // A server index of several sites names each result's site (absent for one site).
    meta.appendChild(document.createTextNode(" " + [r.site_name, r.column_label, r.date].filter(Boolean).join(" · ")));
    li.appendChild(meta);
    li.appendChild(marked(el("p", "search-snippet"), r.snippet));
    return li;
  }

  function facetList(title, name, items) {
    if (!items.length) { return null; }
    var box = el("div", "search-facet");
    box.appendChild(el("h3", "", title));
    var ul = el("ul");
    var all = el("li"), allLink = el("a", "", "全部");
    var change = {};
    change[name] = "";
    allLink.href = link(change);
    if (!state[name]) { allLink.setAttribute("aria-current", "true"); }
    all.appendChild(allLink);
    ul.appendChild(all);
    items.forEach(function (f) {
      var li = el("li"), a = el("a", "", f.label + "（" + f.count + "）");
      var c = {};
      c[name] = f.value;
      a.href = link(c);
      if (state[name] === f.value) { a.setAttribute("aria-current", "true"); }
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  function render(data) {
    out.textContent = "";
    facetBox.textContent = "";
    note.textContent = "";
    note.hidden = true;
    if (data.correction) {
      note.hidden = false;
      if (data.correction.applied) {
        note.appendChild(document.createTextNode("没有找到“" + state.q + "”的结果，已为您显示“"));
        note.appendChild(el("strong", "", data.correction.text));
        note.appendChild(document.createTextNode("”的结果。"));
      } else {
        note.appendChild(document.createTextNode("您是不是要找："));
        var fix = el("a", "", data.correction.text);
        fix.href = link({q: data.correction.text});
        note.appendChild(fix);
      }
    }
    var shownQuery = data.correction && data.correction.applied ? data.correction.text : state.q;
    var heading = el("h2", "search-count");
    heading.textContent = data.total ? "“" + shownQuery + "”共找到 " + data.total + " 条结果" + (data.pages > 1 ? "，第 " + data.page + "/" + data.pages + " 页" : "") : "没有找到与“" + state.q + "”相关的结果";
    out.appendChild(heading);
    status.textContent = (data.correction ? note.textContent + " " : "") + heading.textContent;
    if (!data.total) {
      var tips = el("p", "search-tips", "建议：检查错别字，换用更常见的词，或只输入关键的两三个字；也可以从网站地图或政策文件库查找。");
      out.appendChild(tips);
      return;
    }
    var views = el("p", "search-views");
    var listLink = el("a", "", "按相关度排列"), groupLink = el("a", "", "按类型分组");
    listLink.href = link({view: "list", page: state.page});
    groupLink.href = link({view: "group"});
    (state.view === "group" ? groupLink : listLink).setAttribute("aria-current", "true");
    views.appendChild(listLink);
    views.appendChild(document.createTextNode(" | "));
    views.appendChild(groupLink);
    out.appendChild(views);
    if (state.view === "group") {
      data.groups.forEach(function (g) {
        var section = el("section", "search-group");
        section.appendChild(el("h3", "search-group-title", g.label + "（" + g.count + "）"));
        var ol = el("ol", "search-list");
        g.results.forEach(function (r) { ol.appendChild(resultItem(r)); });
        section.appendChild(ol);
        if (g.count > g.results.length) {
          var more = el("a", "search-more", "查看全部 " + g.count + " 条" + g.label);
          more.href = link({type: g.type, view: "list"});
          section.appendChild(more);
        }
        out.appendChild(section);
      });
    } else {
      var ol = el("ol", "search-list");
      ol.start = (data.page - 1) * data.page_size + 1;
      data.results.forEach(function (r) { ol.appendChild(resultItem(r)); });
      out.appendChild(ol);
      if (data.pages > 1) {
        var nav = el("nav", "pagination");
        nav.setAttribute("aria-label", "搜索结果分页");
        if (data.page > 1) { var prev = el("a", "", "上一页"); prev.href = link({page: data.page - 1}); nav.appendChild(prev); }
        nav.appendChild(el("span", "", " 第 " + data.page + " 页，共 " + data.pages + " 页 "));
        if (data.page < data.pages) { var next = el("a", "", "下一页"); next.href = link({page: data.page + 1}); nav.appendChild(next); }
        out.appendChild(nav);
      }
    }
    var f = data.facets;
    [["信息类型", "type", f.type], ["所属栏目", "column", f.column], ["发布年份", "year", f.year],
      ["网站", "site", f.site && f.site.length > 1 ? f.site : []]].forEach(function (spec) {
      var box = facetList(spec[0], spec[1], spec[2]);
      if (box) { facetBox.appendChild(box); }
    });
  }

  function runSearch() {
    if (!state.q.trim()) { return; }
    status.textContent = "正在搜索……";
    app.setAttribute("aria-busy", "true");
    var started = performance.now();
    search(state.q, state, state.page, state.view === "group").then(function (data) {
      render(data);
      app.dataset.ms = String(Math.round(performance.now() - started));  // the query alone
      app.dataset.at = String(Math.round(performance.now()));  // since the page was opened
      app.dataset.ready = "true";
    }).catch(function () {
      status.textContent = "搜索暂时不可用，请稍后再试，或通过网站地图查找。";
      app.dataset.ready = "error";
    }).then(function () { app.removeAttribute("aria-busy"); });
  }

  // Suggestions: the ARIA 1.2 combobox pattern (list autocomplete, focus stays in the box).
  var active = -1, options = [], timer = 0, asked = "";
  function close() {
    list.hidden = true;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
    options = [];
  }
  function highlight(index) {
    options.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) { input.setAttribute("aria-activedescendant", options[index].id); } else { input.removeAttribute("aria-activedescendant"); }
  }
  function choose(text) {
    input.value = text;
    close();
    form.submit();
  }
  function showSuggestions(words) {
    close();
    if (!words.length) { return; }
    words.forEach(function (w, i) {
      var li = el("li", "search-suggestion", w);
      li.id = "search-suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(w); });
      list.appendChild(li);
      options.push(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = words.length + " 条搜索建议，按上下方向键选择";
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var value = input.value;
    if (!value.trim()) { close(); return; }
    timer = setTimeout(function () {
      asked = value;
      suggest(value).then(function (words) { if (asked === input.value) { showSuggestions(words); } })
        .catch(function () { close(); });
    }, 120);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "Down") {
      if (options.length) { ev.preventDefault(); highlight((active + 1) % options.length); }
    } else if (ev.key === "ArrowUp" || ev.key === "Up") {
      if (options.length) { ev.preventDefault(); highlight(active <= 0 ? options.length - 1 : active - 1); }
    } else if (ev.key === "Enter") {
      if (active >= 0) { ev.preventDefault(); choose(options[active].textContent); }
    } else if (ev.key === "Escape" || ev.key === "Esc") {
      if (!list.hidden) { ev.preventDefault(); close(); } else { input.value = ""; }
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });

  app.hidden = false;
  document.documentElement.classList.add("search-ready");
  input.value = state.q;
  // Tests and the benchmark call the engine without the page around it.
  window.ssgSearch = {search: search, suggest: suggest, plan: function (q) { return entry().then(function (e) { return plan(q, e.syllableSet); }); }};
  if (state.q) { runSearch(); } else { app.dataset.ready = "true"; }
})();

// Tìm kiếm: queries the word-bucketed index that cchc/search.py writes; fetches only what a query needs.
(function () {
  "use strict";
  var root = document.querySelector("[data-cchc-search]");
  if (!root) return;
  var base = root.getAttribute("data-index"); // the index folder, relative to this page
  var site = root.getAttribute("data-site"); // the site root, relative to this page
  var form = root.querySelector("form");
  var status = root.querySelector(".cchc-search__status");
  var list = root.querySelector(".cchc-search__results");
  var PAGE = 20;
  var cache = {};

  // Same as cchc.text.fold: no tone marks, đ as d, lower case.
  function fold(value) {
    return value.normalize("NFC").toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function words(value) {
    return value.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }
  // The CRC-32 of the UTF-8 bytes (zlib's), as cchc.search.bucket_of.
  var CRC = [];
  for (var n = 0; n < 256; n++) {
    var c = n;
    for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    CRC.push(c >>> 0);
  }
  function bucket(word, buckets) {
    var crc = 0xffffffff;
    new TextEncoder().encode(word).forEach(function (byte) { crc = CRC[(crc ^ byte) & 0xff] ^ (crc >>> 8); });
    return ((crc ^ 0xffffffff) >>> 0) % buckets;
  }
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (r.status === 404 && path.startsWith("b/")) return {};  // a bucket no word fell into
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }
  function escape(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // A word's postings (see cchc/search.py): documents as differences or as a base64 bitmap,
  // one base-36 character of weight each, and the written forms where not the first one.
  function decode(entry) {
    var ids = [];
    if (typeof entry[1] === "string") {
      var bits = atob(entry[1]);
      for (var byte = 0; byte < bits.length; byte++) {
        var value = bits.charCodeAt(byte);
        for (var bit = 0; bit < 8; bit++) if (value & (1 << bit)) ids.push(byte * 8 + bit);
      }
    } else {
      var id = 0;
      entry[1].forEach(function (delta) { id += delta; ids.push(id); });
    }
    var docs = new Map();
    ids.forEach(function (doc, i) {
      docs.set(doc, { weight: parseInt(entry[2][i] || "0", 36), mask: i in entry[3] ? entry[3][i] : 1 });
    });
    return { variants: entry[0], docs: docs };
  }

  function rank(manifest, typed, postings, pairs) {
    var lists = postings.slice().sort(function (a, b) { return a.docs.size - b.docs.size; });
    var results = [];
    lists[0].docs.forEach(function (_, doc) {
      if (!lists.every(function (l) { return l.docs.has(doc); })) return;
      var score = 0, exact = 0, inTitle = 0;
      postings.forEach(function (list, i) {
        var hit = list.docs.get(doc);
        if (hit.weight >= 10) inTitle++; // see TITLE_WEIGHT in cchc/search.py
        score += hit.weight * Math.log(1 + manifest.docs / list.docs.size);
        // Typed without diacritics, every form matches alike; typed with them, the same form ranks first.
        var word = typed[i], form = list.variants.indexOf(word);
        if (fold(word) === word || (form >= 0 && (hit.mask & (1 << form)))) exact++;
      });
      var together = 0; // neighbouring query words found next to each other
      pairs.forEach(function (pair) { if (pair.docs.has(doc)) together++; });
      results.push({ doc: doc, score: score, exact: exact, together: together, inTitle: inTitle,
        titleWords: parseInt(manifest.titleWords[doc], 36) });
    });
    // Typed forms first, then the words side by side, then all in the title (the shorter title first).
    return results.sort(function (a, b) {
      return b.exact - a.exact || b.together - a.together || b.inTitle - a.inTitle ||
        (a.inTitle === postings.length ? a.titleWords - b.titleWords : 0) || b.score - a.score || a.doc - b.doc;
    });
  }

  // The passage to show: around the words typed side by side if the text has them, else where most of the
  // typed words are close together; cut at spaces, and marked only where a whole typed word (or the whole
  // phrase) is written.
  var SPAN = 240, BEFORE = 60;
  function excerpt(text, terms) {
    var chars = Array.from(text);
    var folded = chars.map(fold);  // one entry per character, so positions match `chars`
    var flat = folded.join("");
    var offsets = [], at = 0;
    folded.forEach(function (f) { offsets.push(at); at += f.length; });
    var toChar = function (index) { var i = 0; while (i + 1 < offsets.length && offsets[i + 1] <= index) i++; return i; };
    var quote = function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); };
    var bounded = function (inner) { return new RegExp("(^|[^\\p{L}\\p{N}])(" + inner + ")(?=$|[^\\p{L}\\p{N}])", "gu"); };
    // The words in the order typed, whatever stands between them: `489/QĐ-UBND`, `1.000688`, `cải cách`.
    var phrase = terms.length > 1 ? bounded(terms.map(quote).join("[^\\p{L}\\p{N}]+")) : null;
    // Apart, a lone digit or letter of a code (`1` of `1.000688`) would be marked everywhere.
    var apart = terms.length > 1 ? terms.filter(function (t) { return t.length > 1; }) : terms;
    var single = bounded((apart.length ? apart : terms).map(quote).join("|"));
    var best = -1, match;
    if (phrase && (match = phrase.exec(flat))) best = toChar(match.index + match[1].length);
    if (best < 0) {
      var hits = [];
      while ((match = single.exec(flat))) hits.push([toChar(match.index + match[1].length), match[2]]);
      var most = 0;
      hits.forEach(function (hit) {
        var near = {};
        hits.forEach(function (other) { if (other[0] >= hit[0] && other[0] < hit[0] + SPAN - BEFORE) near[other[1]] = true; });
        var n = Object.keys(near).length;
        if (n > most) { most = n; best = hit[0]; }
      });
    }
    var start = best > BEFORE ? best - BEFORE : 0, end = Math.min(chars.length, start + SPAN);
    if (start > 0) { while (start < best && chars[start - 1] !== " ") start++; }  // whole words only
    if (end < chars.length) { while (end > start + 1 && chars[end] !== " ") end--; }
    var window = chars.slice(start, end), windowFolded = folded.slice(start, end).join("");
    var local = [], pos = 0;
    folded.slice(start, end).forEach(function (f) { local.push(pos); pos += f.length; });
    var localChar = function (index) { var i = 0; while (i + 1 < local.length && local[i + 1] <= index) i++; return i; };
    var marker = phrase && new RegExp(phrase.source, "gu").test(windowFolded) ? phrase : single;
    marker.lastIndex = 0;
    var out = "", last = 0;
    while ((match = marker.exec(windowFolded))) {
      var from = localChar(match.index + match[1].length);
      var to = localChar(match.index + match[0].length - 1) + 1;
      out += escape(window.slice(last, from).join("")) + "<mark>" + escape(window.slice(from, to).join("")) + "</mark>";
      last = to;
    }
    out += escape(window.slice(last).join(""));
    return (start > 0 ? "… " : "") + out + (end < chars.length ? " …" : "");
  }

  function state() {
    var params = new URLSearchParams(window.location.search);
    return { q: params.get("q") || "", kind: params.get("loai") || "", department: params.get("co-quan") || "",
             page: Math.max(1, parseInt(params.get("trang") || "1", 10) || 1) };
  }

  function address(current, page) {
    var params = new URLSearchParams();
    if (current.q) params.set("q", current.q);
    if (current.kind) params.set("loai", current.kind);
    if (current.department) params.set("co-quan", current.department);
    if (page > 1) params.set("trang", page);
    return window.location.pathname + (params.toString() ? "?" + params : "");
  }

  // Links to the previous and next pages of results: real links, so they open in a new tab and Back works.
  var nav = document.createElement("nav");
  nav.className = "cchc-pages";
  nav.setAttribute("aria-label", "Các trang kết quả");
  list.after(nav);
  function paging(current, page, pages) {
    nav.textContent = "";
    if (pages < 2) return;
    var link = function (to, label) {
      var a = document.createElement("a");
      a.href = address(current, to);
      a.textContent = label;
      a.addEventListener("click", function (event) {
        event.preventDefault();
        window.history.pushState(null, "", a.href);
        search(state()).then(function () { status.focus(); });
        window.scrollTo(0, 0);
      });
      return a;
    };
    if (page > 1) nav.appendChild(link(page - 1, "← Trang trước"));
    var here = document.createElement("span");
    here.textContent = " Trang " + page + "/" + pages + " ";
    nav.appendChild(here);
    if (page < pages) nav.appendChild(link(page + 1, "Trang sau →"));
  }

  function facet(select, counts, labels, chosen) {
    select.innerHTML = "";
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "Tất cả";
    select.appendChild(all);
    Object.keys(counts).forEach(function (key) {
      var option = document.createElement("option");
      option.value = key;
      option.textContent = labels[key] + " (" + counts[key] + ")";
      select.appendChild(option);
    });
    select.value = counts[chosen] ? chosen : "";
  }

  var run = 0;
  async function search(current) {
    var mine = ++run;
    form.elements.q.value = current.q;
    document.querySelectorAll(".cchc-searchbar input[name=q]").forEach(function (i) { i.value = current.q; });
    var typed = words(current.q);
    list.innerHTML = "";
    if (!typed.length) {
      status.textContent = "Nhập từ cần tìm, có dấu hay không dấu đều được.";
      return;
    }
    status.textContent = "Đang tìm…";
    var manifest = await get("manifest.json");
    var terms = typed.map(fold);
    var pairs = terms.slice(1).map(function (term, i) { return terms[i] + " " + term; });
    var lookup = function (key) {
      return get("b/" + bucket(key, manifest.buckets) + ".json").then(function (b) { return b[key]; });
    };
    var entries = await Promise.all(terms.map(lookup));
    var pairEntries = await Promise.all(pairs.map(lookup));
    // A code or number typed whole (`1.000688`, `489/QĐ-UBND`) finds its procedure or document first.
    var identified = await lookup("#" + fold(current.q).replace(/\s+/g, ""));
    if (mine !== run) return;
    var results = entries.every(Boolean)
      ? rank(manifest, typed, entries.map(decode), pairEntries.filter(Boolean).map(decode)) : [];
    if (typeof identified === "number") {
      results = [{ doc: identified }].concat(results.filter(function (r) { return r.doc !== identified; }));
    }
    var kinds = {}, departments = {}, kindLabels = {}, departmentLabels = {};
    manifest.departments.forEach(function (d) { departmentLabels[d[0]] = d[1]; });
    manifest.kinds.forEach(function (k) { kindLabels[k] = manifest.kindLabels[k]; });
    results.forEach(function (r) {
      var kind = manifest.kinds[+manifest.kind[r.doc]], d = manifest.department[r.doc];
      r.kind = kind;
      r.department = d >= 0 ? manifest.departments[d][0] : "";
      if (!current.department || r.department === current.department) kinds[kind] = (kinds[kind] || 0) + 1;
      if (r.department && (!current.kind || kind === current.kind)) departments[r.department] = (departments[r.department] || 0) + 1;
    });
    facet(form.elements.loai, kinds, kindLabels, current.kind);
    facet(form.elements["co-quan"], departments, departmentLabels, current.department);
    var shown = results.filter(function (r) {
      return (!current.kind || r.kind === current.kind) && (!current.department || r.department === current.department);
    });
    var pages = Math.max(1, Math.ceil(shown.length / PAGE)), page = Math.min(current.page, pages);
    var found = shown.length
      ? "Tìm thấy " + shown.length + " kết quả" + (pages > 1 ? ", trang " + page + "/" + pages : "")
      : "Không tìm thấy kết quả nào cho “" + current.q + "”. Thử bớt một từ, hoặc kiểm tra chính tả (gõ có dấu hay không dấu đều được).";
    var top = shown.slice((page - 1) * PAGE, page * PAGE);
    var metas = await Promise.all(top.map(function (r) { return get("d/" + r.doc + ".json"); }));
    if (mine !== run) return;
    list.innerHTML = top.map(function (r, i) {
      var meta = metas[i];
      var details = [kindLabels[meta[2]], meta[3] ? departmentLabels[meta[3]] : "", meta[4]].filter(Boolean).join(" · ");
      return '<li class="cchc-hit" data-kind="' + meta[2] + '"><a href="' + site + escape(meta[1]) + '">' + escape(meta[0]) + "</a>" +
        '<div class="cchc-hit__meta">' + escape(details) + "</div>" +
        '<p class="cchc-hit__excerpt">' + excerpt(meta[5], terms) + "</p></li>";
    }).join("");
    list.start = (page - 1) * PAGE + 1;
    paging(current, page, pages);
    status.textContent = found; // last: tests and screen readers know the results are there
  }

  function submit(event) {
    if (event) event.preventDefault();
    var params = new URLSearchParams();
    var q = form.elements.q.value.trim();
    if (q) params.set("q", q);
    if (form.elements.loai.value) params.set("loai", form.elements.loai.value);
    if (form.elements["co-quan"].value) params.set("co-quan", form.elements["co-quan"].value);
    window.history.pushState(null, "", window.location.pathname + (params.toString() ? "?" + params : ""));
    search(state());
  }

  form.addEventListener("submit", submit);
  form.elements.loai.addEventListener("change", function () { submit(); });
  form.elements["co-quan"].addEventListener("change", function () { submit(); });
  window.addEventListener("popstate", function () { search(state()); });
  search(state()).catch(function (error) {
    status.textContent = "Không tải được chỉ mục tìm kiếm (" + error.message + ").";
  });
})();

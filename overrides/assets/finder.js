// A finder (Tra cứu thủ tục, Tra cứu văn bản): lists a catalogue from its data file and filters it; the filters
// live in the URL. The data (cchc/finder.py) names its facets, the ones that group the list under headings, and
// per item its title, address, note and the index of its value in each facet. Without JavaScript the page links to
// listings that need none instead.
(function () {
  "use strict";
  var form = document.querySelector(".cchc-finder");
  var catalogue = document.querySelector(".cchc-catalogue[data-source]");
  if (!form || !catalogue) return;
  var TEXT = "tim"; // not `q`: Material opens its own search box for `?q=`
  var NOUN = form.getAttribute("data-noun");
  var FACETS = [];

  // Same folding as cchc.text.fold: no tone marks, đ as d, lower case.
  function fold(value) {
    return value.replace(/[đĐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var items = [];
  var groups = [];
  var status = form.querySelector(".cchc-finder__status");

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { el.setAttribute(name, attributes[name]); });
    if (text) el.textContent = text;
    return el;
  }

  // In the data's order; a grouping facet opens a section with a counted heading wherever its value changes.
  function list(data) {
    FACETS = data.facets.map(function (facet) { return facet.name; });
    var grouping = data.groups.map(function (name) { return FACETS.indexOf(name); });
    var open = grouping.map(function () { return null; });
    var last = grouping.map(function () { return -1; });
    var itemList = null;
    data.items.forEach(function (row) {
      var indexes = FACETS.map(function (_, f) { return String(row[4 + f]).split(" ").filter(Boolean); });
      grouping.forEach(function (f, level) {
        var value = +indexes[f][0];
        if (value === last[level]) return;
        var label = data.facets[f].values[value][1];
        var section = element("section", { "data-group": FACETS[f] });
        section.appendChild(element("h" + (level + 2), { "data-label": label }, label));
        (level === 0 ? catalogue : open[level - 1]).appendChild(section);
        groups.push(section);
        open[level] = section; last[level] = value;
        for (var deeper = level + 1; deeper < grouping.length; deeper++) last[deeper] = -1;
        itemList = null;
      });
      if (!itemList) {
        itemList = element("ul", {});
        (grouping.length ? open[grouping.length - 1] : catalogue).appendChild(itemList);
      }
      var values = {};
      var attributes = { "data-id": row[3] };
      FACETS.forEach(function (facet, f) {
        values[facet] = indexes[f].map(function (i) { return data.facets[f].values[+i][0]; });
        attributes["data-" + facet] = values[facet].join(" ");
      });
      var li = element("li", attributes);
      li.appendChild(element("a", { href: row[1] }, row[0]));
      if (row[2]) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(element("span", { "class": data.noteClass }, row[2]));
      }
      itemList.appendChild(li);
      items.push({ el: li, text: fold(row[0] + " " + row[2]), values: values,
                   groups: open.slice(0, grouping.length).reverse() });
    });
  }

  function read() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get(TEXT) || "" };
    FACETS.forEach(function (facet) { state[facet] = params.get(facet) || ""; });
    return state;
  }

  function write(state) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set(TEXT, state.q.trim());
    FACETS.forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function fromForm() {
    var state = { q: form.elements[TEXT].value };  // as typed: the space before the next word included
    FACETS.forEach(function (facet) { state[facet] = form.elements[facet].value; });
    return state;
  }

  function matches(item, state, words, except) {
    for (var i = 0; i < FACETS.length; i++) {
      var facet = FACETS[i];
      if (facet !== except && state[facet] && item.values[facet].indexOf(state[facet]) < 0) return false;
    }
    for (var j = 0; j < words.length; j++) if (item.text.indexOf(words[j]) < 0) return false;
    return true;
  }

  function apply(state, fromUrl) {
    if (fromUrl) form.elements[TEXT].value = state.q;  // never while typing: it would eat the space just typed
    var words = fold(state.q).split(/\s+/).filter(Boolean);
    var shown = 0;
    var inGroup = new Map();
    items.forEach(function (item) {
      var visible = matches(item, state, words, null);
      if (item.el.hidden === visible) item.el.hidden = !visible; // touch the DOM only where it changes
      if (!visible) return;
      shown++;
      item.groups.forEach(function (group) { inGroup.set(group, (inGroup.get(group) || 0) + 1); });
    });
    // Counts per facet value: what choosing it would show, given the other filters.
    FACETS.forEach(function (facet) {
      var counts = {};
      items.forEach(function (item) {
        if (matches(item, state, words, facet)) item.values[facet].forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      var select = form.elements[facet];
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var n = counts[option.value] || 0;
        option.textContent = option.getAttribute("data-label") + " (" + n + ")";
        option.disabled = n === 0 && option.value !== state[facet];
      });
      select.value = state[facet];
      if (select.value !== state[facet]) select.value = "";
    });
    groups.forEach(function (group) {
      var n = inGroup.get(group) || 0;
      if (group.hidden !== (n === 0)) group.hidden = n === 0;
      var heading = group.firstElementChild;
      var label = heading.getAttribute("data-label") + " (" + n + ")";
      if (heading.textContent !== label) heading.textContent = label;
    });
    status.textContent = shown === items.length
      ? "Tất cả " + items.length + " " + NOUN
      : shown === 0
        ? "Không có " + NOUN + " nào khớp. Thử bớt một từ, kiểm tra chính tả (gõ có dấu hay không dấu đều được)"
          + (FACETS.some(function (f) { return state[f]; }) ? ", hoặc chọn “Tất cả” ở các bộ lọc." : ".")
        : "Tìm thấy " + shown + " / " + items.length + " " + NOUN;
  }

  var typing = null;
  function update(push) {
    var state = fromForm();
    var url = write(state);
    if (url !== window.location.pathname + window.location.search) {
      if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
    }
    apply(state);
  }

  form.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT") update(true);
  });
  form.elements[TEXT].addEventListener("input", function () {
    // The first keystroke of a search makes a history entry; the rest refine it.
    var push = typing === null;
    clearTimeout(typing);
    update(push);
    typing = setTimeout(function () { typing = null; }, 1000);
  });
  // The results update as one types: Enter has nothing to send.
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("popstate", function () { apply(read(), true); });
  fetch(catalogue.getAttribute("data-source"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (data) {
      list(data);
      var browse = document.querySelector(".cchc-finder__browse");
      if (browse) browse.hidden = true;  // the list above shows the same, and filters it
      form.hidden = false;
      apply(read(), true);
    })
    .catch(function () {
      var note = element("p", { role: "status" }, "Chưa tải được danh mục để tìm, lọc. Xem các danh sách dưới đây.");
      catalogue.appendChild(note);
    });
})();

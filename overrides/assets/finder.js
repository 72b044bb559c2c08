// Tra cứu thủ tục: filters the catalogue listed on the page; the filters live in the URL.
(function () {
  "use strict";
  var form = document.querySelector(".cchc-finder");
  if (!form) return;
  var FACETS = ["co-quan", "linh-vuc", "cap", "truc-tuyen"];
  var TEXT = "tim"; // not `q`: Material opens its own search box for `?q=`

  // Same folding as cchc.text.fold: no tone marks, đ as d, lower case.
  function fold(value) {
    return value.replace(/[đĐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var items = Array.prototype.map.call(document.querySelectorAll(".cchc-catalogue li[data-code]"), function (el) {
    var values = {};
    FACETS.forEach(function (facet) { values[facet] = el.getAttribute("data-" + facet).split(" "); });
    var field = el.closest("section");
    return { el: el, text: fold(el.textContent), values: values, groups: [field, field.parentElement.closest("section")] };
  });
  var groups = Array.prototype.slice.call(document.querySelectorAll(".cchc-catalogue section"));
  var status = form.querySelector(".cchc-finder__status");

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
      ? "Tất cả " + items.length + " thủ tục"
      : shown === 0
        ? "Không có thủ tục nào khớp. Thử bớt một từ, kiểm tra chính tả (gõ có dấu hay không dấu đều được)"
          + (FACETS.some(function (f) { return state[f]; }) ? ", hoặc chọn “Tất cả” ở các bộ lọc." : ".")
        : "Tìm thấy " + shown + " / " + items.length + " thủ tục";
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
  form.hidden = false;
  apply(read(), true);
})();

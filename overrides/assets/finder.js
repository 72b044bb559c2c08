// Tra cứu thủ tục: lists the catalogue from its data file (tra-cuu.json) and filters it; the filters live in the
// URL. Without JavaScript the page links to each department's listing instead.
(function () {
  "use strict";
  var form = document.querySelector(".cchc-finder");
  var catalogue = document.querySelector(".cchc-catalogue[data-source]");
  if (!form || !catalogue) return;
  var FACETS = ["co-quan", "linh-vuc", "cap", "truc-tuyen"];
  var TEXT = "tim"; // not `q`: Material opens its own search box for `?q=`

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

  // Grouped by department, then field, in the data's order (the catalogue's): sections with a counted heading.
  function list(data) {
    var department = null, field = null, fieldList = null, lastDepartment = -1, lastField = -1;
    data.items.forEach(function (row) {
      var code = row[0], name = row[1], d = row[2], f = row[3];
      if (d !== lastDepartment) {
        var label = data.departments[d][1];
        department = element("section", { "data-group": "co-quan" });
        department.appendChild(element("h2", { "data-label": label }, label));
        catalogue.appendChild(department);
        groups.push(department);
        lastDepartment = d; lastField = -1;
      }
      if (f !== lastField) {
        var fieldLabel = data.fields[f][1];
        field = element("section", { "data-group": "linh-vuc" });
        field.appendChild(element("h3", { "data-label": fieldLabel }, fieldLabel));
        fieldList = field.appendChild(element("ul", {}));
        department.appendChild(field);
        groups.push(field);
        lastField = f;
      }
      var values = { "co-quan": [data.departments[d][0]], "linh-vuc": [data.fields[f][0]], "cap": row[4].split(" "),
                     "truc-tuyen": [row[5]] };
      var li = element("li", { "data-code": code, "data-co-quan": values["co-quan"][0], "data-linh-vuc": values["linh-vuc"][0],
                               "data-cap": row[4], "data-truc-tuyen": row[5] });
      li.appendChild(element("a", { href: row[6] }, name));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(element("span", { "class": "cchc-code" }, code));
      fieldList.appendChild(li);
      items.push({ el: li, text: fold(name + " " + code), values: values, groups: [field, department] });
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
  fetch(catalogue.getAttribute("data-source"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    })
    .then(function (data) {
      list(data);
      var byDepartment = document.querySelector(".cchc-finder__departments");
      if (byDepartment) byDepartment.hidden = true;  // the list above shows the same, and filters it
      form.hidden = false;
      apply(read(), true);
    })
    .catch(function () {
      var note = element("p", { role: "status" }, "Chưa tải được danh mục để tìm, lọc. Xem thủ tục theo từng cơ quan dưới đây.");
      catalogue.appendChild(note);
    });
})();

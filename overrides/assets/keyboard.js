// What the keyboard needs that Material's markup lacks.
//
// The menu button is a <label> for a hidden checkbox, which the keyboard never reaches: give it what a
// button has (Tab, Space as well as the Enter Material already handles, its state read out), move the focus
// into the menu it opens, and let Escape close it.
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('.md-header label[for="__drawer"]');
  if (!toggle || !button) return;
  button.setAttribute("role", "button");
  button.setAttribute("aria-label", "Danh mục");
  button.setAttribute("aria-controls", "__drawer");
  button.tabIndex = 0;
  var byKeyboard = false;
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter") byKeyboard = true;  // Material clicks a focused label on Enter
    if (event.key === " ") { event.preventDefault(); byKeyboard = true; button.click(); }
  });
  toggle.addEventListener("change", function () {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    var first = document.querySelector(".md-sidebar--primary a[href]");
    if (toggle.checked && byKeyboard && first) setTimeout(function () { first.focus(); }, 50);  // once visible
    byKeyboard = false;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) { toggle.click(); button.focus(); }
  });
  button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
})();

// A table wider than the column scrolls sideways inside Material's wrapper: make the wrapper reachable by Tab
// (then the arrow keys scroll it) and name it, as WCAG asks of a scrollable region.
(function () {
  "use strict";
  function reachable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Bảng, cuộn ngang để xem hết");
      } else if (!scrolls && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  window.addEventListener("load", reachable);
  window.addEventListener("resize", reachable);
})();

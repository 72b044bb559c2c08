// The print button of articles, documents and procedures (overrides/main.html): the page as the stylesheet prints it.
(function () {
  "use strict";
  var button = document.querySelector(".cchc-print");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();

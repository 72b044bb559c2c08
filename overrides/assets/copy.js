// Theo dõi: "Sao chép" puts a feed's address on the clipboard, or selects it where the browser will not.
(function () {
  "use strict";
  var status = document.querySelector(".cchc-copy__status");
  document.querySelectorAll(".cchc-copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var address = button.getAttribute("data-copy");
      var done = function () { status.textContent = "Đã chép địa chỉ: " + address; };
      var select = function () {
        var range = document.createRange();
        range.selectNodeContents(button.previousElementSibling);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        status.textContent = "Đã chọn địa chỉ: bấm Ctrl+C (hoặc giữ ngón tay, chọn Sao chép) để chép.";
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(address).then(done, select);
      else select();
    });
  });
})();

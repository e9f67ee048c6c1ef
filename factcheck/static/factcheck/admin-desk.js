// Give each select2 search box (the admin's autocomplete fields) an accessible name: select2
// creates them without a label, so screen readers announced an unnamed text box.
"use strict";
(function () {
  function labelSearchBoxes() {
    document.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (box) {
      // A multiple select's box sits in the container right after its <select>; the dropdown's box
      // (opened from any select) lives in a container appended to <body>.
      var container = box.closest(".select2-container");
      var select = container ? container.previousElementSibling : null;
      var label = select && select.tagName === "SELECT" && select.id
        ? document.querySelector("label[for='" + select.id + "']")
        : null;
      var name = label ? label.textContent.replace(/:\s*$/, "").trim().toLowerCase() : "";
      box.setAttribute("aria-label", name ? "Search " + name : "Search");
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    labelSearchBoxes();
    new MutationObserver(labelSearchBoxes).observe(document.body, { childList: true, subtree: true });
  });
})();

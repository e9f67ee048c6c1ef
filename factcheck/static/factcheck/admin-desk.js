// Make select2 (the admin's autocomplete fields) meet ARIA 1.2: name its search boxes, which it
// creates without a label, and give its comboboxes the aria-controls the role requires (select2
// only sets the older aria-owns).
"use strict";
(function () {
  function labelSearchBoxes() {
    document.querySelectorAll(".select2-selection[role='combobox'][aria-owns]").forEach(function (box) {
      if (box.getAttribute("aria-controls") !== box.getAttribute("aria-owns")) {
        box.setAttribute("aria-controls", box.getAttribute("aria-owns"));
      }
    });
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

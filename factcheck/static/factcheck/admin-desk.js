// Make select2 (the admin's autocomplete fields) meet ARIA 1.2: name its search boxes, which it
// creates without a label, and give its comboboxes the aria-controls the role requires (select2
// only sets the older aria-owns). Also, as select2 4.1 does: a single select is named by its field's
// label (an empty one had no name at all), its shown value is not a second, nameless "textbox", and
// the "remove all" cross of a multiple select sits in a list item of the list it is put in; and its
// list of choices, once open, is inside the page's main landmark.
"use strict";
(function () {
  function fieldLabel(select) {
    return select && select.id ? document.querySelector("label[for='" + select.id + "']") : null;
  }

  function nameSingleSelects() {
    document.querySelectorAll(".select2-selection--single[role='combobox']").forEach(function (box) {
      var container = box.closest(".select2-container");
      var label = fieldLabel(container ? container.previousElementSibling : null);
      var shown = box.querySelector(".select2-selection__rendered");
      if (shown && shown.getAttribute("role") === "textbox") {
        shown.removeAttribute("role");
        shown.removeAttribute("aria-readonly");
      }
      if (label && shown && shown.id) {
        label.id = label.id || label.htmlFor + "_label";
        var names = label.id + " " + shown.id;
        if (box.getAttribute("aria-labelledby") !== names) {
          box.setAttribute("aria-labelledby", names);
        }
      }
    });
    document.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach(function (cross) {
      var item = document.createElement("li");
      item.className = "select2-selection__clear-item";
      cross.parentNode.insertBefore(item, cross);
      item.appendChild(cross);
    });
  }

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

  // select2 opens its list of choices at the end of <body>, outside every landmark; it belongs to the
  // page's main content. #container, the nearest positioned box, starts where <body> does, so the list
  // stays where select2 placed it.
  function keepChoicesInMain() {
    var main = document.querySelector("main");
    document.querySelectorAll("body > .select2-container").forEach(function (choices) {
      if (main) {
        main.appendChild(choices);
      }
    });
  }

  function mendSelect2() {
    labelSearchBoxes();
    nameSingleSelects();
    keepChoicesInMain();
  }

  document.addEventListener("DOMContentLoaded", function () {
    mendSelect2();
    new MutationObserver(mendSelect2).observe(document.body, { childList: true, subtree: true });
  });
})();

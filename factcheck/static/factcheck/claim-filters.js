// The claim filters sit behind a "Filter claims" button (a <details>) so that on a phone the
// first claims show on the first screen. On a wide screen there is room beside the list, so
// they open at once. Without JavaScript the button still opens them.
(function () {
  "use strict";
  var panel = document.getElementById("filters-panel");
  if (panel && window.matchMedia("(min-width: 60rem)").matches) {
    panel.open = true;
  }

  // htmx replaces only the results, which say which filters were not applied. A field's error from
  // the address the page was opened with goes once the results no longer name that field.
  document.addEventListener("htmx:afterSettle", function () {
    var named = {};
    document.querySelectorAll("#claim-results a.filter-error-link").forEach(function (link) {
      named[link.hash.slice(1)] = true;
    });
    document.querySelectorAll("#claim-filters [aria-invalid=true]").forEach(function (field) {
      if (named[field.id]) {
        return;
      }
      var error = document.getElementById(field.id + "_error");
      if (error) {
        error.remove();
      }
      field.removeAttribute("aria-invalid");
      var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== field.id + "_error";
      });
      if (described.length) {
        field.setAttribute("aria-describedby", described.join(" "));
      } else {
        field.removeAttribute("aria-describedby");
      }
    });
  });
})();

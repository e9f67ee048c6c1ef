// The claim filters sit behind a "Filter claims" button (a <details>) so that on a phone the
// first claims show on the first screen. On a wide screen there is room beside the list, so
// they open at once. Without JavaScript the button still opens them.
(function () {
  "use strict";
  var panel = document.getElementById("filters-panel");
  if (panel && window.matchMedia("(min-width: 60rem)").matches) {
    panel.open = true;
  }
})();

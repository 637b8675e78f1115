// The console's own enhancements; every page works without them.
"use strict";

// Search boxes over long lists of checkboxes (measures, partners): shown only where this script runs.
document.querySelectorAll("[data-filter]").forEach(function (input) {
  var list = document.getElementById(input.getAttribute("data-filter"));
  if (!list) return;
  input.closest(".filter-box").hidden = false;
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    list.querySelectorAll("[data-search]").forEach(function (item) {
      var text = item.getAttribute("data-search");
      var checked = item.querySelector("input:checked");
      item.hidden = !checked && !words.every(function (w) { return text.indexOf(w) >= 0; });
    });
  });
});

// A warning before leaving a form with changes that were not saved.
document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
  // A form shown again after a refused save holds what was not saved yet.
  var changed = document.getElementById("error-summary") !== null;
  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("change", function () { changed = true; });
  form.addEventListener("submit", function () { changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (changed) { event.preventDefault(); event.returnValue = ""; }
  });
});

// After a refused save, the summary of what to fix takes the focus.
var summary = document.getElementById("error-summary");
if (summary) summary.focus();

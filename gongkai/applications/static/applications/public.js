/*
 * Progressive enhancement for the application form (the form works without it):
 * move focus to the error summary after a refused submission, so keyboard and
 * screen-reader users hear what to fix first.
 */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();

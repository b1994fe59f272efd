// Progressive enhancement only: every page works without this file.
// Moves focus to an error summary on load, for browsers that ignore autofocus on it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary && document.activeElement !== summary) { summary.focus(); }
});

/* The offline site: from file:// a browser ignores the `download` attribute of a link to a file and opens it,
 * so the Cite panel's files, carried in this script (EDITION_FILES, written above it), are handed over as data:
 * links, which download. A served site is left to its server. */
(function () {
  "use strict";
  if (window.location.protocol !== "file:") { return; }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[download]");
    var name = link ? link.getAttribute("download") : "";
    if (!link || !Object.prototype.hasOwnProperty.call(EDITION_FILES, name)) { return; }
    event.preventDefault();
    var copy = document.createElement("a");
    copy.href = "data:" + (link.getAttribute("type") || "text/plain") + ";charset=utf-8," +
      encodeURIComponent(EDITION_FILES[name]);
    copy.download = name;
    document.body.appendChild(copy);
    copy.click();
    copy.remove();
  }, true);
}());

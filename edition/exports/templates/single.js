/* What the single HTML file adds to the edition's own script (edition.js): a search over the index kept in
 * the file, and the Cite panel's downloads carried in the file. Nothing is fetched: everything shown is taken from the file itself. */
(function () {
  "use strict";

  var doc = document;

  function el(tag, attrs, children) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
    });
    return node;
  }

  function data(id) {
    var node = doc.getElementById(id);
    try { return node ? JSON.parse(node.textContent) : null; } catch (e) { return null; }
  }

  /* A note's preview and the notes in the margin are the edition's own script's (edition.js), as on the site:
     one preview at a time. */

  /* ------------------------------------------------------- search */

  var index = data("ed-search-data") || [];
  var LIMIT = 50;

  function words(text) {
    return text.toLowerCase().split(/[\s\-]+/).filter(function (word) { return word.length > 0; });
  }

  function snippet(text, word) {
    var at = text.toLowerCase().indexOf(word);
    var start = Math.max(0, at - 60);
    var end = Math.min(text.length, at + word.length + 100);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  index.forEach(function (entry) { entry.lower = entry.text.toLowerCase(); });

  var input = el("input", { type: "search", id: "ed-find-input", autocomplete: "off", spellcheck: "false" });
  var count = el("p", { "class": "ed-find-count", role: "status" });
  var results = el("ol", { "class": "ed-find-results" });
  var panel = el("div", { "class": "ed-find-panel", id: "ed-find-panel", hidden: "" }, [
    el("label", { "for": "ed-find-input" }, ["Search the essay, the notes, the sources and the other pages"]),
    input, count, results
  ]);
  var button = el("button", {
    type: "button", "class": "ed-find-button", "aria-expanded": "false", "aria-controls": "ed-find-panel"
  }, ["Search"]);
  var box = el("div", { "class": "ed-find", role: "search" }, [button, panel]);

  function find(query) {
    var wanted = words(query);
    results.textContent = "";
    if (!wanted.length) { count.textContent = ""; return; }
    var found = index.filter(function (entry) {
      return wanted.every(function (word) { return entry.lower.indexOf(word) >= 0; });
    });
    count.textContent = found.length === 1 ? "1 place" : found.length + " places";
    found.slice(0, LIMIT).forEach(function (entry) {
      results.appendChild(el("li", {}, [el("a", { href: "#" + entry.id }, [
        el("span", { "class": "ed-find-where" }, [entry.title]), " ",
        el("span", { "class": "ed-find-text" }, [snippet(entry.text, wanted[0])])
      ])]));
    });
  }

  function open(show) {
    panel.hidden = !show;
    button.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) { input.focus(); }
  }

  if (index.length) {
    doc.body.appendChild(box);
    button.addEventListener("click", function () { open(panel.hidden); });
    input.addEventListener("input", function () { find(input.value); });
    results.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) { open(false); } // the place found, in full view
    });
    doc.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { open(false); button.focus(); }
    });
  }

  /* ---------------------------------------- the Cite panel's files */

  var files = data("ed-cite-data") || {};
  doc.querySelectorAll(".ed-cite-files a[download]").forEach(function (link) {
    var name = link.getAttribute("download");
    if (Object.prototype.hasOwnProperty.call(files, name)) {
      link.setAttribute("href", "data:" + (link.getAttribute("type") || "text/plain") + ";charset=utf-8," +
        encodeURIComponent(files[name]));
    }
  });
}());

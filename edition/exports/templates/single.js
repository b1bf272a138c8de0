/* What the single HTML file adds to the edition's own script (edition.js): a preview of each note when its
 * marker is hovered or focused, a search over the index kept in the file, and the Cite panel's downloads
 * carried in the file. Nothing is fetched: everything shown is taken from the file itself. */
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

  /* ------------------------------------------------ note previews */

  var tip = el("div", { "class": "ed-fnpreview md-typeset", id: "ed-fnpreview", role: "tooltip", hidden: "" });
  var shownFor = null;
  var timer = 0;

  function noteOf(marker) {
    var id = decodeURIComponent((marker.getAttribute("href") || "").slice(1));
    var note = id ? doc.getElementById(id) : null;
    return note && note.tagName === "LI" ? note : null;
  }

  function place(marker) {
    var mark = marker.getBoundingClientRect();
    var width = Math.min(doc.documentElement.clientWidth - 16, 560);
    tip.style.width = width + "px";
    var left = Math.max(8, Math.min(mark.left - 24, doc.documentElement.clientWidth - width - 8));
    var below = mark.bottom + 8;
    var up = below + tip.offsetHeight > window.innerHeight && mark.top - tip.offsetHeight - 8 > 0;
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = ((up ? mark.top - tip.offsetHeight - 8 : below) + window.scrollY) + "px";
  }

  function show(marker) {
    var note = noteOf(marker);
    if (!note) { return; }
    window.clearTimeout(timer);
    if (shownFor === marker) { return; }
    hide();
    Array.prototype.forEach.call(note.childNodes, function (node) { tip.appendChild(node.cloneNode(true)); });
    tip.querySelectorAll(".footnote-backref, .note-heading").forEach(function (node) { node.remove(); });
    tip.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    tip.querySelectorAll("a[href], [tabindex]").forEach(function (node) { node.setAttribute("tabindex", "-1"); });
    tip.hidden = false;
    shownFor = marker;
    marker.setAttribute("aria-describedby", tip.id);
    place(marker);
  }

  function hide() {
    window.clearTimeout(timer);
    if (shownFor) { shownFor.removeAttribute("aria-describedby"); }
    shownFor = null;
    tip.hidden = true;
    tip.textContent = "";
  }

  function hideSoon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(hide, 300);
  }

  function markerAt(target) {
    var marker = target.closest && target.closest("a.footnote-ref");
    return marker && !marker.closest(".ed-fnpreview, .ed-sidenote, .ed-notepop") ? marker : null;
  }

  doc.body.appendChild(tip);
  doc.addEventListener("mouseover", function (event) {
    var marker = markerAt(event.target);
    if (marker) { show(marker); } else if (tip.contains(event.target)) { window.clearTimeout(timer); } else if (shownFor) { hideSoon(); }
  });
  doc.addEventListener("focusin", function (event) {
    var marker = markerAt(event.target);
    if (marker) { show(marker); } else { hide(); }
  });
  doc.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });
  doc.addEventListener("click", function () { hide(); });
  window.addEventListener("resize", function () { if (shownFor) { place(shownFor); } });

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

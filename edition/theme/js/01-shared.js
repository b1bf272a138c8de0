/* The edition's reading aids, in plain JavaScript: the choice of reading
 * (corrected or as printed, remembered), the popovers that say what was
 * printed and why, paragraph numbers that copy their own link, a heading for
 * the notes, notes in the margin of a wide window, a note shown in place when
 * its marker is tapped, previews of the sources a note cites, and a panel
 * that cites the edition or a paragraph. Nothing here loads anything from
 * anywhere: whatever is shown is taken from the page itself. */
(function () {
  "use strict";

  var KEY = "edition.reading";
  var PRINTED = "reading-printed";
  var doc = document;
  var root = doc.documentElement;

  /* ---------------------------------------------------------- helpers */

  function el(tag, attrs, children) {
    var node = doc.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
    });
    return node;
  }

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; } // file:// may refuse
  }

  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* applied, not remembered */ }
  }


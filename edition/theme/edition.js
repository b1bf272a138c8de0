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

  /* ------------------------------------------------------ the reading */

  function isPrinted() {
    return root.classList.contains(PRINTED);
  }

  var relayout = function () { /* set once the margin notes exist */ };

  function setReading(printed) {
    root.classList.toggle(PRINTED, printed);
    doc.querySelectorAll(".ed-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", printed ? "true" : "false");
    });
    relayout(); // line breaks move with the reading
  }

  setReading(stored() === "printed"); // at once, before the first paint where possible

  // The key shows a reading this edition itself corrected or supplied, so it speaks the text's own language.
  function sampleReading() {
    var found = document.querySelector(".iv:not(.iv-marker):not(.iv-lacuna) > .iv-edited");
    var text = found ? found.textContent.trim() : "";
    return text && text.length <= 20 ? text : "text";
  }

  function readingBar() {
    var toggle = el("button", {
      type: "button", "class": "ed-toggle", "aria-pressed": isPrinted() ? "true" : "false",
      title: "Show the text as corrected by the edition, or exactly as the copy-text prints it"
    }, [
      el("span", { "class": "ed-toggle-label" }, ["Reading:"]), " ",
      el("span", { "class": "ed-toggle-options" }, [
        el("span", { "class": "ed-opt ed-opt-corrected" }, ["corrected"]),
        el("span", { "class": "ed-visually-hidden" }, [" / "]),
        el("span", { "class": "ed-opt ed-opt-printed" }, ["as printed"])
      ])
    ]);
    toggle.addEventListener("click", function () {
      var printed = !isPrinted();
      hidePopover();
      setReading(printed);
      store(printed ? "printed" : "corrected");
    });
    var key = el("details", { "class": "ed-key" }, [
      el("summary", {}, ["Editorial signs"]),
      el("dl", {}, [
        el("dt", {}, [el("span", { "class": "ed-sample-under" }, [sampleReading()])]),
        el("dd", {}, ["a corrected or supplied reading"]),
        el("dt", {}, [el("span", { "class": "ed-sample-muted" }, ["[4]"])]),
        el("dd", {}, ["a note marker restored by the editor"]),
        el("dt", {}, [el("span", { "class": "ed-sample-muted" }, ["°"])]),
        el("dd", {}, ["a joined sentence, removed debris, or an editorial comment"]),
        el("dt", {}, [el("span", { "class": "ed-sample-muted" }, ["[…]"])]),
        el("dd", {}, ["the text breaks off"]),
        el("dt", {}, ["¶ 12"]),
        el("dd", {}, ["paragraph number: a link to the paragraph, copied when clicked"])
      ]),
      el("p", {}, ["Point at or tab to a marked place to see what was printed there and why."])
    ]);
    return el("div", { "class": "ed-bar", role: "group", "aria-label": "Reading" }, [toggle, key]);
  }

  function splitByline(byline) {
    if (byline.children.length) { return; }
    var text = byline.textContent.trim();
    var found = /^(.*?)\s*\((.*)\)$/.exec(text);
    var parts = found
      ? [el("span", { "class": "byline-author" }, [found[1]]), el("span", { "class": "byline-paren" }, [" ("]),
         el("span", { "class": "byline-place" }, [found[2]]), el("span", { "class": "byline-paren" }, [")"])]
      : [el("span", { "class": "byline-author" }, [text])];
    byline.textContent = "";
    parts.forEach(function (part) { byline.appendChild(part); });
  }

  /* ----------------------------------------- status line ("Link copied") */

  var status = el("div", { "class": "ed-status", role: "status", "aria-live": "polite" });
  var statusTimer = 0;

  function announce(text) {
    status.textContent = text;
    status.classList.add("ed-status-on");
    window.clearTimeout(statusTimer);
    statusTimer = window.setTimeout(function () {
      status.classList.remove("ed-status-on");
      statusTimer = window.setTimeout(function () { status.textContent = ""; }, 400);
    }, 2200);
  }

  function copyLink(link) {
    var hash = link.getAttribute("href");
    var url = window.location.href.split("#")[0] + hash;
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(function () {
          announce("Link copied: ¶ " + hash.slice(2));
        }, function () { /* refused: the address bar shows the link */ });
      }
    } catch (e) { /* no clipboard: the link still leads to the paragraph */ }
  }

  function numberParagraphs(article) {
    article.querySelectorAll(":scope > p[id], :scope > blockquote > p[id]").forEach(function (paragraph) {
      var found = /^p(\d+)$/.exec(paragraph.id);
      if (!found || paragraph.querySelector(":scope > a.pnum")) { return; }
      var link = el("a", {
        "class": "pnum", href: "#" + paragraph.id, title: "Link to ¶ " + found[1] + " (copied when clicked)",
        "aria-label": "Paragraph " + found[1] + ", copy its link"
      }, [el("span", { "class": "pnum-sign", "aria-hidden": "true" }, ["¶"]), found[1]]);
      paragraph.insertBefore(link, paragraph.firstChild);
    });
  }

  /* ------------------------------------------ interventions: the popover */

  var pop = el("div", { "class": "ed-pop", id: "ed-pop", role: "tooltip", hidden: "" });
  var current = null;
  var hideTimer = 0;

  // Our popovers replace the browser's own tooltip: keep the title's text under another name.
  function moveTitle(node, attribute) {
    if (node.hasAttribute("title")) {
      node.setAttribute(attribute, node.getAttribute("title"));
      node.removeAttribute("title");
    }
  }

  function prepare(iv) { moveTitle(iv, "data-tip"); }

  function row(className, label, text) {
    return el("span", { "class": className }, label ? [label, el("q", {}, [text])] : [text]);
  }

  function fill(iv) {
    var kind = (iv.getAttribute("data-tip") || "").split("; ")[0] || iv.getAttribute("data-intervention") || "";
    var printed = iv.querySelector(":scope > .iv-printed");
    var edited = iv.querySelector(":scope > .iv-edited");
    var reason = iv.getAttribute("data-reason");
    var entry = iv.querySelector(":scope > a.iv-app");
    var rows = [el("span", { "class": "ed-pop-kind" }, [kind])];
    if (printed) { rows.push(row("ed-pop-reading", "printed: ", printed.textContent)); }
    if (printed && edited && isPrinted()) { rows.push(row("ed-pop-reading", "edition: ", edited.textContent)); }
    if (printed && !edited) { rows.push(row("ed-pop-reading", "", "removed by the editor")); }
    if (edited && !printed && iv.getAttribute("data-intervention") !== "lacuna") {
      rows.push(row("ed-pop-reading", "", "not in the print: supplied by the editor"));
    }
    if (reason) { rows.push(row("ed-pop-reason", "", reason)); }
    if (entry) {
      rows.push(el("a", { "class": "ed-pop-app", href: entry.getAttribute("href"), tabindex: "-1" },
                   ["Apparatus entry →"]));
    }
    pop.textContent = "";
    rows.forEach(function (child) { pop.appendChild(child); });
  }

  function place(iv) {
    var rects = iv.getClientRects();
    var box = rects.length ? rects[0] : iv.getBoundingClientRect();
    var width = pop.offsetWidth;
    var height = pop.offsetHeight;
    var left = Math.max(8, Math.min(box.left, root.clientWidth - width - 8));
    var top = box.bottom + 6;
    if (top + height > window.innerHeight - 8 && box.top - height - 6 > 8) { top = box.top - height - 6; }
    pop.style.left = (left + window.scrollX) + "px";
    pop.style.top = (top + window.scrollY) + "px";
  }

  function release(iv) {
    iv.classList.remove("ed-active");
    iv.removeAttribute("aria-describedby");
  }

  function showPopover(iv) {
    window.clearTimeout(hideTimer);
    if (!sheet.contains(iv)) { closeSheet(false); } // one preview at a time; a note's own corrections are in it
    if (current && current !== iv) { release(current); }
    prepare(iv);
    fill(iv);
    pop.hidden = false;
    place(iv);
    current = iv;
    iv.classList.add("ed-active");
    iv.setAttribute("aria-describedby", "ed-pop");
  }

  function hidePopover() {
    window.clearTimeout(hideTimer);
    if (current) { release(current); }
    current = null;
    pop.hidden = true;
  }

  function hideSoon() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hidePopover, 150);
  }

  function interventionAt(target) {
    if (!target || !target.closest || target.closest("a.footnote-ref")) {
      return null; // a marker has Material's tooltip with the note
    }
    return target.closest(".iv");
  }

  doc.addEventListener("mouseover", function (event) {
    if (pop.contains(event.target)) { window.clearTimeout(hideTimer); return; }
    var iv = interventionAt(event.target);
    if (iv) { showPopover(iv); } else if (current && doc.activeElement !== current) { hideSoon(); }
  });
  doc.addEventListener("focusin", function (event) {
    var iv = event.target.classList && event.target.classList.contains("iv") ? event.target : null;
    if (iv) { showPopover(iv); } else if (current) { hidePopover(); }
  });
  doc.addEventListener("focusout", function (event) {
    if (event.target === current) { hideSoon(); }
  });
  window.addEventListener("resize", function () { if (current) { place(current); } });

  /* ------------------------------------------------ shared by what follows */

  function rem() {
    return parseFloat(window.getComputedStyle(root).fontSize) || 16;
  }

  function noteFor(marker) {
    var hash = (marker.getAttribute("href") || "").split("#")[1];
    return hash ? doc.getElementById(decodeURIComponent(hash)) : null;
  }

  /* A copy of a note, without ids (none may be doubled), without the link
     back to the marker it is shown beside and without the heading kept for
     the search and for screen readers. */
  function copyOfNote(item, inert) {
    var box = el("div", { "class": inert ? "ed-sidenote" : "ed-notepop-body", "data-note": item.id });
    Array.prototype.forEach.call(item.childNodes, function (node) { box.appendChild(node.cloneNode(true)); });
    box.querySelectorAll(".footnote-backref, .note-heading").forEach(function (node) { node.remove(); });
    box.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    box.querySelectorAll("[aria-describedby]").forEach(function (node) { node.removeAttribute("aria-describedby"); });
    box.querySelectorAll(".ed-active").forEach(function (node) { node.classList.remove("ed-active"); });
    var label = box.querySelector(".note-label");
    var garbled = label && label.nextElementSibling;
    if (garbled && garbled.matches(".iv-artefact")) { garbled.removeAttribute("tabindex"); } // shown by the label alone
    var after = label && label.nextSibling;
    if (after && after.nodeType === 3) { after.textContent = after.textContent.replace(/^\s+/, ""); }
    if (inert) { // shown to the eye only: the list of notes serves the keyboard and screen readers
      box.setAttribute("aria-hidden", "true");
      box.querySelectorAll("a[href], [tabindex], button, summary").forEach(function (node) {
        node.setAttribute("tabindex", "-1");
      });
    }
    return box;
  }

  /* Where the baseline of the line holding a node lies (client coordinates):
     a zero-sized inline block sits on it. */
  function probeBefore(node) {
    var probe = el("span", { "class": "ed-probe", "aria-hidden": "true" });
    node.parentNode.insertBefore(probe, node);
    if (!probe.getClientRects().length) { // hidden (a restored marker in the reading as printed)
      var holder = node.parentNode.closest(".iv") || node.parentNode;
      holder.parentNode.insertBefore(probe, holder);
    }
    return probe;
  }

  /* ------------------------------------------ notes in the margin (wide) */

  var WIDE = window.matchMedia("(min-width: 1200px)");
  var margin = null;    // the column of copies, inside the article
  var sidenotes = [];   // {marker, note, copy}, in the order of the markers

  function buildMargin(article) {
    var seen = {};
    sidenotes = [];
    article.querySelectorAll('sup[id^="fnref"] > a.footnote-ref').forEach(function (marker) {
      var note = noteFor(marker);
      if (!note || seen[note.id] || !note.closest(".footnote")) { return; }
      seen[note.id] = true;
      var copy = copyOfNote(note, true);
      var first = copy.querySelector("p") || copy;
      first.insertBefore(el("span", { "class": "ed-probe" }), first.firstChild);
      copy.appendChild(el("button", { type: "button", "class": "ed-more", tabindex: "-1" }, ["more"]));
      sidenotes.push({ marker: marker, note: note, copy: copy, open: false });
    });
    if (!sidenotes.length) { return; }
    margin = el("div", { "class": "ed-margin", "aria-hidden": "true", hidden: "" });
    margin.addEventListener("click", openShortened);
    sidenotes.forEach(function (side) { margin.appendChild(side.copy); });
    article.appendChild(margin);
    relayout = scheduleLayout;
    if (window.ResizeObserver) { new ResizeObserver(scheduleLayout).observe(article); }
    window.addEventListener("resize", scheduleLayout);
    WIDE.addEventListener("change", scheduleLayout);
    if (doc.fonts) {
      doc.fonts.ready.then(scheduleLayout);
      doc.fonts.addEventListener("loadingdone", scheduleLayout);
    }
    article.addEventListener("toggle", scheduleLayout, true); // the key of signs opens above the text
    scheduleLayout();
  }

  var layoutFrame = 0;

  function scheduleLayout() {
    if (!layoutFrame) { layoutFrame = window.requestAnimationFrame(layoutMargin); }
  }

  function layoutMargin() {
    layoutFrame = 0;
    if (!margin || !margin.isConnected) { return; }
    var article = margin.parentNode;
    var column = article.querySelector(":scope > p[id^='p']");
    var unit = rem();
    var box = article.getBoundingClientRect();
    var left = column ? column.getBoundingClientRect().right - box.left + 1.6 * unit : 0;
    var width = Math.min(16 * unit, box.width - left + 0.6 * unit);
    var wide = WIDE.matches && column && width >= 9 * unit;
    root.classList.toggle("ed-margin-on", !!wide);
    margin.hidden = !wide;
    if (!wide) { return; }
    margin.style.left = left + "px";
    margin.style.width = width + "px";
    sidenotes.forEach(function (side) { side.copy.classList.remove("ed-short"); side.copy.style.maxHeight = ""; });
    // Read everything, then write: one layout for the copies, one for the markers.
    var top = margin.getBoundingClientRect().top;
    var sizes = sidenotes.map(function (side) {
      var probe = side.copy.querySelector(".ed-probe");
      var own = side.copy.getBoundingClientRect();
      var line = parseFloat(window.getComputedStyle(side.copy).lineHeight) || unit;
      return { height: own.height, baseline: probe ? probe.getBoundingClientRect().bottom - own.top : 0,
               short: Math.min(own.height, SHORT_LINES * line) };
    });
    var probes = sidenotes.map(function (side) { return probeBefore(side.marker.parentNode); });
    var lines = probes.map(function (probe) { return probe.getBoundingClientRect().bottom - top; });
    probes.forEach(function (probe) { probe.remove(); });
    var wanted = lines.map(function (line, index) { return line - sizes[index].baseline; });
    if (keptAt !== width) { sidenotes.forEach(function (side) { side.keep = undefined; }); }
    var placed = placeNotes(wanted, sizes, 0.7 * unit, DRIFT);
    sidenotes.forEach(function (side, index) {
      var short = placed.short[index];
      side.copy.classList.toggle("ed-short", short);
      side.copy.style.maxHeight = short ? sizes[index].short + "px" : "";
      side.copy.style.top = Math.round(placed.tops[index]) + "px";
    });
  }

  var keptAt = 0;       // the margin's width when a note was opened: the notes above it keep their form
  var SHORT_LINES = 3;  // a shortened note shows its first lines and "more"
  var DRIFT = 140;      // how far (px) a note may be pushed below its marker before the ones above it are shortened

  /* Where each note goes: beside its marker, or pushed down below the one before it;
     where that pushes a note too far, the nearest longer note above it is shortened
     (never one the reader has opened), and the whole is placed again. */
  function placeNotes(wanted, sizes, gap, drift) {
    var short = sidenotes.map(function (side) { return side.keep === true; });
    for (;;) {
      var tops = [];
      var bottom = -Infinity;
      var far = -1;
      wanted.forEach(function (want, index) {
        var at = Math.max(want, bottom + gap);
        tops.push(at);
        bottom = Math.round(at) + (short[index] ? sizes[index].short : sizes[index].height);
        if (far < 0 && at - want > drift) { far = index; }
      });
      var shorten = far - 1;
      while (shorten >= 0 && (short[shorten] || sizes[shorten].short >= sizes[shorten].height ||
                              sidenotes[shorten].open || sidenotes[shorten].keep !== undefined)) { shorten -= 1; }
      if (far < 0 || shorten < 0) { return { tops: tops, short: short }; }
      short[shorten] = true;
    }
  }

  // "more" opens a shortened note where it stands; the notes below make room.
  function openShortened(event) {
    var button = event.target.closest && event.target.closest(".ed-more");
    if (!button) { return; }
    var copy = button.closest(".ed-sidenote");
    var above = true;
    sidenotes.forEach(function (side) {
      if (side.copy === copy) { side.open = true; above = false; }
      if (above) { side.keep = side.copy.classList.contains("ed-short"); } // where they are, the opened note stays
    });
    keptAt = parseFloat(margin.style.width);
    scheduleLayout();
  }

  // A marker and its note in the margin light up together.
  function pairOf(target) {
    if (!margin || margin.hidden || !target.closest) { return null; }
    var marker = target.closest("a.footnote-ref");
    var copy = target.closest(".ed-sidenote");
    for (var i = 0; i < sidenotes.length; i += 1) {
      if (sidenotes[i].marker === marker || sidenotes[i].copy === copy) { return sidenotes[i]; }
    }
    return null;
  }

  var lit = null;

  function light(side) {
    if (lit === side) { return; }
    if (lit) { lit.copy.classList.remove("ed-lit"); lit.marker.parentNode.classList.remove("ed-lit"); }
    lit = side;
    if (lit) { lit.copy.classList.add("ed-lit"); lit.marker.parentNode.classList.add("ed-lit"); }
  }

  doc.addEventListener("mouseover", function (event) { light(pairOf(event.target)); });
  doc.addEventListener("focusin", function (event) { light(pairOf(event.target)); });

  /* ------------------------------------------ citations: the source entry */

  var cite = el("div", { "class": "ed-pop ed-cite-pop", id: "ed-cite-pop", role: "dialog", "aria-label": "Source",
                         hidden: "" });
  var citing = null;
  var quiet = false;    // focus given back after Escape does not reopen the preview
  var citeTimer = 0;

  function prepareCitation(link) { moveTitle(link, "data-entry"); }

  function showCitation(link, x, y) {
    window.clearTimeout(citeTimer);
    if (link === citing && !cite.hidden) { return; } // still over the same citation: leave the preview be
    prepareCitation(link);
    var entry = link.getAttribute("data-entry");
    if (!entry) { return; }
    if (citing && citing !== link) { citing.removeAttribute("aria-describedby"); }
    if (!sheet.contains(link)) { closeSheet(false); }
    hidePopover();
    cite.textContent = "";
    cite.appendChild(el("span", { "class": "ed-pop-kind" }, ["Source"]));
    cite.appendChild(el("span", { "class": "ed-cite-entry" }, [entry]));
    cite.appendChild(el("a", { "class": "ed-pop-app", href: link.getAttribute("href") }, ["Sources entry →"]));
    cite.hidden = false;
    citing = link;
    if (!link.closest("[aria-hidden='true']")) { link.setAttribute("aria-describedby", "ed-cite-pop"); }
    var rects = Array.prototype.slice.call(link.getClientRects());
    var box = rects.filter(function (r) {
      return x !== undefined && x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1;
    })[0] || rects[0] || link.getBoundingClientRect();
    var width = cite.offsetWidth;
    var height = cite.offsetHeight;
    var left = Math.max(8, Math.min(x !== undefined ? x - 24 : box.left, root.clientWidth - width - 8));
    var top = box.bottom + 6;
    if (top + height > window.innerHeight - 8 && box.top - height - 6 > 8) { top = box.top - height - 6; }
    cite.style.left = (left + window.scrollX) + "px";
    cite.style.top = (top + window.scrollY) + "px";
  }

  function hideCitation() {
    window.clearTimeout(citeTimer);
    if (citing) { citing.removeAttribute("aria-describedby"); }
    citing = null;
    cite.hidden = true;
  }

  function hideCitationSoon() {
    window.clearTimeout(citeTimer);
    citeTimer = window.setTimeout(hideCitation, 250);
  }

  // The keyboard: Tab from a citation enters its preview, Tab again goes on.
  function tabbables() {
    return Array.prototype.filter.call(doc.querySelectorAll(
      "a[href], button, input, select, textarea, summary, [tabindex]"), function (node) {
      return node.tabIndex >= 0 && !node.disabled && node.getClientRects().length && !cite.contains(node) &&
        !node.closest("[hidden], [aria-hidden='true']");
    });
  }

  doc.addEventListener("mouseover", function (event) {
    var target = event.target;
    if (cite.contains(target)) { window.clearTimeout(citeTimer); return; }
    var link = target.closest && target.closest("a.citation");
    if (link) { showCitation(link, event.clientX, event.clientY); } else if (citing && !cite.contains(doc.activeElement) &&
        doc.activeElement !== citing) { hideCitationSoon(); }
  });
  doc.addEventListener("focusin", function (event) {
    var target = event.target;
    if (cite.contains(target)) { window.clearTimeout(citeTimer); return; }
    if (target.matches && target.matches("a.citation")) {
      if (!quiet) { showCitation(target); }
    } else if (citing) {
      hideCitation();
    }
  });
  doc.addEventListener("keydown", function (event) {
    if (!citing) { return; }
    if (event.key === "Tab" && !event.shiftKey && doc.activeElement === citing) {
      event.preventDefault();
      cite.querySelector("a").focus({ preventScroll: true });
    } else if (event.key === "Tab" && cite.contains(doc.activeElement)) {
      event.preventDefault();
      var from = citing;
      if (event.shiftKey) { from.focus(); return; }
      var all = tabbables();
      var next = all[all.indexOf(from) + 1];
      hideCitation();
      if (next) { next.focus(); } else { from.blur(); }
    }
  });

  /* --------------------------- a note's preview, where the margin does not show it

     One preview at a time, a dialog named after its note: a mouse over a marker or the
     keyboard's focus on it opens it beside the marker and leaves the focus where it was
     (Tab goes in, Escape closes it and gives the focus back to the marker); a tap opens
     it and moves the focus into it. A tap or click outside closes it. Where the note
     stands in the margin, its marker lights it up there and opens nothing. */

  var sheet = el("div", { "class": "ed-notepop md-typeset", id: "ed-notepop", role: "dialog", tabindex: "-1", hidden: "" });
  var sheetMarker = null;
  var lastPointer = "";
  var pressing = false;   // between a pointer's press and its click: the click decides, not the focus
  var peekTimer = 0;
  var giving = false;     // the focus given back to a marker as its preview closes does not reopen it

  function marginShown() {
    return root.classList.contains("ed-margin-on");
  }

  function markerAt(target) {
    var marker = target && target.closest ? target.closest("a.footnote-ref") : null;
    return marker && !marker.closest(".ed-sidenote, .ed-notepop") ? marker : null;
  }

  function closeSheet(refocus) {
    window.clearTimeout(peekTimer);
    if (!sheetMarker) { return; }
    var marker = sheetMarker;
    sheetMarker = null;
    sheet.hidden = true;
    sheet.textContent = "";
    marker.setAttribute("aria-expanded", "false");
    root.classList.remove("ed-notepop-open");
    if (refocus) { giving = true; marker.focus({ preventScroll: true }); giving = false; }
  }

  function openSheet(marker, focus) {
    window.clearTimeout(peekTimer);
    if (sheetMarker === marker) { return true; }
    var note = noteFor(marker);
    if (!note) { return false; }
    hidePopover();
    hideCitation();
    closeSheet(false);
    var label = note.getAttribute("data-label") || marker.textContent;
    var close = el("button", { type: "button", "class": "ed-notepop-close", "aria-label": "Close note " + label }, ["×"]);
    close.addEventListener("click", function () { closeSheet(true); });
    sheet.setAttribute("aria-label", "Note " + label);
    sheet.appendChild(close);
    sheet.appendChild(copyOfNote(note, false));
    sheet.appendChild(el("a", { "class": "ed-notepop-all", href: "#" + note.id }, ["In the list of notes ↓"]));
    sheet.hidden = false;
    sheetMarker = marker;
    marker.setAttribute("aria-controls", "ed-notepop");
    marker.setAttribute("aria-expanded", "true");
    root.classList.add("ed-notepop-open");
    placeSheet();
    if (focus) { sheet.focus({ preventScroll: true }); }
    return true;
  }

  function placeSheet() {
    if (!sheetMarker) { return; }
    var probe = probeBefore(sheetMarker.parentNode);
    var base = probe.getBoundingClientRect();
    probe.remove();
    var mark = sheetMarker.getBoundingClientRect();
    var line = parseFloat(window.getComputedStyle(sheetMarker.closest("p, li") || sheetMarker).lineHeight) || 24;
    var below = base.bottom + 0.45 * line + 4;         // under the line that carries the marker
    var above = base.bottom - 0.75 * line - 4;          // or over it, when there is more room there
    var roomBelow = window.innerHeight - below - 8;
    var roomAbove = above - 8;
    var side = 0.6 * rem();
    var width = Math.min(root.clientWidth - 2 * side, 32 * rem());
    var left = Math.max(side, Math.min(mark.left + mark.width / 2 - width / 2, root.clientWidth - width - side));
    sheet.style.left = (left + window.scrollX) + "px";
    sheet.style.width = width + "px";
    sheet.style.maxHeight = "";
    var height = sheet.offsetHeight;
    var up = height > roomBelow && roomAbove > roomBelow;
    if (height > (up ? roomAbove : roomBelow)) {
      sheet.style.maxHeight = Math.max(96, up ? roomAbove : roomBelow) + "px";
      height = sheet.offsetHeight;
    }
    sheet.classList.toggle("ed-notepop-up", up);
    sheet.style.setProperty("--ed-tail", Math.max(12, Math.min(mark.left + mark.width / 2 - left, width - 12)) + "px");
    sheet.style.top = ((up ? above - height : below) + window.scrollY) + "px";
  }

  function closeSheetSoon() {
    window.clearTimeout(peekTimer);
    peekTimer = window.setTimeout(function () { closeSheet(false); }, 250);
  }

  doc.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "";
    pressing = true;
    var target = event.target;
    if (sheetMarker && !sheet.contains(target) && !markerAt(target)) { closeSheet(false); }
    if (citing && !cite.contains(target) && !(target.closest && target.closest("a.citation"))) { hideCitation(); }
    if (current && !pop.contains(target) && !(target.closest && target.closest(".iv") === current)) { hidePopover(); }
  }, true);
  // A tap focuses the marker only after the finger has lifted: the press lasts until its click, a key or a cancel.
  doc.addEventListener("pointercancel", function () { pressing = false; }, true);
  doc.addEventListener("keydown", function () { pressing = false; }, true);

  doc.addEventListener("click", function (event) {
    pressing = false;
    var marker = markerAt(event.target);
    if (!marker) { return; }
    // A click says what made it (Enter on the keyboard: ""); older browsers do not: the last pointer does.
    var touch = (typeof event.pointerType === "string" ? event.pointerType : lastPointer) === "touch";
    if (!touch || marginShown()) { closeSheet(false); return; } // a mouse or the keyboard follows the link to the note
    event.preventDefault();
    if (sheetMarker === marker) { closeSheet(false); } else { openSheet(marker, true); }
  });

  doc.addEventListener("mouseover", function (event) {
    if (lastPointer === "touch") { return; } // a tap's imitated mouse: the click decides
    var target = event.target;
    var marker = markerAt(target);
    if (sheet.contains(target) || (marker && marker === sheetMarker)) { window.clearTimeout(peekTimer); return; }
    if (marker && !marginShown()) {
      window.clearTimeout(peekTimer);
      peekTimer = window.setTimeout(function () { openSheet(marker, false); }, 100);
    } else if (sheetMarker && !sheet.contains(doc.activeElement) && doc.activeElement !== sheetMarker) {
      closeSheetSoon();
    } else if (!sheetMarker) {
      window.clearTimeout(peekTimer);
    }
  });
  doc.addEventListener("focusin", function (event) {
    var target = event.target;
    if (sheet.contains(target) || cite.contains(target)) { return; }
    var marker = markerAt(target);
    if (marker && !marginShown() && !pressing && !giving) {
      openSheet(marker, false);
    } else if (sheetMarker && target !== sheetMarker) {
      closeSheet(false);
    }
  });
  // The keyboard: Tab from a marker goes into its note, Tab from the note's last link on past the marker.
  doc.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || !sheetMarker || citing) { return; }
    var inside = Array.prototype.filter.call(sheet.querySelectorAll("a[href], button, [tabindex]"), function (node) {
      return node.tabIndex >= 0 && node.getClientRects().length > 0;
    });
    var active = doc.activeElement;
    if (active === sheetMarker && !event.shiftKey && inside.length) {
      event.preventDefault();
      inside[0].focus({ preventScroll: true });
    } else if (sheet.contains(active) && event.shiftKey && (active === inside[0] || active === sheet)) {
      event.preventDefault();
      sheetMarker.focus({ preventScroll: true });
    } else if (sheet.contains(active) && !event.shiftKey && active === inside[inside.length - 1]) {
      event.preventDefault();
      var from = sheetMarker;
      var all = tabbables();
      var next = all[all.indexOf(from) + 1];
      closeSheet(false);
      if (next) { next.focus(); } else { from.blur(); }
    }
  });

  window.addEventListener("resize", placeSheet);
  window.addEventListener("hashchange", function () { closeSheet(false); });

  /* ----------------------------------------------- the Cite control */

  var citePanel = null;
  var citeButton = null;
  var pinned = null;    // the paragraph whose ¶ was clicked last
  var citeFrame = 0;

  // The edition's own metadata, which the build writes into the essay's head as schema.org JSON-LD.
  function editionRecord() {
    var nodes = doc.querySelectorAll("script[type='application/ld+json']");
    for (var i = 0; i < nodes.length; i += 1) {
      try {
        var data = JSON.parse(nodes[i].textContent);
        if (data && data["@type"] === "ScholarlyArticle") { return data; }
      } catch (e) { /* not ours */ }
    }
    return {};
  }

  function editionCitation(article) {
    var title = article.querySelector("h1");
    var author = article.querySelector(".byline-author") || article.querySelector(".byline");
    var record = editionRecord();
    var canonical = doc.querySelector("link[rel='canonical']");
    // Offline (file://) the reader's own path is no address to cite: the canonical one or none.
    var here = window.location.protocol === "file:" ? "" : window.location.href.split("#")[0];
    return {
      author: author ? author.textContent.trim() : "",
      title: title ? title.textContent.trim() : doc.title,
      editors: (record.editor || []).map(function (person) { return person.name; }),
      version: record.version || "",
      date: record.datePublished || "",
      url: record.url || (canonical ? canonical.href : "") || here
    };
  }

  function citationText(data, number) {
    var editors = data.editors.length > 1 ?
      data.editors.slice(0, -1).join(", ") + " and " + data.editors[data.editors.length - 1] : data.editors.join("");
    return (data.author ? data.author + ". " : "") + "“" + data.title.replace(/[.]$/, "") + ".” " +
      "Digital critical edition" + (editors ? ", edited by " + editors : "") +
      (data.version ? ", version " + data.version : "") + (data.date ? ", " + data.date : "") +
      (number ? ", ¶\u00a0" + number : "") + "." +
      (data.url ? " " + data.url + (number ? "#p" + number : "") + "." : "");
  }

  function paragraphAtTop(article) {
    var header = doc.querySelector(".md-header");
    var edge = header ? header.getBoundingClientRect().bottom + 4 : 4;
    var paragraphs = article.querySelectorAll(":scope > p[id^='p'], :scope > blockquote > p[id^='p']");
    for (var i = 0; i < paragraphs.length; i += 1) {
      if (/^p\d+$/.test(paragraphs[i].id) && paragraphs[i].getBoundingClientRect().bottom > edge) { return paragraphs[i]; }
    }
    return paragraphs[paragraphs.length - 1] || null;
  }

  // Copy a citation; where the clipboard is refused (file://, old browsers) select it for Ctrl+C.
  function copyText(node, what, done) {
    function fallback() {
      var range = doc.createRange();
      range.selectNodeContents(node);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var copied = false;
      try { copied = doc.execCommand("copy"); } catch (e) { copied = false; }
      announce(copied ? what + " copied" : "Selected: press Ctrl+C to copy");
      done(copied);
    }
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(node.textContent).then(function () {
          announce(what + " copied");
          done(true);
        }, fallback);
        return;
      }
    } catch (e) { /* fall back below */ }
    fallback();
  }

  function citeItem(heading, id, what) {
    var text = el("p", { "class": "ed-cite-text", id: id });
    var copy = el("button", { type: "button", "class": "ed-cite-copy", "aria-describedby": id }, ["Copy"]);
    var timer = 0;
    copy.addEventListener("click", function () {
      copyText(text, what, function (copied) {
        copy.textContent = copied ? "Copied" : "Selected";
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { copy.textContent = "Copy"; }, 2000);
      });
    });
    return el("div", { "class": "ed-cite-item" }, [el("h3", { "class": "ed-cite-heading" }, [heading]), text, copy]);
  }

  function buildCite(article, bar) {
    if (citePanel) { citePanel.remove(); }
    var base = ".";
    try { base = JSON.parse(doc.getElementById("__config").textContent).base || "."; } catch (e) { base = "."; }
    var file = function (name) { return (base === "." ? "" : base.replace(/\/$/, "") + "/") + "cite/" + name; };
    citeButton = el("button", {
      type: "button", "class": "ed-cite-button", "aria-expanded": "false", "aria-controls": "ed-cite"
    }, ["Cite"]);
    var close = el("button", { type: "button", "class": "ed-cite-close", "aria-label": "Close" }, ["×"]);
    var paragraph = citeItem("This paragraph", "ed-cite-paragraph", "Paragraph citation");
    citePanel = el("div", {
      "class": "ed-cite", id: "ed-cite", role: "dialog", "aria-labelledby": "ed-cite-title", tabindex: "-1", hidden: ""
    }, [
      el("div", { "class": "ed-cite-top" }, [el("h2", { id: "ed-cite-title" }, ["Cite this edition"]), close]),
      citeItem("The edition", "ed-cite-edition", "Citation"),
      paragraph,
      el("p", { "class": "ed-cite-hint" }, [
        "The paragraph at the top of the window, or the one whose ¶\u00a0number was clicked last."]),
      el("p", { "class": "ed-cite-files" }, [
        "Download: ",
        el("a", { href: file("edition.bib"), download: "edition.bib", type: "application/x-bibtex" }, ["BibTeX"]),
        " · ",
        el("a", { href: file("edition.json"), download: "edition.json", type: "application/json" }, ["CSL-JSON"])
      ])
    ]);
    citePanel.setAttribute("aria-modal", "false");
    citeButton.addEventListener("click", function () {
      if (citePanel.hidden) { openCite(article); } else { closeCite(false); }
    });
    close.addEventListener("click", function () { closeCite(true); });
    window.addEventListener("resize", function () { placeCite(article); });
    bar.insertBefore(citeButton, bar.querySelector(".ed-key"));
    doc.body.appendChild(citePanel);
    window.addEventListener("scroll", function () {
      if (!citePanel.hidden && !citeFrame) {
        citeFrame = window.requestAnimationFrame(function () { citeFrame = 0; fillCite(article); });
      }
    }, { passive: true });
    var found = /^#(p\d+)$/.exec(window.location.hash);
    if (found) { pinned = doc.getElementById(found[1]); }
  }

  function fillCite(article) {
    var data = editionCitation(article);
    doc.getElementById("ed-cite-edition").textContent = citationText(data);
    var paragraph = pinned && pinned.isConnected ? pinned : paragraphAtTop(article);
    var item = doc.getElementById("ed-cite-paragraph");
    if (!paragraph) { item.parentNode.hidden = true; return; }
    var number = paragraph.id.slice(1);
    item.parentNode.hidden = false;
    item.parentNode.querySelector(".ed-cite-heading").textContent = "This paragraph, ¶\u00a0" + number;
    item.textContent = citationText(data, number);
  }

  // On a wide screen the panel stands over the column of text, clear of the notes in the margin.
  function placeCite(article) {
    if (!citePanel || citePanel.hidden) { return; }
    citePanel.style.left = citePanel.style.right = citePanel.style.width = citePanel.style.margin = "";
    var column = article.querySelector(":scope > p[id^='p']");
    if (!column || window.innerWidth < 45 * 16) { return; }
    var box = column.getBoundingClientRect();
    var width = Math.min(30 * rem(), box.width + 2 * rem());
    var left = Math.max(8, Math.min(box.left + box.width / 2 - width / 2, root.clientWidth - width - 8));
    citePanel.style.margin = "0";
    citePanel.style.right = "auto";
    citePanel.style.left = left + "px";
    citePanel.style.width = width + "px";
  }

  function openCite(article) {
    hidePopover();
    hideCitation();
    closeSheet(false);
    fillCite(article);
    citePanel.hidden = false;
    placeCite(article);
    citeButton.setAttribute("aria-expanded", "true");
    citePanel.focus({ preventScroll: true });
  }

  function closeCite(refocus) {
    if (!citePanel || citePanel.hidden) { return; }
    citePanel.hidden = true;
    citeButton.setAttribute("aria-expanded", "false");
    if (refocus) { citeButton.focus({ preventScroll: true }); }
  }

  /* Escape closes the innermost thing open: a preview, then a note, then the panel. */
  doc.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    if (citing) {
      var link = citing;
      var inside = cite.contains(doc.activeElement);
      hideCitation();
      if (inside) { quiet = true; link.focus({ preventScroll: true }); quiet = false; }
    } else if (current) {
      hidePopover();
    } else if (sheetMarker) {
      closeSheet(sheet.contains(doc.activeElement) || doc.activeElement === sheetMarker);
    } else if (citePanel && !citePanel.hidden) {
      closeCite(citePanel.contains(doc.activeElement));
    }
  });
  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.pnum");
    if (!link) { return; }
    copyLink(link);
    pinned = link.parentNode;
    if (citePanel && !citePanel.hidden) { fillCite(pinned.parentNode); }
  });

  /* ------------------------------------------------- each page, once */

  function enhance() {
    // Inside the main landmark, where a screen reader finds them with the text they belong to.
    var main = doc.querySelector("main") || doc.body;
    [status, pop, cite, sheet].forEach(function (node) { if (node.parentNode !== main) { main.appendChild(node); } });
    // Material's search is a dialog without a name.
    doc.querySelectorAll(".md-search[role='dialog']:not([aria-label]):not([aria-labelledby])").forEach(function (node) {
      node.setAttribute("aria-label", "Search");
    });
    // Its results box is a Tab stop even while it is empty and unseen; the results' own links serve the keyboard.
    doc.querySelectorAll(".md-search__scrollwrap[tabindex='0']").forEach(function (node) {
      node.setAttribute("tabindex", "-1");
    });
    hidePopover();
    hideCitation();
    closeSheet(false);
    setReading(isPrinted());
    var article = doc.querySelector("article.md-content__inner") || doc.querySelector("article");
    if (!article || article.hasAttribute("data-edition-ready")) { return; }
    article.setAttribute("data-edition-ready", "");
    article.querySelectorAll(".iv").forEach(prepare);
    article.querySelectorAll("a.citation").forEach(prepareCitation);
    if (!article.querySelector("p#p1, .iv")) { return; } // the reading aids belong to the essay
    var byline = article.querySelector(".byline");
    if (byline) { splitByline(byline); }
    var anchor = byline || article.querySelector("h1");
    var bar = readingBar();
    if (anchor) { anchor.insertAdjacentElement("afterend", bar); } else { article.insertBefore(bar, article.firstChild); }
    var notes = article.querySelector(".footnote > ol");
    if (notes && !article.querySelector(".ed-notes-heading")) {
      notes.parentNode.insertBefore(el("h2", { "class": "ed-notes-heading", id: "ed-notes" }, ["Notes"]), notes);
    }
    numberParagraphs(article);
    if (article.querySelector("p#p1")) {
      buildCite(article, bar);
      buildMargin(article);
    }
  }

  // Material announces each page it shows (also after instant navigation); without it, run now.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else {
    enhance();
  }
}());

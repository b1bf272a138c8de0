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
    return settledProbe(placedProbe(node), node);
  }

  /* The same in two steps, so that many probes are placed first and read after one layout, not one each. */
  function placedProbe(node) {
    var probe = el("span", { "class": "ed-probe", "aria-hidden": "true" });
    node.parentNode.insertBefore(probe, node);
    return probe;
  }

  function settledProbe(probe, node) {
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
    var probes = sidenotes.map(function (side) { return placedProbe(side.marker.parentNode); });
    probes = probes.map(function (probe, index) { return settledProbe(probe, sidenotes[index].marker.parentNode); });
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


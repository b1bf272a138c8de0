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


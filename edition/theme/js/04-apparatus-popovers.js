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

  /* One Tab stop per intervention, named for what it is ("word (Corrected misprint: printed ‘wrod’,
     reads ‘word’)"): a link to its apparatus entry, whose own dagger link leaves the keyboard's path. The
     garbled label removed at the head of a note is no stop at all: the note's label shows it to the pointer. */
  function prepare(iv) {
    moveTitle(iv, "data-tip");
    if (iv.hasAttribute("data-named")) { return; }
    iv.setAttribute("data-named", "");
    var entry = iv.querySelector(":scope > a.iv-app");
    if (entry) { entry.setAttribute("tabindex", "-1"); entry.setAttribute("aria-hidden", "true"); } // the place leads there
    if (iv.previousElementSibling && iv.previousElementSibling.matches(".note-label") && iv.matches(".iv-artefact")) {
      iv.removeAttribute("tabindex");
      return;
    }
    var kind = (iv.getAttribute("data-tip") || "").split("; ")[0] || iv.getAttribute("data-intervention") || "";
    var printed = iv.querySelector(":scope > .iv-printed");
    var edited = iv.querySelector(":scope > .iv-edited");
    var name = kind.charAt(0).toUpperCase() + kind.slice(1);
    var parts = [];
    if (printed) { parts.push("printed ‘" + printed.textContent.trim() + "’"); }
    if (edited && iv.getAttribute("data-intervention") !== "marker") { parts.push("reads ‘" + edited.textContent.trim() + "’"); }
    // Said after the reading itself, so that the name a screen reader gives begins with what is seen.
    iv.appendChild(el("span", { "class": "ed-visually-hidden ed-iv-name" },
                      [" (" + name + (parts.length ? ": " + parts.join(", ") : "") + ")"]));
    if (entry && !iv.querySelector("a.footnote-ref")) { iv.setAttribute("role", "link"); } // never a link in a link
  }

  // Enter on an intervention opens its apparatus entry, as its dagger did.
  doc.addEventListener("keydown", function (event) {
    var iv = event.key === "Enter" && event.target.matches && event.target.matches(".iv[role='link']") ? event.target : null;
    var entry = iv && iv.querySelector(":scope > a.iv-app");
    if (entry) { event.preventDefault(); window.location.href = entry.href; }
  });

  function row(className, label, text) {
    return el("span", { "class": className }, label ? [label, el("q", {}, [text])] : [text]);
  }

  function fill(iv) {
    var kind = (iv.getAttribute("data-tip") || "").split("; ")[0] || iv.getAttribute("data-intervention") || "";
    // the printed reading: its span, or (in the exports, where it is out of the text) the data-printed attribute
    var printedSpan = iv.querySelector(":scope > .iv-printed");
    var printed = printedSpan || (iv.hasAttribute("data-printed") ? { textContent: iv.getAttribute("data-printed") } : null);
    var edited = iv.querySelector(":scope > .iv-edited");
    var reason = iv.getAttribute("data-reason");
    var entry = iv.querySelector(":scope > a.iv-app");
    var rows = [el("span", { "class": "ed-pop-kind" }, [kind])];
    var lemma = iv.getAttribute("data-lemma"); // the words of the text it concerns, as the apparatus names them
    if (lemma) { rows.push(row("ed-pop-reading", "", lemma + "]")); }
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

  /* A popover's width: its own, at least 260 px where the window allows it, never closer than 8 px to either
     edge. Measured at the left edge, where nothing squeezes it. */
  function fitWidth(node) {
    var room = root.clientWidth - 16;
    node.style.left = (window.scrollX) + "px";
    node.style.width = "";
    var width = Math.min(room, Math.max(Math.min(260, room), node.offsetWidth));
    node.style.width = width + "px";
    return width;
  }

  function place(iv) {
    var rects = iv.getClientRects();
    var box = rects.length ? rects[0] : iv.getBoundingClientRect();
    var width = fitWidth(pop);
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


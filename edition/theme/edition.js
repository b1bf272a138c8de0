/* The edition's reading aids, in plain JavaScript: the choice of reading
 * (corrected or as printed, remembered), the popovers that say what was
 * printed and why, paragraph numbers that copy their own link, and a heading
 * for the notes. Nothing here loads anything from anywhere. */
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

  function setReading(printed) {
    root.classList.toggle(PRINTED, printed);
    doc.querySelectorAll(".ed-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", printed ? "true" : "false");
    });
  }

  setReading(stored() === "printed"); // at once, before the first paint where possible

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
        el("dt", {}, [el("span", { "class": "ed-sample-under" }, ["guilty"])]),
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
    article.querySelectorAll(":scope > p[id]").forEach(function (paragraph) {
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

  function prepare(iv) {
    if (iv.hasAttribute("title")) { // the popover replaces the browser's own tooltip
      iv.setAttribute("data-tip", iv.getAttribute("title"));
      iv.removeAttribute("title");
    }
  }

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
  doc.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) { hidePopover(); }
  });
  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.pnum");
    if (link) { copyLink(link); }
  });
  window.addEventListener("resize", function () { if (current) { place(current); } });

  /* ------------------------------------------------- each page, once */

  function enhance() {
    if (!status.isConnected) { doc.body.appendChild(status); }
    if (!pop.isConnected) { doc.body.appendChild(pop); }
    hidePopover();
    setReading(isPrinted());
    var article = doc.querySelector("article.md-content__inner") || doc.querySelector("article");
    if (!article || article.hasAttribute("data-edition-ready")) { return; }
    article.setAttribute("data-edition-ready", "");
    article.querySelectorAll(".iv").forEach(prepare);
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
  }

  // Material announces each page it shows (also after instant navigation); without it, run now.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else {
    enhance();
  }
}());

/* The edition's reading aids, in plain JavaScript: the choice of reading
 * (corrected or as printed), the popovers that say what was printed and why,
 * paragraph numbers that copy their own link, and a heading for the notes.
 * Nothing here loads anything. */
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
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* not remembered, still applied */ }
  }

  /* ------------------------------------------------------ the reading */

  function setReading(printed) {
    root.classList.toggle(PRINTED, printed);
    doc.querySelectorAll(".ed-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", printed ? "true" : "false");
    });
  }

  setReading(stored() === "printed");

  var article = doc.querySelector("article.md-content__inner") || doc.querySelector("article");
  if (!article) { return; }
  var essay = !!article.querySelector("p#p1, .iv");

  function readingBar() {
    var toggle = el("button", {
      type: "button", "class": "ed-toggle", "aria-pressed": root.classList.contains(PRINTED) ? "true" : "false",
      title: "Show the text as corrected by the edition, or exactly as printed in the copy-text"
    }, [
      el("span", { "class": "ed-toggle-label" }, ["Reading:"]), " ",
      el("span", { "class": "ed-toggle-options" }, [
        el("span", { "class": "ed-opt ed-opt-corrected" }, ["corrected"]),
        el("span", { "class": "ed-visually-hidden" }, [" / "]),
        el("span", { "class": "ed-opt ed-opt-printed" }, ["as printed"])
      ])
    ]);
    toggle.addEventListener("click", function () {
      var printed = !root.classList.contains(PRINTED);
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
        el("dt", {}, [el("span", { "class": "ed-sample-ring" }, ["°"])]),
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
    var found = /^(.*?)\s*\((.*)\)\s*$/.exec(byline.textContent.trim());
    var parts = found
      ? [el("span", { "class": "byline-author" }, [found[1]]), el("span", { "class": "byline-paren" }, [" ("]),
         el("span", { "class": "byline-place" }, [found[2]]), el("span", { "class": "byline-paren" }, [")"])]
      : [el("span", { "class": "byline-author" }, [byline.textContent.trim()])];
    byline.textContent = "";
    parts.forEach(function (part) { byline.appendChild(part); });
  }

  if (essay) {
    var byline = article.querySelector(".byline");
    if (byline) { splitByline(byline); }
    var anchor = byline || article.querySelector("h1");
    var bar = readingBar();
    if (anchor) { anchor.insertAdjacentElement("afterend", bar); } else { article.insertBefore(bar, article.firstChild); }

    var notes = article.querySelector(".footnote > ol");
    if (notes && !article.querySelector(".ed-notes-heading")) {
      notes.parentNode.insertBefore(el("h2", { "class": "ed-notes-heading", id: "ed-notes" }, ["Notes"]), notes);
    }
  }

  /* ----------------------------------------- status line ("Link copied") */

  var status = el("div", { "class": "ed-status", role: "status", "aria-live": "polite" });
  doc.body.appendChild(status);
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

  /* ---------------------------------------------------- paragraph numbers */

  article.querySelectorAll(":scope > p[id]").forEach(function (paragraph) {
    var found = /^p(\d+)$/.exec(paragraph.id);
    if (!found) { return; }
    var link = el("a", {
      "class": "pnum", href: "#" + paragraph.id, title: "Link to ¶ " + found[1] + " (copied when clicked)",
      "aria-label": "Paragraph " + found[1] + ", copy its link"
    }, [el("span", { "class": "pnum-sign", "aria-hidden": "true" }, ["¶"]), found[1]]);
    paragraph.insertBefore(link, paragraph.firstChild);
  });

  article.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.pnum");
    if (!link) { return; }
    var hash = link.getAttribute("href");
    var url = window.location.href.split("#")[0] + hash;
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(function () {
          announce("Link copied: ¶ " + hash.slice(2));
        }, function () { /* not allowed here: the address bar has it */ });
      }
    } catch (e) { /* no clipboard: the link still goes to the paragraph */ }
  });

  /* ------------------------------------------ interventions: the popover */

  var pop = el("div", { "class": "ed-pop", id: "ed-pop", role: "tooltip", hidden: "" });
  doc.body.appendChild(pop);
  var current = null;
  var hideTimer = 0;

  function prepare(iv) {
    if (iv.hasAttribute("title")) {
      iv.setAttribute("data-tip", iv.getAttribute("title"));
      iv.removeAttribute("title"); // the popover replaces the browser's own tooltip
    }
  }

  function line(className, label, text) {
    var children = label ? [label, el("q", {}, [text])] : [text];
    return el("span", { "class": className }, children);
  }

  function fill(iv) {
    var tip = iv.getAttribute("data-tip") || iv.getAttribute("title") || "";
    var kind = tip.split("; ")[0] || iv.getAttribute("data-intervention") || "";
    var printed = iv.querySelector(":scope > .iv-printed");
    var edited = iv.querySelector(":scope > .iv-edited");
    var reason = iv.getAttribute("data-reason") || "";
    var asPrinted = root.classList.contains(PRINTED);
    var rows = [el("span", { "class": "ed-pop-kind" }, [kind])];
    if (printed && edited) {
      rows.push(line("ed-pop-reading", "printed: ", printed.textContent));
      if (asPrinted) { rows.push(line("ed-pop-reading", "edition: ", edited.textContent)); }
    } else if (printed) {
      rows.push(line("ed-pop-reading", "printed: ", printed.textContent));
      rows.push(line("ed-pop-reading", "", "removed by the editor"));
    } else if (edited && iv.getAttribute("data-intervention") !== "lacuna") {
      rows.push(line("ed-pop-reading", "", "not in the print: supplied by the editor"));
    }
    if (reason) { rows.push(line("ed-pop-reason", "", reason)); }
    var entry = iv.querySelector(":scope > a.iv-app");
    if (entry) {
      rows.push(el("a", { "class": "ed-pop-app", href: entry.getAttribute("href"), tabindex: "-1" },
                   ["Apparatus entry →"]));
    }
    pop.textContent = "";
    rows.forEach(function (row) { pop.appendChild(row); });
  }

  function place(iv) {
    var rects = iv.getClientRects();
    var box = rects.length ? rects[0] : iv.getBoundingClientRect();
    var width = pop.offsetWidth;
    var height = pop.offsetHeight;
    var viewport = doc.documentElement.clientWidth;
    var left = Math.max(8, Math.min(box.left, viewport - width - 8));
    var top = box.bottom + 6;
    if (top + height > window.innerHeight - 8 && box.top - height - 6 > 8) { top = box.top - height - 6; }
    pop.style.left = (left + window.scrollX) + "px";
    pop.style.top = (top + window.scrollY) + "px";
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

  function release(iv) {
    iv.classList.remove("ed-active");
    iv.removeAttribute("aria-describedby");
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

  doc.querySelectorAll(".iv").forEach(prepare);

  function interventionAt(target) {
    if (!target || !target.closest) { return null; }
    if (target.closest("a.footnote-ref")) { return null; } // the marker has Material's note tooltip
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
  window.addEventListener("resize", function () { if (current) { place(current); } });
}());

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
    var words = link.textContent.replace(/\s+/g, " ").trim();
    cite.setAttribute("aria-label", "Source: " + (words.length > 80 ? words.slice(0, 79) + "…" : words));
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
    var width = fitWidth(cite);
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


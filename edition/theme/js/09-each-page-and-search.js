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

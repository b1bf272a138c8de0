  /* --------------------------------------- the search's snippets, short

     Material shows an entry's whole text under each result: a long paragraph would fill the screen. Each
     snippet keeps a few lines around the first word found. */
  var SNIPPET = 240;

  function shorten(article) {
    if (article.hasAttribute("data-ed-short")) { return; }
    article.setAttribute("data-ed-short", "");
    var walker = doc.createTreeWalker(article, NodeFilter.SHOW_TEXT, function (node) {
      return node.parentNode.closest("h1, h2, h3, .md-search-result__icon") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    });
    var nodes = [];
    var total = 0;
    var at = -1;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (at < 0 && node.parentNode.closest("mark")) { at = total; }
      nodes.push(node);
      total += node.data.length;
    }
    if (total <= SNIPPET + 40) { return; }
    var start = Math.max(0, Math.min(Math.max(at, 0) - 60, total - SNIPPET));
    var end = Math.min(total, start + SNIPPET);
    var position = 0;
    var kept = [];
    nodes.forEach(function (part) {
      var length = part.data.length;
      var from = Math.max(0, start - position);
      var to = Math.min(length, end - position);
      part.data = to > from ? part.data.slice(from, to) : "";
      if (to > from) { kept.push(part); }
      position += length;
    });
    if (kept.length && start > 0) { kept[0].data = "… " + kept[0].data; }
    if (kept.length && end < total) { kept[kept.length - 1].data += " …"; }
  }

  function watchSearch() {
    var list = doc.querySelector(".md-search-result__list");
    if (!list || list.hasAttribute("data-ed-watched") || !window.MutationObserver) { return; }
    list.setAttribute("data-ed-watched", "");
    new MutationObserver(function () {
      list.querySelectorAll(".md-search-result__article").forEach(shorten);
    }).observe(list, { childList: true, subtree: true });
  }

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
    watchSearch();
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
    article.appendChild(printedFlag());
    var notes = article.querySelector(".footnote > ol");
    if (notes && !article.querySelector(".ed-notes-heading")) {
      notes.parentNode.insertBefore(el("h2", { "class": "ed-notes-heading", id: "ed-notes" }, ["Notes"]), notes);
    }
    numberParagraphs(article);
    quietNames(article);
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

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

  // The edition's exports where a published site has them (its JSON-LD names them only when the site's address
  // is known): PDF, EPUB, TEI, the single file, the offline site. Only web addresses become links.
  function exportsLine() {
    var media = (editionRecord().encoding || []).filter(function (item) {
      return item && typeof item.contentUrl === "string" && /^https?:\/\//.test(item.contentUrl);
    });
    if (!media.length) { return null; }
    var parts = ["The edition as: "];
    media.forEach(function (item, i) {
      if (i) { parts.push(" · "); }
      parts.push(el("a", { href: item.contentUrl, type: item.encodingFormat || "" }, [String(item.name || "")]));
    });
    return el("p", { "class": "ed-cite-files ed-cite-exports" }, parts);
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
      ]),
      exportsLine()
    ].filter(Boolean));
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
  /* ------------------------------------------------ each paragraph's ¶ menu

     A click on a paragraph's number copies its link and opens a small menu beside it: cite this paragraph,
     or switch the reading. It adds no Tab stop while closed; Tab from the number goes into it when open. */

  var pmenu = null;

  function closeMenu(refocus) {
    if (!pmenu) { return; }
    var number = pmenu.previousElementSibling;
    pmenu.remove();
    pmenu = null;
    if (number) { number.setAttribute("aria-expanded", "false"); }
    if (refocus && number) { number.focus({ preventScroll: true }); }
  }

  function openMenu(link) {
    closeMenu(false);
    var paragraph = link.parentNode;
    var number = paragraph.id.slice(1);
    var article = paragraph.closest("article") || doc.body;
    var citeThis = el("button", { type: "button", "class": "ed-pmenu-cite" }, ["Cite ¶\u00a0" + number]);
    var reading = el("button", { type: "button", "class": "ed-pmenu-reading", "aria-pressed": isPrinted() ? "true" : "false" },
                     ["Show as printed"]);
    citeThis.addEventListener("click", function () {
      pinned = paragraph;
      closeMenu(false);
      if (citePanel) { openCite(article); }
    });
    reading.addEventListener("click", function () {
      var printed = !isPrinted();
      hidePopover();
      setReading(printed);
      store(printed ? "printed" : "corrected");
      reading.setAttribute("aria-pressed", printed ? "true" : "false");
    });
    pmenu = el("div", { "class": "ed-pmenu", role: "group", "aria-label": "¶ " + number }, [citeThis, reading]);
    link.insertAdjacentElement("afterend", pmenu);
    link.setAttribute("aria-expanded", "true");
  }

  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.pnum");
    if (!link) {
      if (pmenu && !pmenu.contains(event.target)) { closeMenu(false); }
      return;
    }
    copyLink(link);
    pinned = link.parentNode;
    if (citePanel && !citePanel.hidden) { fillCite(pinned.parentNode); }
    if (pmenu && pmenu.previousElementSibling === link) { closeMenu(false); } else { openMenu(link); }
  });
  doc.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && pmenu && (pmenu.contains(doc.activeElement) || doc.activeElement === pmenu.previousElementSibling)) {
      closeMenu(true);
    }
  });


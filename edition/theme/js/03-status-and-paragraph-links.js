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

  /* The keyboard's path through the essay holds its note calls, corrections and paragraph links, not its
     names (140 of 290 stops in 27 paragraphs): a name stays a link for the pointer, and the persons' register,
     one stop away in the navigation, lists each person with a link to every paragraph that names them. */
  function quietNames(article) {
    article.querySelectorAll("a.person[data-person]").forEach(function (link) { link.setAttribute("tabindex", "-1"); });
  }

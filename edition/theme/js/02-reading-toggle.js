  /* ------------------------------------------------------ the reading */

  function isPrinted() {
    return root.classList.contains(PRINTED);
  }

  var relayout = function () { /* set once the margin notes exist */ };

  function setReading(printed) {
    root.classList.toggle(PRINTED, printed);
    doc.querySelectorAll(".ed-toggle, .ed-pmenu-reading").forEach(function (button) {
      button.setAttribute("aria-pressed", printed ? "true" : "false");
    });
    relayout(); // line breaks move with the reading
  }

  setReading(stored() === "printed"); // at once, before the first paint where possible

  // The key shows a reading this edition itself corrected or supplied, so it speaks the text's own language.
  function sampleReading() {
    var found = document.querySelector(".iv:not(.iv-marker):not(.iv-lacuna) > .iv-edited");
    var text = found ? found.textContent.trim() : "";
    return text && text.length <= 20 ? text : "text";
  }

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
        el("dt", {}, [el("span", { "class": "ed-sample-under" }, [sampleReading()])]),
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

  /* While the text is shown as printed, a small sign says so at the foot of the window wherever the reader
     is, with the way back: a returning reader does not read the uncorrected text unawares. */
  function printedFlag() {
    var back = el("button", { type: "button", "class": "ed-flag-back" }, ["Show corrected"]);
    back.addEventListener("click", function () {
      hidePopover();
      setReading(false);
      store("corrected");
    });
    return el("div", { "class": "ed-flag", role: "region", "aria-label": "Reading as printed" }, [
      el("span", { "class": "ed-flag-text" }, ["Reading: as printed"]), " ", back
    ]);
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


// Accessibility fixes for what Material for MkDocs and the Markdown extensions leave out.
// Loaded by overrides/main.html from the site itself. Checked by tests/browser/.
//
// 1. A wide table or diagram that scrolls must be reachable and scrollable by keyboard
//    (WCAG 2.1.1; axe-core's scrollable-region-focusable). Material wraps every table in
//    div.md-typeset__scrollwrap, which scrolls but cannot get focus. While a wrapper (or a
//    diagram, or any part of one) actually scrolls, it gets tabindex="0", role="region"
//    and a Swedish name; when it no longer scrolls, they are removed again.
// 2. Material's colour-scheme switch is a group of radio buttons of which none is checked
//    after the page loads, so Shift+Tab can land on the button of the scheme not shown,
//    whose label is hidden: focus disappears (WCAG 2.4.7). The button of the scheme shown
//    is checked, so that it alone is in the tab order, as in any radio group.
// 3. The checkboxes of task lists (pymdownx.tasklist: an activity's delmoment) have no
//    label (WCAG 1.3.1/4.1.2; axe-core's label). Each gets the text of its list item.
(function () {
  "use strict";

  var SCROLLERS = ".md-typeset__scrollwrap, figure.diagram, figure.diagram :not(svg):not(svg *)";
  var observed = typeof WeakSet === "function" ? new WeakSet() : null;
  var resize = typeof ResizeObserver === "function"
    ? new ResizeObserver(function (entries) {
      var elements = [];
      entries.forEach(function (entry) {
        var element = entry.target.closest(SCROLLERS);
        if (element && elements.indexOf(element) === -1) elements.push(element);
      });
      updateAll(elements);
    })
    : null;

  function words(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  function shorten(text, length) {
    return text.length > length ? text.slice(0, length - 1) + "…" : text;
  }

  // A name for a scroll region: the table's caption or first column headers, or the
  // diagram's caption.
  function label(element) {
    var figure = element.closest("figure.diagram");
    if (figure) {
      var caption = figure.querySelector(":scope > figcaption");
      return "Diagram: " + shorten(words(caption ? caption.textContent : "utan bildtext"), 100) + " (kan rullas)";
    }
    var table = element.querySelector("table");
    if (!table) return "Rullbart innehåll";
    if (table.caption && words(table.caption.textContent)) {
      return "Tabell: " + shorten(words(table.caption.textContent), 100) + " (kan rullas i sidled)";
    }
    var headers = Array.prototype.slice.call(table.querySelectorAll("th"), 0, 4).map(function (cell) {
      return words(cell.textContent);
    }).filter(Boolean);
    var more = table.querySelectorAll("th").length > headers.length ? " …" : "";
    return "Tabell" + (headers.length ? ": " + headers.join(", ") + more : "") + " (kan rullas i sidled)";
  }

  function scrolls(element) {
    var style = getComputedStyle(element);
    var sideways = /(auto|scroll)/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
    var down = /(auto|scroll)/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
    return sideways || down;
  }

  // Measure every element first, then change them: one layout of the page, not one per element.
  function updateAll(elements) {
    var scrolling = elements.map(scrolls);
    elements.forEach(function (element, index) { update(element, scrolling[index]); });
  }

  function update(element, scrolling) {
    if (scrolling) {
      if (element.hasAttribute("tabindex") && !element.dataset.rullbar) return; // set by the page itself
      element.dataset.rullbar = "ja";
      element.setAttribute("tabindex", "0");
      if (!element.hasAttribute("role")) element.setAttribute("role", "region");
      element.setAttribute("aria-label", label(element));
    } else if (element.dataset.rullbar) {
      delete element.dataset.rullbar;
      element.removeAttribute("tabindex");
      if (element.getAttribute("role") === "region") element.removeAttribute("role");
      element.removeAttribute("aria-label");
    }
  }

  function watchScrollers(root) {
    var elements = Array.prototype.slice.call(root.querySelectorAll(SCROLLERS));
    updateAll(elements);
    elements.forEach(function (element) {
      if (!resize || (observed && observed.has(element))) return;
      if (observed) observed.add(element);
      resize.observe(element);
      if (element.firstElementChild) resize.observe(element.firstElementChild);
    });
  }

  function labelTaskLists(root) {
    root.querySelectorAll(".task-list-item input[type=checkbox]").forEach(function (box) {
      if (box.hasAttribute("aria-label") || box.hasAttribute("aria-labelledby")) return;
      if (box.labels && Array.prototype.some.call(box.labels, function (l) { return words(l.textContent); })) return;
      var item = box.closest(".task-list-item").cloneNode(true);
      item.querySelectorAll("ul, ol").forEach(function (list) { list.remove(); });
      var text = words(item.textContent);
      if (text) box.setAttribute("aria-label", text);
    });
  }

  function checkPalette() {
    document.querySelectorAll("input.md-option[name='__palette']").forEach(function (input) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL" && !label.hidden && !input.checked) input.checked = true;
    });
  }

  function setUp() {
    var root = document.querySelector(".md-content") || document.body;
    checkPalette();
    labelTaskLists(root);
    watchScrollers(root);
  }

  // Material publishes each (instantly loaded) page on document$ after it has wrapped the
  // tables; without it, wait for the page to load.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setUp(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  window.addEventListener("load", setUp);
})();

// Tables that fit, or say that they do not (overrides/assets/stylesheets/tabeller.css).
// Loaded by overrides/main.html; checked by tests/browser/ (the gate "tabeller").
//
// Every table in a scroll box (Material's div.md-typeset__scrollwrap around Markdown tables,
// div.tabell-rulla around the views' tables) gets one of three layouts, chosen from its own
// width and the page's, and chosen again whenever the box changes width:
//
//   ryms    the table fits: it does not scroll, and its header row stays in view under the
//           page header while the reader scrolls down the table;
//   kort    on a phone, a table that does not fit becomes one card per row, each value
//           with its column's name beside it (nothing is left out; empty cells are skipped,
//           sort buttons stay above the cards);
//   rullar  otherwise (a laptop, or a table that cannot be cards): the box scrolls both ways
//           within the window, its header row and first column stay in view, and a line
//           above the table says that it scrolls and which way there is more.
//
// The box is wrapped in div.tabell-ram, which carries the layout in data-tabell and the
// scroll cue (p.tabell-hint). Without JavaScript the box simply scrolls.
//
// Cards are taller than the table they replace, so a layout can move what the reader came
// for: after a layout, a link's target (#id in the address) is brought back into view, until
// the reader scrolls or types.
(function () {
  "use strict";

  var BOXES = ".md-typeset__scrollwrap, .tabell-rulla";
  var PHONE = window.matchMedia ? window.matchMedia("(max-width: 44.984375em)") : null;
  // On paper the print styles lay tables out (tillganglighet.css); the screen's layout is kept.
  var PRINT = window.matchMedia ? window.matchMedia("print") : null;
  var widths = typeof WeakMap === "function" ? new WeakMap() : null;
  var resize = typeof ResizeObserver === "function"
    ? new ResizeObserver(function (entries) {
      if (PRINT && PRINT.matches) return;
      var changed = [];
      entries.forEach(function (entry) {
        var frame = entry.target;
        var width = Math.round(entry.contentRect.width);
        if (widths && widths.get(frame) === width) return; // only a change of width matters
        if (widths) widths.set(frame, width);
        changed.push(frame);
      });
      layoutAll(changed);
    })
    : null;

  function words(text) {
    return (text || "").replace(/\s+/g, " ").trim();
  }

  // The visible text of a header cell (without the screen-reader text of .vy-dold).
  // A column's name as a card shows it: the header's visible text, and the name a narrow header
  // gives only as hover text (the ansvarsmatris's "9.2.11" is "9.2.11 Tillsätt arbetsgrupp …").
  function headerText(cell) {
    var copy = cell.cloneNode(true);
    copy.querySelectorAll(".vy-dold, .headerlink").forEach(function (hidden) { hidden.remove(); });
    var text = words(copy.textContent);
    var titled = cell.querySelector("[title]");
    var more = titled ? words(titled.getAttribute("title")) : "";
    return more && text.indexOf(more) < 0 ? text + " " + more : text;
  }

  function table(frame) {
    return frame.querySelector("table");
  }

  function box(frame) {
    return frame.querySelector(BOXES);
  }

  // Cards need one header per column: no merged cells anywhere.
  function cardable(element) {
    return Boolean(element.tHead) && !element.querySelector("[colspan]:not([colspan='1']), [rowspan]:not([rowspan='1'])");
  }

  // Each body cell gets its column's name (data-etikett), which the cards show beside the value.
  function label(element) {
    if (element.dataset.etiketter) return;
    element.dataset.etiketter = "ja";
    var names = Array.prototype.map.call(element.tHead.rows[0].cells, headerText);
    Array.prototype.forEach.call(element.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) {
          if (names[index] && !(cell.tagName === "TH" && cell.scope === "row")) cell.dataset.etikett = names[index];
        });
      });
    });
  }

  // Where there is more to see: "höger", "vänster", "båda" or "" (read only).
  function moreOf(frame) {
    var scroller = box(frame);
    if (!scroller || frame.dataset.tabell !== "rullar") return "";
    var left = scroller.scrollLeft > 1;
    var right = scroller.scrollLeft + scroller.clientWidth < scroller.scrollWidth - 1;
    return left && right ? "båda" : right ? "höger" : left ? "vänster" : "";
  }

  function showMore(frame, state) {
    if (state) frame.dataset.mer = state;
    else delete frame.dataset.mer;
    var hint = frame.querySelector(":scope > .tabell-hint");
    if (hint && state) {
      var arrows = { "båda": "← →", "höger": "→", "vänster": "←" }[state];
      hint.textContent = "Tabellen är bredare än sidan: rulla i sidled för att se alla kolumner " + arrows;
    }
  }

  // The layout a table needs at the box's width now (read only: measured without a layout).
  function measure(frame) {
    var element = table(frame);
    var scroller = box(frame);
    if (!element || !scroller) return null;
    var width = scroller.clientWidth;
    if (!width) return null; // not shown (a closed <details>): chosen when it opens
    if (scroller.scrollWidth <= width + 1) return "ryms";
    return PHONE && PHONE.matches && cardable(element) ? "kort" : "rullar";
  }

  // Lay out many tables with one measurement of the page: first every table without a layout
  // (writes), then every measurement (reads), then every layout (writes), then the cues.
  var moved = false; // the reader has scrolled or typed since the page (or its #target) opened
  ["wheel", "touchmove", "keydown", "mousedown"].forEach(function (name) {
    window.addEventListener(name, function () { moved = true; }, { passive: true, capture: true });
  });
  window.addEventListener("hashchange", function () { moved = false; });

  function target() {
    if (moved || location.hash.length < 2) return null;
    try {
      return document.getElementById(decodeURIComponent(location.hash.slice(1)));
    } catch (error) {
      return null; // a malformed address: nothing to keep in view
    }
  }

  function layoutAll(frames) {
    if (!frames.length || (PRINT && PRINT.matches)) return;
    var aim = target();
    var before = aim ? aim.getBoundingClientRect().top : 0;
    if (before < 0 || before > window.innerHeight) aim = null; // the reader is not at it
    frames.forEach(function (frame) { delete frame.dataset.tabell; });
    var states = frames.map(measure);
    frames.forEach(function (frame, index) {
      if (!states[index]) return;
      if (states[index] === "kort") label(table(frame));
      frame.dataset.tabell = states[index];
    });
    var more = frames.map(moreOf);
    frames.forEach(function (frame, index) { showMore(frame, more[index]); });
    if (aim) {
      var shift = aim.getBoundingClientRect().top - before;
      if (Math.abs(shift) >= 1) window.scrollBy(0, shift);
    }
  }

  function frameOf(scroller) {
    var parent = scroller.parentElement;
    if (parent && parent.classList.contains("tabell-ram")) return parent;
    var frame = document.createElement("div");
    frame.className = "tabell-ram";
    var hint = document.createElement("p");
    hint.className = "tabell-hint";
    hint.setAttribute("aria-hidden", "true");
    scroller.parentNode.insertBefore(frame, scroller);
    frame.appendChild(hint);
    frame.appendChild(scroller);
    scroller.addEventListener("scroll", function () { showMore(frame, moreOf(frame)); }, { passive: true });
    return frame;
  }

  function setUp() {
    var root = document.querySelector(".md-content") || document.body;
    var frames = [];
    root.querySelectorAll(BOXES).forEach(function (scroller) {
      if (scroller.querySelector("table")) frames.push(frameOf(scroller));
    });
    layoutAll(frames);
    frames.forEach(function (frame) {
      if (!resize || frame.dataset.observeras) return;
      frame.dataset.observeras = "ja";
      if (widths) widths.set(frame, Math.round(frame.getBoundingClientRect().width));
      resize.observe(frame);
    });
  }

  function again() {
    layoutAll(Array.prototype.slice.call(document.querySelectorAll(".tabell-ram")));
  }

  if (PHONE && typeof PHONE.addEventListener === "function") PHONE.addEventListener("change", again);
  if (PRINT && typeof PRINT.addEventListener === "function") PRINT.addEventListener("change", again);
  // Filtering (content/assets/sortering.js) can make a table narrower or wider.
  document.addEventListener("change", function (event) {
    var container = event.target.closest && event.target.closest(".vytabell-behallare");
    if (container) layoutAll(Array.prototype.slice.call(container.querySelectorAll(".tabell-ram")));
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setUp(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  window.addEventListener("load", again);
})();

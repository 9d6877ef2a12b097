// Read-only probes the browser gates run inside each page. Installed as an init
// script, so `window.__probes` exists on every page the tests open. Messages are
// Swedish: they end up in test failures and in reports/browser-report.md.
(() => {
  "use strict";

  const TABBABLE = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]";
  const RESOURCE_ATTRIBUTES = [
    ["script", "src"], ["img", "src"], ["img", "srcset"], ["iframe", "src"], ["source", "src"],
    ["video", "src"], ["video", "poster"], ["audio", "src"], ["embed", "src"], ["object", "data"],
    ["image", "href"], ["use", "href"], ["track", "src"], ["input", "src"],
  ];
  // <link> relations that make the browser fetch or connect by themselves.
  const FETCHING_LINKS = /(^|\s)(stylesheet|icon|preload|prefetch|preconnect|dns-prefetch|modulepreload|manifest|apple-touch-icon)(\s|$)/i;

  const text = (element) => (element ? element.textContent.replace(/\s+/g, " ").trim() : "");
  const short = (value, length = 60) => (value.length > length ? value.slice(0, length - 1) + "…" : value);

  function isVisible(element) {
    if (!element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  }

  // Where a focused element is seen: itself, its labels, and for a field of no size the
  // label right after it (Material's palette switch is a 0×0 radio button whose focus
  // ring is drawn on the icon label that follows it).
  function focusTargets(element) {
    const targets = [element, ...(element.labels ? [...element.labels] : [])];
    const box = element.getBoundingClientRect();
    const next = element.nextElementSibling;
    if (box.width * box.height < 1 && next && next.tagName === "LABEL") targets.push(next);
    return targets;
  }

  function isTabbable(element) {
    if (element.tabIndex < 0 || element.disabled || element.closest("[inert]")) return false;
    if (element.matches("input[type=hidden]")) return false;
    if (!element.matches(TABBABLE)) return false;
    // Not rendered (display: none, visibility: hidden): the browser skips it.
    if (!element.checkVisibility({ visibilityProperty: true })) return false;
    // Of a group of radio buttons only the checked one is in the tab order.
    if (element.matches("input[type=radio]:not(:checked)") && element.name
      && (element.form || document).querySelector(`input[type=radio][name="${CSS.escape(element.name)}"]:checked`)) return false;
    return focusTargets(element).some(isVisible);
  }

  // The box around an element and its labels, after scrolling it to the middle.
  function focusBox(selector, scroll = true) {
    const element = document.querySelector(selector);
    if (scroll) element.scrollIntoView({ block: "center", inline: "nearest" });
    const boxes = focusTargets(element).filter(isVisible).map((target) => target.getBoundingClientRect());
    if (!boxes.length) return null;
    const left = Math.min(...boxes.map((b) => b.left));
    const top = Math.min(...boxes.map((b) => b.top));
    const right = Math.max(...boxes.map((b) => b.right));
    const bottom = Math.max(...boxes.map((b) => b.bottom));
    return { x: left, y: top, width: right - left, height: bottom - top };
  }

  // A short, stable description of an element for messages: tag, id, classes, text.
  function describe(element) {
    let name = element.tagName.toLowerCase();
    if (element.id) name += "#" + element.id;
    const classes = [...element.classList].filter((c) => !c.startsWith("probe-")).slice(0, 3);
    if (classes.length) name += "." + classes.join(".");
    const label = element.getAttribute("aria-label") || text(element);
    return label ? `${name} ”${short(label, 40)}”` : name;
  }

  let nextMark = 0;
  // Gives an element a data-probe attribute and returns a selector for it.
  function mark(element) {
    if (!element.dataset.probe) element.dataset.probe = String(++nextMark);
    return `[data-probe="${element.dataset.probe}"]`;
  }

  // The name an SVG gets from aria-labelledby, aria-label or its own <title>.
  function svgName(svg) {
    const ids = (svg.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    const fromIds = ids.map((id) => text(document.getElementById(id))).join(" ").trim();
    if (fromIds) return fromIds;
    const label = (svg.getAttribute("aria-label") || "").trim();
    if (label) return label;
    return text(svg.querySelector(":scope > title"));
  }

  // Every link on the page and every id an anchor can point at.
  function links() {
    const found = [];
    for (const anchor of document.querySelectorAll("a[href], area[href]")) {
      const raw = anchor.getAttribute("href");
      let absolute;
      try {
        absolute = new URL(raw, document.baseURI).href;
      } catch (error) {
        absolute = null;
      }
      found.push({ raw, absolute, text: short(text(anchor) || anchor.getAttribute("aria-label") || anchor.title || "") });
    }
    const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
    const names = [...document.querySelectorAll("a[name]")].map((element) => element.getAttribute("name"));
    return { links: found, ids: [...new Set([...ids, ...names])] };
  }

  // Elements that would make the browser load something from another host.
  function externalReferences() {
    const found = [];
    const foreign = (value) => {
      try {
        const url = new URL(value, document.baseURI);
        return (url.protocol === "http:" || url.protocol === "https:" || url.protocol === "ws:" || url.protocol === "wss:" || url.protocol === "ftp:")
          && url.origin !== location.origin;
      } catch (error) {
        return false;
      }
    };
    for (const [tag, attribute] of RESOURCE_ATTRIBUTES) {
      for (const element of document.getElementsByTagName(tag)) {
        const value = element.getAttribute(attribute) || element.getAttribute("xlink:" + attribute);
        if (!value) continue;
        const urls = attribute === "srcset" ? value.split(",").map((part) => part.trim().split(/\s+/)[0]) : [value];
        for (const url of urls) if (foreign(url)) found.push(`<${tag} ${attribute}="${short(url, 100)}">`);
      }
    }
    for (const link of document.querySelectorAll("link[href]")) {
      if (FETCHING_LINKS.test(link.rel) && foreign(link.getAttribute("href"))) {
        found.push(`<link rel="${link.rel}" href="${short(link.getAttribute("href"), 100)}">`);
      }
    }
    for (const element of document.querySelectorAll("[style]")) {
      const match = /url\(\s*['"]?([^'")]+)/i.exec(element.getAttribute("style"));
      if (match && foreign(match[1])) found.push(`style url(${short(match[1], 100)})`);
    }
    return found;
  }

  // What is wrong with each diagram: figure.diagram must hold a drawn SVG with a
  // text alternative, a caption and a data table; no diagram library may show an error.
  function diagramProblems() {
    const problems = [];
    const figures = [...document.querySelectorAll("figure.diagram")];
    figures.forEach((figure, index) => {
      const caption = figure.querySelector(":scope > figcaption");
      const name = `diagram ${index + 1}` + (text(caption) ? ` (”${short(text(caption), 50)}”)` : "");
      // A diagram may be drawn twice (a laptop's and a phone's layout); the one shown counts.
      const drawings = [...figure.querySelectorAll("svg")];
      const svg = drawings.find(isVisible) || drawings[0];
      if (!svg) {
        problems.push(`${name}: inget SVG-element, diagrammet ritades inte`);
      } else {
        const box = svg.getBoundingClientRect();
        if (!isVisible(svg) || box.width < 2 || box.height < 2) problems.push(`${name}: SVG-bilden syns inte eller saknar storlek`);
        if (!svg.querySelector("path, rect, circle, ellipse, line, polyline, polygon, text, use, image")) {
          problems.push(`${name}: SVG-bilden är tom`);
        }
        if (svg.getAttribute("role") !== "img") problems.push(`${name}: SVG-bilden saknar role="img"`);
        if (!svgName(svg)) problems.push(`${name}: SVG-bilden saknar textalternativ (aria-labelledby, aria-label eller <title>)`);
      }
      if (!text(caption)) problems.push(`${name}: bildtext (<figcaption>) saknas`);
      let table = figure.querySelector("table");
      const next = figure.nextElementSibling;
      if (!table && next) table = next.matches("table") ? next : next.querySelector("table");
      if (!table) {
        problems.push(`${name}: datatabell saknas (i figuren eller direkt efter den)`);
      } else {
        if (!table.querySelector("th")) problems.push(`${name}: datatabellen saknar rubrikceller (<th>)`);
        if (![...table.querySelectorAll("tr")].some((row) => row.querySelector("td"))) problems.push(`${name}: datatabellen har inga datarader`);
      }
    });
    const libraryError = /syntax error|parse error|syntaxfel|error in text/i;
    for (const element of document.querySelectorAll(".mermaid, .diagram, [class*=diagram], svg[aria-roledescription=error]")) {
      if (element.matches("svg[aria-roledescription=error]")) {
        problems.push(`${describe(element)}: diagrambiblioteket ritade ett felmeddelande`);
      } else if (libraryError.test(text(element))) {
        problems.push(`${describe(element)}: diagrambiblioteket visar ett fel: ”${short(text(element), 80)}”`);
      } else if (element.matches(".mermaid") && !element.querySelector("svg")) {
        problems.push(`${describe(element)}: diagrammet ritades inte (inget SVG-element)`);
      }
    }
    return [...new Set(problems)];
  }

  function overflows(element) {
    const style = getComputedStyle(element);
    const scrollX = /(auto|scroll)/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
    const scrollY = /(auto|scroll)/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
    return { scrollX, scrollY };
  }

  // Visible elements whose content scrolls, with what keyboard users can do there.
  function scrollRegions() {
    const regions = [];
    for (const element of document.body.querySelectorAll("*")) {
      const { scrollX, scrollY } = overflows(element);
      if (!scrollX && !scrollY) continue;
      if (!isVisible(element)) continue;
      const selfTabbable = element.hasAttribute("tabindex") && isTabbable(element);
      const inner = [...element.querySelectorAll(TABBABLE)].some(isTabbable);
      regions.push({ selector: mark(element), name: describe(element), scrollX, scrollY, selfTabbable, inner });
    }
    return regions;
  }

  // Tabbable elements, one per kind (tag, classes, place on the page), for the
  // focus-visibility check; `seen` holds kinds already checked.
  function focusCandidates(seen) {
    const result = [];
    const known = new Set(seen);
    for (const element of document.body.querySelectorAll(TABBABLE)) {
      if (!isTabbable(element)) continue;
      const place = element.closest("[data-md-component]");
      const classes = [...element.classList].filter((c) => !/--active|probe-/.test(c)).sort().join(".");
      const kind = [element.tagName.toLowerCase(), classes, element.getAttribute("type") || "",
        element.getAttribute("role") || "", place ? place.dataset.mdComponent : ""].join("|");
      if (known.has(kind)) continue;
      known.add(kind);
      result.push({ selector: mark(element), name: describe(element), kind });
    }
    return result;
  }

  // Print layout: navigation hidden, tables and diagrams whole (not clipped, not cut).
  function printProblems() {
    const problems = [];
    const chrome = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-skip, .md-search, .md-dialog, nav";
    for (const element of document.querySelectorAll(chrome)) {
      if (element.parentElement && element.parentElement.closest(chrome)) continue;
      const shown = element.checkVisibility({ visibilityProperty: true, opacityProperty: true });
      const box = element.getBoundingClientRect();
      if (shown && box.width > 0 && box.height > 0) problems.push(`navigationen syns i utskrift: ${describe(element)}`);
    }
    const article = document.querySelector("article") || document.body;
    const limit = article.getBoundingClientRect().right + 1;
    const clippedBy = (element) => {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX !== "visible" && parent.scrollWidth > parent.clientWidth + 1) return parent;
      }
      return null;
    };
    const whole = (element, label) => {
      if (!isVisible(element)) {
        problems.push(`${label} syns inte i utskrift`);
        return;
      }
      const box = element.getBoundingClientRect();
      if (box.right > limit) problems.push(`${label} är bredare än sidan i utskrift (${Math.round(box.width)} px)`);
      const clip = clippedBy(element);
      if (clip) problems.push(`${label} klipps av ${describe(clip)} i utskrift`);
      const own = getComputedStyle(element);
      if (/(auto|scroll|hidden)/.test(own.overflowX) && element.scrollWidth > element.clientWidth + 1) {
        problems.push(`${label} rullar i stället för att skrivas ut hel`);
      }
    };
    article.querySelectorAll("table").forEach((table, index) => {
      const label = `tabell ${index + 1}`;
      whole(table, label);
      const row = table.querySelector("tr");
      if (row && getComputedStyle(row).breakInside !== "avoid") problems.push(`${label}: raderna kan delas mellan sidor (break-inside)`);
      const head = table.querySelector("thead");
      if (head && getComputedStyle(head).display !== "table-header-group") problems.push(`${label}: rubrikraden upprepas inte på nya sidor`);
    });
    article.querySelectorAll("figure.diagram").forEach((figure, index) => {
      const label = `diagram ${index + 1}`;
      whole(figure, label);
      const svg = figure.querySelector("svg");
      if (svg) whole(svg, `${label} (SVG)`);
      if (getComputedStyle(figure).breakInside !== "avoid") problems.push(`${label} kan delas mellan sidor (break-inside)`);
    });
    return problems;
  }

  // Layout at the current window size: every table fits, or scrolls inside a box that says
  // so (a visible line about scrolling sideways right above it), keeps its header row and
  // first column in view while it scrolls, and is no taller than the window; no table is
  // clipped; the page itself does not scroll sideways. Every text of a drawn diagram is at
  // least 12 CSS px as rendered, and today's line of a diagram is in view without scrolling.
  // No date in a table is broken over two lines. Returns the problems and how each table was laid out (for the report).
  const MIN_TEXT = 12;

  function clipper(element) {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== "visible") return parent;
    }
    return null;
  }

  // The cue: the element right before the box, visible, close above it, saying "rulla i sidled".
  function cueBefore(box) {
    const cue = box.previousElementSibling;
    if (!cue || !isVisible(cue) || !/rulla i sidled/i.test(text(cue))) return null;
    const gap = box.getBoundingClientRect().top - cue.getBoundingClientRect().bottom;
    return gap >= -1 && gap < 40 ? cue : null;
  }

  function tableName(table, index) {
    const caption = table.caption ? text(table.caption) : "";
    if (caption) return `tabell ${index + 1} (”${short(caption, 50)}”)`;
    const headers = [...table.querySelectorAll("th")].slice(0, 3).map(text).filter(Boolean).join(", ");
    return `tabell ${index + 1}` + (headers ? ` (${short(headers, 50)})` : "");
  }

  function tableLayout(table, name, problems) {
    const box = clipper(table);
    const article = table.closest("article") || document.body;
    if (!box) {
      if (table.getBoundingClientRect().right > Math.min(article.getBoundingClientRect().right, window.innerWidth) + 1) {
        problems.push(`${name} är bredare än sidan och ligger inte i en yta som rullar`);
      }
      return getComputedStyle(table).display === "table" ? "ryms" : "kort";
    }
    const wide = box.scrollWidth > box.clientWidth + 1;
    if (!wide) return getComputedStyle(table).display === "table" ? "ryms" : "kort";
    const style = getComputedStyle(box);
    if (!/(auto|scroll)/.test(style.overflowX)) {
      problems.push(`${name} klipps av ${describe(box)}: ${box.scrollWidth - box.clientWidth} px syns inte och går inte att rulla fram`);
      return "klipps";
    }
    const missing = [];
    if (!cueBefore(box)) missing.push("ingen synlig rad ovanför som säger att tabellen rullar i sidled");
    if (box.clientHeight > window.innerHeight) missing.push(`ytan är högre än fönstret (${box.clientHeight} px), så rullningslisten syns inte`);
    const headRow = table.tHead ? table.tHead.rows[0] : table.rows[0];
    const firstHeader = headRow && headRow.cells[0];
    const firstBody = [...table.tBodies].flatMap((body) => [...body.rows]).find((row) => isVisible(row));
    const firstCell = firstBody && firstBody.cells[0];
    const { scrollLeft, scrollTop } = box;
    if (!firstHeader || firstHeader.tagName !== "TH") {
      missing.push("ingen rubrikrad");
    } else if (box.scrollHeight > box.clientHeight + 1) {
      box.scrollTop = box.scrollHeight;
      const top = box.getBoundingClientRect().top + box.clientTop;
      if (Math.abs(firstHeader.getBoundingClientRect().top - top) > 2) missing.push("rubrikraden följer inte med när ytan rullar nedåt");
    }
    if (firstCell) {
      box.scrollLeft = box.scrollWidth;
      const left = box.getBoundingClientRect().left + box.clientLeft;
      if (Math.abs(firstCell.getBoundingClientRect().left - left) > 2) missing.push("första kolumnen följer inte med när ytan rullar i sidled");
    }
    box.scrollLeft = scrollLeft;
    box.scrollTop = scrollTop;
    if (missing.length) {
      problems.push(`${name} är bredare än sin yta (${box.scrollWidth} px i ${box.clientWidth} px) utan att det syns: ${missing.join("; ")}`);
      return "rullar tyst";
    }
    return "rullar";
  }

  // A cell whose text runs out of it (into the next column) reads as the wrong column's text.
  // (Cells of a part hidden for the eye but kept for screen readers, clipped to nothing, are skipped.)
  function clippedAway(cell, table) {
    for (let part = cell; part && part !== table.parentElement; part = part.parentElement) {
      const style = getComputedStyle(part);
      if (style.clip !== "auto" && style.position === "absolute") return true;
    }
    return false;
  }

  function overflowingCells(table, name, problems) {
    for (const cell of table.querySelectorAll("th, td")) {
      if (!isVisible(cell) || cell.scrollWidth <= cell.clientWidth + 1 || clippedAway(cell, table)) continue;
      problems.push(`${name}: texten går utanför sin cell (”${short(text(cell), 40)}”)`);
      return;
    }
  }

  function textProblems(svg, name, problems) {
    let smallest = null;
    for (const element of svg.querySelectorAll("text")) {
      if (!element.getClientRects().length || !text(element)) continue;
      const matrix = element.getScreenCTM();
      if (!matrix) continue;
      const size = parseFloat(getComputedStyle(element).fontSize) * Math.hypot(matrix.a, matrix.b);
      if (!smallest || size < smallest.size) smallest = { size, words: text(element) };
    }
    if (smallest && smallest.size < MIN_TEXT - 0.05) {
      const shown = smallest.size.toFixed(1).replace(".", ",");
      problems.push(`${name}: texten är ${shown} px (”${short(smallest.words, 30)}”), minst ${MIN_TEXT} px krävs`);
    }
  }

  function todayProblems(svg, name, problems) {
    for (const line of svg.querySelectorAll(".d-idag")) {
      const box = line.getBoundingClientRect();
      const x = box.left + box.width / 2;
      let left = 0;
      let right = window.innerWidth;
      for (let parent = svg.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX === "visible") continue;
        const rect = parent.getBoundingClientRect();
        left = Math.max(left, rect.left + parent.clientLeft);
        right = Math.min(right, rect.left + parent.clientLeft + parent.clientWidth);
      }
      if (x < left || x > right) problems.push(`${name}: linjen för idag syns inte utan att rulla i sidled`);
    }
  }

  // A date in a table cell that the browser breaks over two lines ("2023-12-" over "12").
  // A date, or a time point as the plan names it ("Q4 2024", "vt 2024", "juni 2024").
  const TIME_POINT = /(?<![\w-])(?:\d{4}-\d{2}-\d{2}|(?:Q[1-4]|vt|ht|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)[ \u00a0]\d{4})(?![\w-])/g;

  function splitDates(table, name, problems) {
    for (const cell of table.querySelectorAll("th, td")) {
      if (!isVisible(cell)) continue;
      const nodes = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT, {
        acceptNode: (node) => (node.parentElement.closest("svg") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      let whole = "";
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node, start: whole.length });
        whole += node.data;
      }
      const at = (offset) => {
        const found = nodes.filter((item) => item.start <= offset).pop();
        return [found.node, offset - found.start];
      };
      for (const match of whole.matchAll(TIME_POINT)) {
        const range = document.createRange();
        range.setStart(...at(match.index));
        range.setEnd(...at(match.index + match[0].length - 1));
        range.setEnd(range.endContainer, range.endOffset + 1);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) {
          problems.push(`${name}: datumet ${match[0]} delas på två rader`);
          break;
        }
      }
    }
  }

  function layoutProblems() {
    const problems = [];
    const layouts = {};
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      problems.push(`sidan rullar i sidled (${document.documentElement.scrollWidth} px i ett fönster på ${window.innerWidth} px)`);
    }
    const article = document.querySelector("article") || document.body;
    [...article.querySelectorAll("table")].forEach((table, index) => {
      if (!isVisible(table)) return;
      const kind = tableLayout(table, tableName(table, index), problems);
      splitDates(table, tableName(table, index), problems);
      overflowingCells(table, tableName(table, index), problems);
      layouts[kind] = (layouts[kind] || 0) + 1;
    });
    let diagrams = 0;
    [...document.querySelectorAll("figure.diagram svg, .md-typeset svg[role=img]")].forEach((svg, index) => {
      if (!isVisible(svg) || !svg.querySelector("text")) return;
      diagrams += 1;
      const figure = svg.closest("figure.diagram");
      const caption = figure ? text(figure.querySelector(":scope > figcaption")) : svgName(svg);
      const name = `diagram ${index + 1}` + (caption ? ` (”${short(caption, 50)}”)` : "");
      textProblems(svg, name, problems);
      todayProblems(svg, name, problems);
    });
    return { problems: [...new Set(problems)], layouts, diagrams };
  }

  // Open every closed <details> in the content, as a reader who wants to see everything does.
  function openDetails() {
    const closed = [...document.querySelectorAll("article details:not([open])")];
    closed.forEach((details) => { details.open = true; });
    return closed.length;
  }

  // Sortable tables: cells of one column, visible rows and header state.
  function visibleRows(table) {
    return [...table.tBodies].flatMap((body) => [...body.rows]).filter((row) => !row.hidden && isVisible(row));
  }

  function columnKeys(tableSelector, column) {
    const table = document.querySelector(tableSelector);
    return visibleRows(table).map((row) => {
      const cell = row.cells[column];
      if (!cell) return "";
      return cell.dataset.sort ?? cell.dataset.sortera ?? text(cell);
    });
  }

  // Whether keys are in ascending or descending order: as numbers when the header says
  // data-typ="nummer" or every key is a number (Swedish format; a non-number sorts last),
  // otherwise in Swedish alphabetical order (å, ä, ö after z; digits by value).
  function sortedness(keys, numericColumn) {
    const number = (value) => {
      const cleaned = String(value).replace(/[\u00a0\u202f\s]/g, "").replace("\u2212", "-").replace(",", ".");
      return /^-?\d+(\.\d+)?$/.test(cleaned) ? parseFloat(cleaned) : null;
    };
    const numeric = numericColumn || keys.every((key) => number(key) !== null);
    const collator = new Intl.Collator("sv", { numeric: true, sensitivity: "base" });
    const value = (key) => {
      if (number(key) !== null) return number(key);
      const loose = parseFloat(String(key).replace(/[\u00a0\u202f\s]/g, "").replace("\u2212", "-").replace(",", "."));
      return isNaN(loose) ? Infinity : loose;
    };
    const compare = numeric ? (a, b) => (value(a) === value(b) ? 0 : value(a) < value(b) ? -1 : 1) : (a, b) => collator.compare(a, b);
    let ascending = true;
    let descending = true;
    for (let i = 1; i < keys.length; i++) {
      const order = compare(keys[i - 1], keys[i]);
      if (order > 0) ascending = false;
      if (order < 0) descending = false;
    }
    return { ascending, descending };
  }

  // The filter controls of a table: fields whose aria-controls names the table, or else
  // the fields in the nearest block around the table that has any (outside the table).
  function filterControls(table) {
    const fields = (root) => [...root.querySelectorAll("input:not([type=hidden]), select")]
      .filter((field) => !table.contains(field) && field.checkVisibility({ visibilityProperty: true }));
    if (table.id) {
      const named = fields(document).filter((field) =>
        (field.getAttribute("aria-controls") || "").split(/\s+/).includes(table.id));
      if (named.length) return named;
    }
    const stop = table.closest("article, main, body");
    for (let block = table.parentElement; block && block !== stop; block = block.parentElement) {
      const found = fields(block);
      if (found.length) return found;
    }
    return [];
  }

  // The whole plan (data-hela-planen) repeats the chapters' tables, which are checked on their own pages.
  function sortableTables() {
    return [...document.querySelectorAll("table.sorterbar")].filter((table) => !table.closest("[data-hela-planen]")).map((table, index) => {
      const headers = [...(table.tHead ? table.tHead.rows[0].cells : table.querySelectorAll("tr:first-child > th"))];
      const buttons = headers.map((cell, column) => {
        const button = cell.querySelector("button");
        return button ? {
          column, selector: mark(button), header: mark(cell), name: text(cell),
          numeric: cell.dataset.typ === "nummer", initial: cell.getAttribute("aria-sort"),
        } : null;
      }).filter(Boolean);
      const filters = filterControls(table).map((field) => ({ selector: mark(field), tag: field.tagName.toLowerCase(), name: describe(field) }));
      const caption = table.caption ? text(table.caption) : "";
      const closed = [];
      for (let details = table.closest("details:not([open])"); details; details = details.parentElement.closest("details:not([open])")) {
        const summary = details.querySelector(":scope > summary");
        if (summary) closed.unshift(mark(summary));
      }
      return {
        closed,
        selector: mark(table),
        name: `sorterbar tabell ${index + 1}` + (table.id ? ` (#${table.id})` : "") + (caption ? ` ”${short(caption, 40)}”` : ""),
        buttons, filters, rows: visibleRows(table).length,
        words: visibleRows(table).map((row) => text(row).toLocaleLowerCase("sv")),
      };
    });
  }

  function rowTexts(tableSelector) {
    return visibleRows(document.querySelector(tableSelector)).map((row) => text(row).toLocaleLowerCase("sv"));
  }

  window.__probes = {
    links, externalReferences, diagramProblems, scrollRegions, focusCandidates, focusBox, printProblems,
    layoutProblems, openDetails,
    isTabbableNow: (selector) => isTabbable(document.querySelector(selector)),
    sortableTables, columnKeys, sortedness, rowTexts, describe,
  };
})();

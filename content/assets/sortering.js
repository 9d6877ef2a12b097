// Sorting and filtering of the views' tables (table.sorterbar), without any library.
// The tables are complete without this script: it only reorders and hides rows.
//
// Sorting: each sortable header cell holds a <button>; pressing it sorts by that column,
// ascending first, and sets aria-sort on the header cell. Text sorts in Swedish order
// (Intl.Collator "sv": å, ä, ö after z; numbers inside text by value, so 9.2.2 < 9.2.10);
// a cell's data-sort, if present, is used instead of its text (dates, plain numbers).
// Filtering: the labelled <select> controls in div.tabellfilter (hidden until this
// script runs) keep rows whose data-f-<key> contains the chosen value ("|" separates).
(function () {
  "use strict";

  var collator = new Intl.Collator("sv", { numeric: true, sensitivity: "base" });
  var SEPARATOR = "|";

  function sortValue(row, index) {
    var cell = row.children[index];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function toNumber(text) {
    var cleaned = String(text).replace(/[\s\u00a0\u202f]/g, "").replace("\u2212", "-").replace(",", ".");
    var value = parseFloat(cleaned);
    return isNaN(value) ? Infinity : value;
  }

  function compare(type, a, b) {
    if (type === "nummer") {
      var x = toNumber(a);
      var y = toNumber(b);
      return x === y ? 0 : x < y ? -1 : 1;
    }
    return collator.compare(a, b);
  }

  function announce(container, message) {
    var status = container.querySelector(".tabellfilter-antal");
    if (status) status.textContent = message;
  }

  function countLine(container, table) {
    var rows = table.tBodies[0].rows;
    var shown = Array.prototype.filter.call(rows, function (row) { return !row.hidden; }).length;
    var noun = rows.length === 1 ? container.dataset.en : container.dataset.flera;
    return "Visar " + shown + " av " + rows.length + " " + (noun || "rader") + ".";
  }

  function sortBy(container, table, header) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var index = headers.indexOf(header);
    var direction = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var type = header.dataset.typ || "text";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, value: sortValue(row, index), position: position };
    });
    rows.sort(function (a, b) {
      var result = compare(type, a.value, b.value);
      if (direction === "descending") result = -result;
      return result || a.position - b.position;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
    headers.forEach(function (cell) { if (cell !== header) cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", direction);
    var name = header.textContent.trim();
    announce(container, "Sorterad efter " + name + ", " + (direction === "ascending" ? "stigande" : "fallande") + ". " + countLine(container, table));
  }

  function applyFilters(container, table) {
    var selects = container.querySelectorAll("select[data-filter]");
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var keep = Array.prototype.every.call(selects, function (select) {
        if (!select.value) return true;
        var values = (row.getAttribute("data-f-" + select.dataset.filter) || "").split(SEPARATOR);
        return values.indexOf(select.value) !== -1;
      });
      row.hidden = !keep;
    });
    announce(container, countLine(container, table));
  }

  function setUpTable(table) {
    if (table.dataset.sorteringKlar) return;
    table.dataset.sorteringKlar = "ja";
    var container = table.closest(".vytabell-behallare") || table.parentNode;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
      var button = header.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () { sortBy(container, table, header); });
    });
    var filters = container.querySelector(".tabellfilter");
    if (filters) {
      filters.hidden = false;
      Array.prototype.forEach.call(filters.querySelectorAll("select[data-filter]"), function (select) {
        select.addEventListener("change", function () { applyFilters(container, table); });
      });
      announce(container, countLine(container, table));
    }
  }

  function setUp() {
    document.querySelectorAll("table.sorterbar").forEach(setUpTable);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setUp(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

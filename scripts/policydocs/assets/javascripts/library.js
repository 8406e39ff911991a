/* The library (library.html): filters, sorting and grouping of the table of documents.
 * The table itself is the data (no file to fetch: the page works from file:// too); without
 * scripts it reads as it is, newest first. Controls are native buttons and form fields, so the
 * keyboard reaches and works them all; the count of shown rows is announced in a status region. */
(function () {
  "use strict";

  var table = document.querySelector("table.library-table");
  var form = document.querySelector("form.library-filters");
  if (!table || !form) return;
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var keys = heads.map(function (th) { return th.getAttribute("data-key"); });
  var count = document.querySelector(".library-count");
  var rows = Array.prototype.slice.call(body.rows).map(function (tr) {
    var row = { el: tr };
    keys.forEach(function (key, i) {
      var link = tr.cells[i].querySelector("a"); /* a title's cell may hold a note under the link */
      row[key] = (link || tr.cells[i]).textContent.trim();
    });
    row.year = row.date.slice(0, 4);
    return row;
  });
  var GROUP_LABELS = { year: "年份", issuer: "发文机关", kind: "文种" };
  var state = { key: "date", descending: true };

  function compare(a, b, key) {
    if (a[key] === b[key]) return 0;
    if (!a[key]) return 1; /* empty values last, whatever the direction */
    if (!b[key]) return -1;
    return a[key] < b[key] ? -1 : 1;
  }

  function sortRows(list) {
    var group = form.querySelector("[data-group]").value;
    return list.slice().sort(function (a, b) {
      if (group) {
        var g = compare(a, b, group);
        if (g) return group === "year" ? (a[group] && b[group] ? -g : g) : g;
      }
      var c = compare(a, b, state.key);
      if (c && a[state.key] && b[state.key] && state.descending) c = -c;
      return c || compare(a, b, "title");
    });
  }

  function matches(row, filters) {
    if (filters.q) {
      var text = (row.title + " " + row.number + " " + row.issuer + " " + row.kind + " " + row.date).toLowerCase();
      var words = filters.q.toLowerCase().split(/\s+/).filter(Boolean);
      for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) < 0) return false;
    }
    if (filters.year && row.year !== filters.year) return false;
    if (filters.issuer && row.issuer.split("、").indexOf(filters.issuer) < 0) return false;
    if (filters.kind && row.kind !== filters.kind) return false;
    return true;
  }

  function render() {
    var filters = {};
    form.querySelectorAll("[data-filter]").forEach(function (field) {
      filters[field.getAttribute("data-filter")] = field.value.trim();
    });
    var group = form.querySelector("[data-group]").value;
    var shown = sortRows(rows.filter(function (row) { return matches(row, filters); }));
    var fragment = document.createDocumentFragment();
    var last = null;
    shown.forEach(function (row) {
      if (group && row[group] !== last) {
        last = row[group];
        var tr = document.createElement("tr");
        tr.className = "library-group";
        var th = document.createElement("th");
        th.colSpan = keys.length;
        th.scope = "colgroup";
        var size = shown.filter(function (r) { return r[group] === last; }).length;
        th.textContent = (last || "（未注明" + GROUP_LABELS[group] + "）") + "（" + size + " 份）";
        tr.appendChild(th);
        fragment.appendChild(tr);
      }
      fragment.appendChild(row.el);
    });
    body.textContent = "";
    body.appendChild(fragment);
    heads.forEach(function (th) {
      var key = th.getAttribute("data-key");
      if (key === state.key) th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    count.textContent = shown.length === rows.length
      ? "共 " + rows.length + " 份文件"
      : "显示 " + shown.length + " 份，共 " + rows.length + " 份文件";
  }

  heads.forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "library-sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      if (state.key === key) state.descending = !state.descending;
      else { state.key = key; state.descending = key === "date"; }
      render();
    });
  });
  form.addEventListener("input", render);
  form.addEventListener("change", render);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  var caption = table.querySelector("caption");
  if (caption) caption.textContent = "收录的文件（点击表头可排序）";
  render();
})();

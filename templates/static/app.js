/* app.js - filters, sorting and the side-by-side picker.
 * Everything works without it: the tables list all cases, and the
 * listing pages browse them by stage, model, gap, sector and country. */
(function () {
  "use strict";
  var $ = function (s, r) { return (r || document).querySelector(s); };
  var $$ = function (s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); };

  /* ---- filters on the home table; state kept in the URL ---- */
  var form = $("#filters"), table = $("#case-table");
  if (form && table) {
    var rows = $$("tbody tr", table), count = $("#count");
    var apply = function () {
      var f = {}, params = new URLSearchParams();
      $$("input, select", form).forEach(function (el) {
        f[el.name] = el.value.trim().toLowerCase();
        if (el.value && !(el.name === "gapstate" && el.value === "bridged")) params.set(el.name, el.value);
      });
      var shown = 0;
      rows.forEach(function (tr) {
        var d = tr.dataset, ok = true;
        if (f.q && (d.text + " " + tr.textContent).toLowerCase().indexOf(f.q) < 0) ok = false;
        if (f.stage && d.stage !== f.stage) ok = false;
        if (f.model && d.model !== f.model) ok = false;
        if (f.sector && d.sector !== f.sector) ok = false;
        if (f.country && (" " + d.country.toLowerCase()).indexOf(" " + f.country + " ") < 0) ok = false;
        if (f.gap) {
          var has = (" " + d.gaps).indexOf(" " + f.gap + " ") >= 0;
          // a case whose activities are not recorded leaves no gap empty
          if (f.gapstate === "empty" ? has || "unrecorded" in d : !has) ok = false;
        }
        tr.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown + " of " + rows.length + " cases";
      var qs = params.toString();
      history.replaceState(null, "", qs ? "?" + qs : location.pathname);
    };
    var initial = new URLSearchParams(location.search);
    $$("input, select", form).forEach(function (el) {
      if (initial.has(el.name)) el.value = initial.get(el.name);
      el.addEventListener("input", apply);
      el.addEventListener("change", apply);
    });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  /* ---- sortable tables: click a column header ---- */
  $$("table.sortable").forEach(function (t) {
    $$("thead th[data-sort]", t).forEach(function (th, col) {
      th.tabIndex = 0;
      var sort = function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        $$("thead th", t).forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var num = th.dataset.sort === "num", body = t.tBodies[0];
        var key = function (tr) {
          var c = tr.cells[col], v = c.dataset.value !== undefined ? c.dataset.value : c.textContent.trim();
          return num ? (v === "" ? -Infinity : parseFloat(v)) : v.toLowerCase();
        };
        Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = key(a), y = key(b);
          return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
        }).forEach(function (tr) { body.appendChild(tr); });
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });

  /* ---- side by side: pick two to four cases ---- */
  /* the cases come from compare/pick/cases.js (window.genPick), a file
   * of its own so that the page stays small however many cases there are */
  var pick = $("#pick"), data = $("#pick-data");
  var cases = window.genPick || (data ? JSON.parse(data.textContent) : null);
  if (pick && cases) {
    var out = $("#pick-out");
    var selects = $$("select[data-pick]", pick);
    var esc = function (s) { return s === null || s === undefined ? "" : String(s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); };
    selects.forEach(function (s) {
      s.innerHTML = "<option value=\"\">—</option>" + cases.map(function (c) { return "<option value=\"" + esc(c.slug) + "\">" + esc(c.title) + "</option>"; }).join("");
    });
    var rowsDef = [["Country", "country"], ["Sector", "sector"], ["Founded", "founded"], ["Actors", "actors"], ["Staff", "staff"],
      ["Stage", "stage"], ["Model", "model"], ["Gaps bridged", "gaps"], ["Funding", "funding"], ["Public share", "public_share"], ["Activities", "activities"]];
    var render = function () {
      var picked = selects.map(function (s) { return s.value; }).filter(Boolean);
      var params = new URLSearchParams(); picked.forEach(function (p, i) { params.set("c" + (i + 1), p); });
      history.replaceState(null, "", picked.length ? "?" + params : location.pathname);
      var list = picked.map(function (slug) { return cases.filter(function (c) { return c.slug === slug; })[0]; }).filter(Boolean);
      if (list.length < 2) { out.innerHTML = "<p class=\"muted\">Pick at least two cases.</p>"; return; }
      var root = document.querySelector("link[rel=stylesheet]").getAttribute("href").replace("static/style.css", "");
      var h = "<table id=\"side-by-side\"><thead><tr><th scope=\"col\">Fact</th>" + list.map(function (c) {
        return "<th scope=\"col\"><a href=\"" + esc(root + c.url) + "\">" + esc(c.title) + "</a></th>"; }).join("") + "</tr></thead><tbody>";
      rowsDef.forEach(function (r) {
        h += "<tr><th scope=\"row\">" + r[0] + "</th>" + list.map(function (c) {
          var v = c[r[1]];
          if (r[1] === "activities") v = (v || []).map(function (a) { return a.name; }).join(", ");
          else if (Array.isArray(v)) v = v.join(", ");
          return "<td>" + esc(v) + "</td>"; }).join("") + "</tr>";
      });
      out.innerHTML = h + "</tbody></table>";
    };
    var init = new URLSearchParams(location.search);
    selects.forEach(function (s) { if (init.get(s.name)) s.value = init.get(s.name); s.addEventListener("change", render); });
    render();
  }
})();

/* ---- the home map follows the table's filters ---- */
/* A marker shows while its case's row shows: whatever hides a row (the
 * filters, a search) hides the marker, its lead and its anchors too. */
(function () {
  "use strict";
  var map = document.querySelector("#map svg"), table = document.querySelector("#case-table");
  if (!map || !table || !window.MutationObserver) return;
  var byHref = {};
  Array.prototype.forEach.call(map.querySelectorAll("a.mk, [data-href]"), function (el) {
    var h = el.getAttribute("href") || el.getAttribute("data-href");
    (byHref[h] = byHref[h] || []).push(el);
  });
  var sync = function () {
    Array.prototype.forEach.call(table.tBodies[0].rows, function (tr) {
      var a = tr.querySelector("a[href]");
      (a && byHref[a.getAttribute("href")] || []).forEach(function (el) {
        el.classList.toggle("off", tr.hidden);
      });
    });
  };
  new MutationObserver(sync).observe(table.tBodies[0], { attributes: true, attributeFilter: ["hidden"], subtree: true, childList: true });
  sync();
})();

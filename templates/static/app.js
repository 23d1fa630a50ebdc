/* app.js - filters, sorting and the side-by-side picker.
 * Everything works without it: the tables list all cases, and the
 * listing pages browse them by stage, model, gap, sector and country. */
(function () {
  "use strict";
  var $ = function (s, r) { return (r || document).querySelector(s); };
  var $$ = function (s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); };

  /* the site's root, from the stylesheet's link: "../../" on a case page */
  var root = function () {
    var l = $("link[rel=stylesheet]");
    return l ? l.getAttribute("href").replace("static/style.css", "") : "";
  };

  /* ---- folding, as gen folds the search index (sg_fold, gen/suggest.c):
   * lower case, Latin letters with diacritics spelt in ASCII by the very
   * table gen exports in static/search.js ("ø" -> "o", "ß" -> "ss"), every
   * run of punctuation and space one space. The query is composed first
   * (NFC), so "o" + combining diaeresis folds as "ö" does. ---- */
  var fold = function (s) {
    var table = (window.genSearch && window.genSearch.fold) || {};
    var words = [], w = "";
    Array.from(String(s).normalize("NFC")).forEach(function (ch) {
      var cp = ch.codePointAt(0), t = null, letter;
      if (cp < 0x80) {
        letter = /[A-Za-z0-9]/.test(ch);
        t = ch.toLowerCase();
      } else {
        t = table[ch];
        if (!t && !window.genSearch) {
          /* until the index is in: strip the marks of a decomposed letter */
          var d = ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
          if (/^[A-Za-z]+$/.test(d)) t = d.toLowerCase();
        }
        letter = !!t || !((cp >= 0x2000 && cp <= 0x206F) || cp === 0xA0 ||
                          cp === 0xD7 || cp === 0xF7 || cp === 0x3000);
        if (!t) t = ch;
      }
      if (letter) w += t;
      else if (w) { words.push(w); w = ""; }
    });
    if (w) words.push(w);
    return words.join(" ");
  };
  /* every word of the query starts a word of the text */
  var matches = function (text, q) {
    var hay = " " + text;
    return q.split(" ").every(function (word) { return hay.indexOf(" " + word) >= 0; });
  };

  /* the search index (static/search.js), loaded when first needed */
  var index = null, loading = false, whenIndexed = [];
  var loadIndex = function (then) {
    if (index) { then(); return; }
    whenIndexed.push(then);
    if (loading) return;
    loading = true;
    var sc = document.createElement("script");
    sc.src = root() + "static/search.js";
    sc.onload = function () {
      index = {};
      ((window.genSearch && window.genSearch.cases) || []).forEach(function (c) { index[c.slug] = c.text; });
      whenIndexed.splice(0).forEach(function (f) { f(); });
    };
    sc.onerror = function () { loading = false; };   /* search the rows' own text */
    document.head.appendChild(sc);
  };

  /* ---- the URL keeps what the reader chose: filters and sort ---- */
  var urlState = {};
  var writeURL = function () {
    var params = new URLSearchParams();
    Object.keys(urlState).sort().forEach(function (k) { if (urlState[k]) params.set(k, urlState[k]); });
    var qs = params.toString();
    history.replaceState(null, "", qs ? "?" + qs : location.pathname);
  };
  var initial = new URLSearchParams(location.search);

  /* ---- filters on the home table ---- */
  var form = $("#filters"), table = $("#case-table");
  if (form && table) {
    var rows = $$("tbody tr", table), count = $("#count");
    var apply = function () {
      var f = {};
      $$("input, select", form).forEach(function (el) {
        f[el.name] = el.value.trim().toLowerCase();
        urlState[el.name] = el.value && !(el.name === "gapstate" && el.value === "bridged") ? el.value : "";
      });
      var q = f.q ? fold(f.q) : "";
      if (q && !index) loadIndex(apply);
      var shown = 0;
      rows.forEach(function (tr) {
        var d = tr.dataset, ok = true;
        if (q) {
          var text = index && index[d.slug] !== undefined ? index[d.slug] : fold(d.text + " " + tr.textContent);
          if (!matches(text, q)) ok = false;
        }
        /* "none": the stage or model is not recorded */
        if (f.stage && d.stage !== (f.stage === "none" ? "" : f.stage)) ok = false;
        if (f.model && d.model !== (f.model === "none" ? "" : f.model)) ok = false;
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
      if (count) count.textContent = shown + " of " + rows.length + (rows.length === 1 ? " case" : " cases");
      writeURL();
    };
    $$("input, select", form).forEach(function (el) {
      if (initial.has(el.name)) el.value = initial.get(el.name);
      el.addEventListener("input", apply);
      el.addEventListener("change", apply);
    });
    var qbox = $("input[name=q]", form);
    if (qbox) qbox.addEventListener("focus", function () { loadIndex(function () {}); }, { once: true });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  /* ---- sortable tables: a button in each column header; the case
   * table's sort is kept in the URL (?sort=founded&dir=desc) ---- */
  var collator = window.Intl ? new Intl.Collator("en", { numeric: true, sensitivity: "base" }) : null;
  $$("table.sortable").forEach(function (t) {
    var inURL = t.id === "case-table";
    var body = t.tBodies[0];
    Array.prototype.slice.call(body.rows).forEach(function (tr, i) { tr.dataset.order = i; });
    var heads = $$("thead th[data-sort]", t);
    var sortBy = function (th, asc) {
      var col = th.cellIndex, num = th.dataset.sort === "num";
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var key = function (tr) {
        var c = tr.cells[col], v = c.dataset.value !== undefined ? c.dataset.value : c.textContent.trim();
        if (!num) return v;
        var x = parseFloat(v);
        return isNaN(x) ? null : x;
      };
      Array.prototype.slice.call(body.rows).map(function (tr) { return [key(tr), tr]; }).sort(function (a, b) {
        var x = a[0], y = b[0], c;
        if (x === null || y === null || x === "" || y === "") {
          c = (x === null || x === "") - (y === null || y === "");   /* not recorded: always last */
          if (c) return c;
        } else {
          c = num ? x - y : collator ? collator.compare(x, y) : (x < y ? -1 : x > y ? 1 : 0);
          if (c) return asc ? c : -c;
        }
        return a[1].dataset.order - b[1].dataset.order;
      }).forEach(function (p) { body.appendChild(p[1]); });
      if (inURL) {
        urlState.sort = th.dataset.key || "";
        urlState.dir = th.dataset.key ? (asc ? "asc" : "desc") : "";
        writeURL();
      }
    };
    heads.forEach(function (th) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "sort";
      if ($("a, button, input, select", th)) {
        /* a header that links somewhere keeps its link; the button is
         * beside it (a link inside a button is no good to anyone) */
        b.setAttribute("aria-label", "Sort by " + th.textContent.trim());
        b.classList.add("beside");
      } else {
        while (th.firstChild) b.appendChild(th.firstChild);
      }
      th.appendChild(b);
      b.addEventListener("click", function () { sortBy(th, th.getAttribute("aria-sort") !== "ascending"); });
    });
    if (inURL && initial.get("sort")) {
      var th = heads.filter(function (h) { return h.dataset.key === initial.get("sort"); })[0];
      if (th) sortBy(th, initial.get("dir") !== "desc");
    }
  });

  /* ---- wide tables: those that scroll sideways say so, and can be
   * scrolled from the keyboard ---- */
  var cue = function () {
    $$(".table-wrap").forEach(function (w) {
      var wide = w.scrollWidth > w.clientWidth + 1;
      w.classList.toggle("scrolls", wide);
      var hint = w.previousElementSibling;
      var has = hint && hint.classList.contains("scroll-hint");
      if (wide && !has) {
        hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.textContent = "Scroll sideways for more columns →";
        w.parentNode.insertBefore(hint, w);
      } else if (!wide && has) {
        hint.parentNode.removeChild(hint);
      }
      if (wide && !w.hasAttribute("tabindex")) {
        w.tabIndex = 0;
        if (!w.getAttribute("role")) {
          w.setAttribute("role", "region");
          var cap = $("caption", w);
          w.setAttribute("aria-label", (cap ? cap.textContent.trim() : "Table") + " (scrolls sideways)");
        }
      }
    });
  };
  window.addEventListener("resize", cue);
  window.genCue = cue;

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
      var h = "<table id=\"side-by-side\"><thead><tr><th scope=\"col\">Fact</th>" + list.map(function (c) {
        return "<th scope=\"col\"><a href=\"" + esc(root() + c.url) + "\">" + esc(c.title) + "</a></th>"; }).join("") + "</tr></thead><tbody>";
      rowsDef.forEach(function (r) {
        h += "<tr><th scope=\"row\">" + r[0] + "</th>" + list.map(function (c) {
          var v = c[r[1]];
          if (r[1] === "activities") v = (v || []).map(function (a) { return a.name; }).join(", ");
          else if (Array.isArray(v)) v = v.join(", ");
          return "<td>" + esc(v) + "</td>"; }).join("") + "</tr>";
      });
      out.innerHTML = h + "</tbody></table>";
      cue();
    };
    var init = new URLSearchParams(location.search);
    selects.forEach(function (s) { if (init.get(s.name)) s.value = init.get(s.name); s.addEventListener("change", render); });
    render();
  }
  cue();
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

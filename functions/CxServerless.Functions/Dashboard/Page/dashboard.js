/*
 * CxServerless live dashboard. Plain JavaScript, no build step, no inline code (the page's CSP forbids it).
 * It polls GET kpis/summary every second with If-None-Match: a 304 costs the server one cheap comparison and the page
 * nothing; a 200 re-renders the tiles and alerts and refreshes the chart's series. Everything shown is scoped by the
 * API to the caller's role and team; the page hides nothing the API would otherwise reveal.
 */
(function () {
  "use strict";

  var POLL_MS = 1000;
  var REQUEST_TIMEOUT_MS = 10000;
  var STALE_AFTER_MS = 5000;
  var SERIES_MINUTES = 60;
  var LATE_ROLES = ["Supervisor", "OpsAdmin", "Auditor"];
  var SEVERITY_RANK = { Critical: 3, Error: 2, Warning: 1 };

  var apiBase = document.body.getAttribute("data-api-base") || "/api/";
  var state = {
    etag: null,
    slice: null,
    selectedKpi: null,
    summary: null,
    lastOk: 0,
    lastFailure: null,
    denied: false,
    timer: null,
    pollSeq: 0,
    seriesRequest: 0,
    chart: null,
    chartKey: null,
    series: null
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function api(path, query) {
    var url = apiBase + path;
    var parts = [];
    Object.keys(query || {}).forEach(function (key) {
      if (query[key] !== null && query[key] !== undefined) {
        parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(query[key]));
      }
    });
    return parts.length ? url + "?" + parts.join("&") : url;
  }

  function request(url, headers) {
    var controller = new AbortController();
    var timeout = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    return fetch(url, {
      headers: Object.assign({ Accept: "application/json" }, headers || {}),
      cache: "no-store",
      credentials: "same-origin",
      signal: controller.signal
    }).finally(function () { clearTimeout(timeout); });
  }

  /* ---------- formatting ---------- */

  function isNumber(v) { return typeof v === "number" && isFinite(v); }

  function formatNumber(value, unit) {
    if (!isNumber(value)) { return "–"; }
    if (unit === "count" || (unit === "" && Number.isInteger(value))) { return value.toLocaleString("en-GB"); }
    var digits = Math.abs(value) >= 100 ? 0 : 1;
    if (unit === "") { digits = Math.abs(value) >= 100 ? 0 : 2; }
    return value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function unitSuffix(unit) {
    if (unit === "s") { return " s"; }
    if (unit === "%") { return "%"; }
    return "";
  }

  function withUnit(value, unit) {
    return isNumber(value) ? formatNumber(value, unit) + unitSuffix(unit) : "–";
  }

  function time(iso) {
    if (!iso) { return "–"; }
    var d = new Date(iso);
    return isNaN(d) ? "–" : d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  function ago(iso) {
    var d = new Date(iso);
    if (isNaN(d)) { return ""; }
    var minutes = Math.max(0, Math.round((Date.now() - d.getTime()) / 60000));
    if (minutes < 1) { return "just now"; }
    if (minutes < 120) { return minutes + " min ago"; }
    return Math.round(minutes / 60) + " h ago";
  }

  function sliceText(slice) {
    return slice === "all" ? "all contacts" : String(slice || "").replace("=", ": ");
  }

  /* ---------- status: live, stale, offline ---------- */

  function setState(name, text) {
    document.body.setAttribute("data-state", name);
    $("status").textContent = text;
  }

  function updateStatus() {
    if (state.denied) { return; }
    if (!state.lastOk) {
      setState(state.lastFailure ? "offline" : "connecting", state.lastFailure ? "Offline: " + state.lastFailure : "Connecting…");
      return;
    }
    var age = Date.now() - state.lastOk;
    var updated = "updated " + new Date(state.lastOk).toLocaleTimeString("en-GB");
    if (state.lastFailure && age > STALE_AFTER_MS) {
      setState("offline", "Offline (" + state.lastFailure + "), showing data " + updated);
    } else if (age > STALE_AFTER_MS) {
      setState("stale", "Stale, " + updated);
    } else {
      setState("live", "Live, " + updated);
    }
  }

  /* ---------- polling ---------- */

  function schedule(delay) {
    clearTimeout(state.timer);
    state.timer = setTimeout(poll, delay);
  }

  function poll() {
    // A newer poll (the slice changed) supersedes this one: its answer is dropped and it schedules nothing.
    var id = ++state.pollSeq;
    var current = function () { return id === state.pollSeq; };
    var headers = state.etag ? { "If-None-Match": state.etag } : {};
    request(api("kpis/summary", { slice: state.slice }), headers).then(function (response) {
      if (!current()) { return null; }
      if (response.status === 304) {
        ok();
        return null;
      }
      if (response.status === 401 || response.status === 403) {
        state.denied = true;
        setState("denied", response.status === 401 ? "Sign in to see the dashboard." : "This account may not see the dashboard.");
        return null;
      }
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      var etag = response.headers.get("ETag");
      return response.json().then(function (summary) {
        if (!current()) { return; }
        state.etag = etag;
        state.summary = summary;
        document.body.setAttribute("data-etag", etag || "");
        ok();
        render(summary);
        refreshSeries(true);
      });
    }).catch(function (error) {
      if (!current()) { return; }
      state.lastFailure = error && error.name === "AbortError" ? "no answer" : (error && error.message) || "network error";
      updateStatus();
    }).finally(function () {
      if (current() && !state.denied) { schedule(POLL_MS); }
    });
  }

  function ok() {
    state.lastOk = Date.now();
    state.lastFailure = null;
    state.denied = false;
    updateStatus();
  }

  /* ---------- rendering ---------- */

  function render(summary) {
    renderViewer(summary.viewer || {});
    renderSlices(summary);
    renderTiles(summary.tiles || []);
    renderAlerts(summary.openAlerts || [], summary.tiles || []);
    renderLate(summary);
    $("rules-version").textContent = summary.rulesVersion || "–";
    $("watermark").textContent = time(summary.watermark);
    $("generated-at").textContent = time(summary.generatedAt);
  }

  function renderViewer(viewer) {
    var roles = (viewer.roles || []).join(", ") || "no role";
    var scope = viewer.scope === "team" ? "team " + (viewer.team || "none") : "all teams";
    $("viewer").textContent = "Signed in as " + (viewer.name || "unknown") + " (" + roles + "), seeing " + scope +
      (viewer.development ? " · development identity" : "");
    $("viewer-message").textContent = viewer.message || "";
    $("viewer-message").hidden = !viewer.message;

    var dev = viewer.development === true;
    $("dev-switcher").hidden = !dev;
    $("dev-team-field").hidden = !dev;
    if (dev) {
      var role = (viewer.roles || [])[0];
      if (role && document.activeElement !== $("dev-role")) { $("dev-role").value = role; }
      if (document.activeElement !== $("dev-team")) { $("dev-team").value = viewer.team || ""; }
    }
  }

  function renderSlices(summary) {
    var viewer = summary.viewer || {};
    var slices = summary.slices || [];
    var select = $("slice");
    var show = viewer.scope === "all" && slices.length > 1;
    $("slice-field").hidden = !show;
    var current = summary.slice || state.slice || (summary.tiles && summary.tiles[0] && summary.tiles[0].slice) || "all";
    $("tiles-slice").textContent = "· " + sliceText(current);
    if (!show) { return; }
    var existing = Array.prototype.map.call(select.options, function (o) { return o.value; }).join("\n");
    if (existing !== slices.join("\n")) {
      select.textContent = "";
      slices.forEach(function (slice) {
        var option = el("option", null, sliceText(slice));
        option.value = slice;
        select.appendChild(option);
      });
    }
    if (document.activeElement !== select) { select.value = current; }
  }

  function renderTiles(tiles) {
    var list = $("tiles");
    var focusedKpi = document.activeElement && document.activeElement.getAttribute("data-kpi");
    if (!tiles.some(function (t) { return t.kpi === state.selectedKpi; })) {
      // Start on what needs attention: the first alerting tile, else the first with a value.
      var first = tiles.filter(function (t) { return t.alert; })[0] ||
        tiles.filter(function (t) { return isNumber(t.value); })[0] || tiles[0];
      state.selectedKpi = first ? first.kpi : null;
    }
    list.textContent = "";
    tiles.forEach(function (tile) { list.appendChild(renderTile(tile)); });
    $("no-tiles").hidden = tiles.length > 0;
    if (focusedKpi) {
      var again = list.querySelector('button[data-kpi="' + focusedKpi + '"]');
      if (again) { again.focus(); }
    }
  }

  function renderTile(tile) {
    var item = el("li", "tile");
    item.setAttribute("data-kpi", tile.kpi);
    item.setAttribute("data-slice", tile.slice);
    var button = el("button", "tile-button");
    button.type = "button";
    button.setAttribute("data-kpi", tile.kpi);
    button.setAttribute("aria-pressed", tile.kpi === state.selectedKpi ? "true" : "false");
    button.addEventListener("click", function () { select(tile.kpi); });

    button.appendChild(el("span", "tile-label", tile.label || tile.kpi));

    var value = el("span", "tile-value");
    value.setAttribute("data-value", isNumber(tile.value) ? String(tile.value) : "");
    value.appendChild(document.createTextNode(formatNumber(tile.value, tile.unit)));
    if (isNumber(tile.value) && unitSuffix(tile.unit)) {
      value.appendChild(el("span", "unit", unitSuffix(tile.unit).trim()));
    }
    button.appendChild(value);

    button.appendChild(renderTrend(tile));

    var meta = el("span", "tile-meta");
    if (tile.status) {
      var final = tile.status === "final";
      meta.appendChild(el("span", "badge " + (final ? "badge-final" : "badge-provisional"), final ? "Final" : "Provisional"));
    }
    meta.appendChild(el("span", "samples", (isNumber(tile.samples) ? tile.samples.toLocaleString("en-GB") : "0") + " samples"));
    if (tile.windowEnd) { meta.appendChild(el("span", "window-end", "to " + time(tile.windowEnd))); }
    button.appendChild(meta);

    if (tile.learning === true) {
      // The baseline has too little history to judge yet; static limits still apply.
      item.setAttribute("data-learning", "true");
      var learning = el("span", "badge badge-learning", "Learning");
      learning.title = "The baseline is still learning: too little history to judge this figure yet. Fixed limits still apply.";
      button.appendChild(learning);
    }

    if (tile.alert) {
      var severity = String(tile.alert.severity || "Warning");
      item.classList.add("sev-" + severity.toLowerCase());
      item.setAttribute("data-alert-severity", severity);
      button.appendChild(el("span", "tile-alert", severity + " alert"));
    }
    item.appendChild(button);
    return item;
  }

  function renderTrend(tile) {
    var wrap = el("span", "tile-trend");
    var values = (tile.trend || []).map(function (p) { return p.value; });
    var known = values.filter(isNumber);
    if (known.length >= 2) {
      wrap.appendChild(sparkline(values));
      var last = known[known.length - 1];
      var previous = known[known.length - 2];
      var delta = last - previous;
      var arrow = delta > 0 ? "▲" : delta < 0 ? "▼" : "▶";
      var words = delta > 0 ? "up" : delta < 0 ? "down" : "unchanged";
      if (delta !== 0 && typeof tile.higherIsBetter === "boolean") {
        var better = (delta > 0) === tile.higherIsBetter;
        wrap.classList.add(better ? "trend-better" : "trend-worse");
        words += better ? " (better)" : " (worse)";
      }
      var text = el("span", "arrow", arrow + " " + (delta === 0 ? "" : formatNumber(Math.abs(delta), tile.unit) + unitSuffix(tile.unit)));
      text.setAttribute("aria-label",
        words + (delta === 0 ? "" : " " + formatNumber(Math.abs(delta), tile.unit) + unitSuffix(tile.unit)) + " on the previous window");
      wrap.appendChild(text);
    } else {
      wrap.appendChild(el("span", "arrow", "no trend yet"));
    }
    return wrap;
  }

  function sparkline(values) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("viewBox", "0 0 100 30");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    var known = values.filter(isNumber);
    var min = Math.min.apply(null, known);
    var max = Math.max.apply(null, known);
    var span = max - min || 1;
    var step = values.length > 1 ? 100 / (values.length - 1) : 0;
    var points = [];
    values.forEach(function (v, i) {
      if (isNumber(v)) { points.push((i * step).toFixed(1) + "," + (28 - ((v - min) / span) * 26).toFixed(1)); }
    });
    var line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.join(" "));
    svg.appendChild(line);
    return svg;
  }

  function kpiLabel(kpi, tiles) {
    var tile = tiles.filter(function (t) { return t.kpi === kpi; })[0];
    return tile ? tile.label : kpi;
  }

  function kpiUnit(kpi, tiles) {
    var tile = tiles.filter(function (t) { return t.kpi === kpi; })[0];
    return tile ? tile.unit : "";
  }

  // Alerts that page, most severe first; each followed by the sub-slice alerts rolled up into it (parentId), which have
  // no task of their own. A child whose parent is not in the list (the viewer does not see all contacts, or the parent
  // has just resolved) is listed on its own, still without a task: it pages, with a task, only if it is promoted.
  function orderAlerts(alerts) {
    var bySeverity = function (a, b) {
      return (SEVERITY_RANK[b.severity] || 0) - (SEVERITY_RANK[a.severity] || 0) ||
        String(a.openedAt).localeCompare(String(b.openedAt));
    };
    var ids = {};
    alerts.forEach(function (a) { ids[a.id] = true; });
    var isChild = function (a) { return Boolean(a.parentId) && ids[a.parentId] === true; };
    var ordered = [];
    alerts.filter(function (a) { return !isChild(a); }).sort(bySeverity).forEach(function (parent) {
      ordered.push(parent);
      alerts.filter(function (a) { return isChild(a) && a.parentId === parent.id; }).sort(bySeverity)
        .forEach(function (child) { ordered.push(child); });
    });
    return { ordered: ordered, pages: alerts.filter(function (a) { return !isChild(a); }).length, isChild: isChild };
  }

  function renderAlerts(alerts, tiles) {
    var order = orderAlerts(alerts);
    var sorted = order.ordered;
    var body = $("alerts").tBodies[0];
    body.textContent = "";
    sorted.forEach(function (alert) {
      var child = order.isChild(alert);
      var row = el("tr", child ? "alert-child" : null);
      row.setAttribute("data-alert-id", alert.id);
      row.setAttribute("data-kpi", alert.kpi);
      row.setAttribute("data-slice", alert.slice);
      if (child) { row.setAttribute("data-parent-id", alert.parentId); }
      var severity = String(alert.severity || "Warning");
      var sevCell = el("td");
      sevCell.appendChild(el("span", "sev-label sev-" + severity.toLowerCase(), severity));
      row.appendChild(sevCell);
      row.appendChild(el("td", null, kpiLabel(alert.kpi, tiles)));
      row.appendChild(el("td", null, child ? "↳ " + sliceText(alert.slice) + " (part of the alert above)" : sliceText(alert.slice)));
      var unit = kpiUnit(alert.kpi, tiles);
      var versus = "now " + withUnit(alert.value, unit);
      if (isNumber(alert.baseline)) { versus += " vs " + withUnit(alert.baseline, unit); }
      if (isNumber(alert.lower) || isNumber(alert.upper)) {
        versus += " (band " + withUnit(alert.lower, unit) + " to " + withUnit(alert.upper, unit) + ")";
      }
      // The value it opened at and the worst so far, so the row never reads like a normal figure alone.
      var history = [];
      if (isNumber(alert.openingValue)) { history.push("opened at " + withUnit(alert.openingValue, unit)); }
      if (isNumber(alert.peakValue)) { history.push("worst " + withUnit(alert.peakValue, unit)); }
      var values = el("td", "alert-values", versus + (history.length > 0 ? "; " + history.join(", ") : ""));
      values.setAttribute("data-value", isNumber(alert.value) ? String(alert.value) : "");
      values.setAttribute("data-opening-value", isNumber(alert.openingValue) ? String(alert.openingValue) : "");
      values.setAttribute("data-peak-value", isNumber(alert.peakValue) ? String(alert.peakValue) : "");
      row.appendChild(values);
      row.appendChild(el("td", null, time(alert.openedAt) + ", " + ago(alert.openedAt)));
      row.appendChild(el("td", null, alert.message || ""));
      var taskCell = el("td");
      if (child) {
        taskCell.textContent = "Handled with the alert above";
      } else if (alert.parentId) {
        taskCell.textContent = "Handled with an all-contacts alert";
        row.setAttribute("data-rolled-up-into", alert.parentId);
      } else {
        var link = el("a", "task-link", "Open task");
        link.href = api("inbox", { alertId: alert.id });
        link.setAttribute("aria-label", "Open the task of the " + severity + " alert on " + kpiLabel(alert.kpi, tiles));
        taskCell.appendChild(link);
      }
      row.appendChild(taskCell);
      body.appendChild(row);
    });
    $("alert-count").textContent = String(order.pages);
    $("alerts").hidden = sorted.length === 0;
    $("no-alerts").hidden = sorted.length > 0;
  }

  function mayListLate(viewer) {
    return (viewer.roles || []).some(function (r) { return LATE_ROLES.indexOf(r) >= 0; });
  }

  function renderLate(summary) {
    // The API gives the count only to roles that see every slice (null otherwise); those roles may also list them.
    var visible = isNumber(summary.lateEvents);
    $("late-section").hidden = !visible;
    $("late-count").textContent = String(visible ? summary.lateEvents : 0);
    var details = $("late-details");
    details.hidden = !visible || !mayListLate(summary.viewer || {});
    if (!details.hidden && details.open) { loadLate(); }
  }

  function loadLate() {
    var target = $("late-list");
    request(api("kpis/late")).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (late) {
      target.textContent = "";
      var events = late.events || [];
      if (!events.length) {
        target.appendChild(el("p", "empty", "No late events."));
        return;
      }
      var table = el("table");
      var head = el("tr");
      ["Type", "Event time", "Arrived", "Late by", "Channel", "Queue", "Team"].forEach(function (h) {
        var th = el("th", null, h);
        th.scope = "col";
        head.appendChild(th);
      });
      table.appendChild(el("thead")).appendChild(head);
      var body = table.appendChild(el("tbody"));
      events.forEach(function (e) {
        var row = el("tr");
        [e.type, time(e.eventTime), time(e.arrivedAt), withUnit(e.lateBySeconds, "s"), e.channel, e.queue, e.team].forEach(function (v) {
          row.appendChild(el("td", null, v === null || v === undefined ? "–" : String(v)));
        });
        body.appendChild(row);
      });
      target.appendChild(table);
    }).catch(function (error) {
      target.textContent = "Could not load the late events (" + error.message + ").";
    });
  }

  /* ---------- chart ---------- */

  function select(kpi) {
    state.selectedKpi = kpi;
    Array.prototype.forEach.call(document.querySelectorAll(".tile-button"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-kpi") === kpi ? "true" : "false");
    });
    refreshSeries(false);
  }

  function selectedTile() {
    var tiles = (state.summary && state.summary.tiles) || [];
    return tiles.filter(function (t) { return t.kpi === state.selectedKpi; })[0] || null;
  }

  function refreshSeries(summaryChanged) {
    var tile = selectedTile();
    if (!tile) {
      $("chart-title").textContent = "none selected";
      return;
    }
    var key = tile.kpi + "|" + tile.slice;
    if (!summaryChanged && key === state.chartKey && state.series) { return; }
    var id = ++state.seriesRequest;
    var query = { kpi: tile.kpi, slice: tile.slice, minutes: SERIES_MINUTES };
    request(api("kpis/series", query)).then(function (response) {
      if (response.status === 403) { throw new Error("You may not see this series."); }
      if (!response.ok) { throw new Error("The series could not be loaded (HTTP " + response.status + ")."); }
      return response.json();
    }).then(function (series) {
      if (id !== state.seriesRequest) { return; }
      state.series = series;
      drawChart(tile, series, key);
    }).catch(function (error) {
      if (id !== state.seriesRequest) { return; }
      $("chart-caption").textContent = error.message;
    });
  }

  function toSeconds(iso) { return Math.round(new Date(iso).getTime() / 1000); }

  function chartData(series) {
    var xs = {};
    (series.points || []).forEach(function (p) { xs[toSeconds(p.end)] = true; });
    (series.baseline || []).forEach(function (b) { xs[toSeconds(b.end)] = true; });
    var x = Object.keys(xs).map(Number).sort(function (a, b) { return a - b; });
    var index = {};
    x.forEach(function (t, i) { index[t] = i; });
    var value = x.map(function () { return null; });
    var lower = value.slice(), upper = value.slice(), mean = value.slice();
    (series.points || []).forEach(function (p) { value[index[toSeconds(p.end)]] = isNumber(p.value) ? p.value : null; });
    (series.baseline || []).forEach(function (b) {
      var i = index[toSeconds(b.end)];
      lower[i] = isNumber(b.lower) ? b.lower : null;
      upper[i] = isNumber(b.upper) ? b.upper : null;
      mean[i] = isNumber(b.mean) ? b.mean : null;
    });
    return [x, value, mean, upper, lower];
  }

  function alertMarkers(series) {
    return (series.alerts || []).map(function (a) {
      return { at: toSeconds(a.windowEnd || a.openedAt), severity: a.severity, resolved: a.status === "Resolved" };
    });
  }

  function drawChart(tile, series, key) {
    var container = $("chart");
    var data = chartData(series);
    var markers = alertMarkers(series);
    var unit = series.unit !== undefined ? series.unit : tile.unit;
    $("chart-title").textContent = tile.label + " · " + sliceText(tile.slice) + " · " + (series.window || tile.window || "");
    container.setAttribute("data-kpi", tile.kpi);
    container.setAttribute("data-points", String((series.points || []).length));
    container.setAttribute("data-alerts", String(markers.length));

    var known = data[1].filter(isNumber);
    var caption = known.length
      ? "Last " + SERIES_MINUTES + " minutes: " + known.length + " windows, latest " + withUnit(known[known.length - 1], unit) + "."
      : "No values in the last " + SERIES_MINUTES + " minutes.";
    if (markers.length) { caption += " " + markers.length + " alert" + (markers.length > 1 ? "s" : "") + " marked."; }
    $("chart-caption").textContent = caption;

    if (typeof window.uPlot !== "function") {
      $("chart-caption").textContent = caption + " (The chart library did not load.)";
      return;
    }

    state.chartMarkers = markers;
    if (state.chart && state.chartKey === key) {
      state.chart.setData(data);
      return;
    }
    if (state.chart) { state.chart.destroy(); }
    state.chartKey = key;
    state.chart = new window.uPlot(chartOptions(container, unit), data, container);
  }

  function chartOptions(container, unit) {
    var suffix = unitSuffix(unit);
    var fmt = function (u, v) { return isNumber(v) ? formatNumber(v, unit) + suffix : "–"; };
    return {
      width: Math.max(280, container.clientWidth || 600),
      height: 300,
      scales: { x: { time: true } },
      series: [
        {},
        { label: "Value", stroke: "#0b57d0", width: 2, value: fmt, spanGaps: false },
        { label: "Baseline", stroke: "#788291", width: 1, dash: [6, 4], value: fmt, points: { show: false } },
        { label: "Upper", stroke: "#9aa3ad", width: 1, value: fmt, points: { show: false } },
        { label: "Lower", stroke: "#9aa3ad", width: 1, value: fmt, points: { show: false } }
      ],
      bands: [{ series: [3, 4], fill: "rgba(120, 130, 145, 0.22)" }],
      axes: [
        {
          stroke: "#6b7480",
          grid: { stroke: "rgba(120,130,145,0.15)" },
          values: function (u, vals) {
            return vals.map(function (v) {
              return new Date(v * 1000).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
            });
          }
        },
        {
          stroke: "#6b7480",
          grid: { stroke: "rgba(120,130,145,0.15)" },
          values: function (u, vals) { return vals.map(function (v) { return formatNumber(v, unit); }); }
        }
      ],
      hooks: { draw: [drawMarkers] }
    };
  }

  function drawMarkers(u) {
    var ctx = u.ctx;
    var top = u.bbox.top;
    var bottom = u.bbox.top + u.bbox.height;
    (state.chartMarkers || []).forEach(function (m) {
      if (m.at < u.scales.x.min || m.at > u.scales.x.max) { return; }
      var x = Math.round(u.valToPos(m.at, "x", true));
      ctx.save();
      ctx.strokeStyle = m.resolved ? "rgba(196, 49, 75, 0.45)" : "#c4314b";
      ctx.fillStyle = ctx.strokeStyle;
      ctx.lineWidth = 2 * (window.devicePixelRatio || 1);
      ctx.setLineDash(m.resolved ? [4, 4] : []);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      var s = 7 * (window.devicePixelRatio || 1);
      ctx.beginPath();
      ctx.moveTo(x - s, top);
      ctx.lineTo(x + s, top);
      ctx.lineTo(x, top + s * 1.4);
      ctx.closePath();
      ctx.fill();
      ctx.restore();
    });
  }

  function resizeChart() {
    if (state.chart) {
      state.chart.setSize({ width: Math.max(280, $("chart").clientWidth || 600), height: 300 });
    }
  }

  /* ---------- controls ---------- */

  function setCookie(name, value) {
    document.cookie = name + "=" + encodeURIComponent(value) + "; path=/; SameSite=Strict; max-age=31536000";
  }

  function wire() {
    $("slice").addEventListener("change", function (e) {
      state.slice = e.target.value;
      state.etag = null;
      state.chartKey = null;
      schedule(0);
    });
    $("dev-role").addEventListener("change", function (e) {
      setCookie("cx-dev-role", e.target.value);
      window.location.reload();
    });
    $("dev-team").addEventListener("change", function (e) {
      var team = e.target.value.trim();
      if (!e.target.checkValidity() || !team) { return; }
      setCookie("cx-dev-team", team);
      window.location.reload();
    });
    $("late-details").addEventListener("toggle", function (e) {
      if (e.target.open) { loadLate(); }
    });
    window.addEventListener("resize", resizeChart);
    setInterval(updateStatus, 1000);
  }

  wire();
  poll();
}());

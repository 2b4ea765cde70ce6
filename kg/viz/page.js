/* The kg graph page: draws the embedded graph with vis-network and wires search (names and
 * aliases), filters (status, kind, source, dates), neighbourhood highlight, physics switch,
 * provenance details with each status's reason and deciding outcome, and a node's claim list.
 *
 * Every string from the graph reaches the DOM through textContent (see el()), never innerHTML,
 * and links are made only for http(s) URLs, so a name or quote containing markup stays text. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var DIM = { background: "#eeeeee", border: "#dddddd" };
  var SHAPE_SYMBOLS = { dot: "●", diamond: "◆", triangle: "▲", hexagon: "⬢", star: "★", box: "▭" };

  /* Attribution lines travel as [source, entity, [claim edge positions]] to keep pages small. */
  data.attribution.forEach(function (a) {
    data.edges.push(Object.assign({
      id: "attr:" + a[0] + ">" + a[1], from: a[0], to: a[1], role: "attribution",
      claimEdges: a[2].map(function (i) { return data.edges[i].id; })
    }, data.attributionStyle));
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeById = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var claimEdges = data.edges.filter(function (e) { return e.role === "claim"; });
  var attributionEdges = data.edges.filter(function (e) { return e.role === "attribution"; });
  var allKinds = [];
  claimEdges.forEach(function (e) { if (allKinds.indexOf(e.kind) < 0) { allKinds.push(e.kind); } });
  allKinds.sort(function (a, b) { return data.kindOrder.indexOf(a) - data.kindOrder.indexOf(b); });

  var allStatuses = data.legend.status.map(function (s) { return s.status; });
  var state = { kinds: new Set(allKinds), statuses: new Set(allStatuses), source: "", since: "",
    until: "", showSources: data.showAttribution };
  var visible = null; // null: no filter active, everything is drawn
  /* Source boxes are drawn only with their lines to what they reported (never floating alone). */
  var attributed = new Set();

  function filtering() {
    return state.kinds.size < allKinds.length || state.statuses.size < allStatuses.length
      || state.source !== "" || state.since !== "" || state.until !== "";
  }

  function claimPasses(c) {
    if (state.source && (c.sources || []).indexOf(state.source) < 0) { return false; }
    if (state.since || state.until) {
      if (!c.stated) { return false; }
      if (state.since && c.stated < state.since) { return false; }
      if (state.until && c.stated > state.until) { return false; }
    }
    return true;
  }

  /* Work out which ids are drawn under the current filters (null when none is active). */
  function recompute() {
    if (!filtering()) { visible = null; return; }
    var ids = new Set();
    claimEdges.forEach(function (e) {
      if (state.kinds.has(e.kind) && state.statuses.has(e.status) && e.claims.some(claimPasses)) {
        ids.add(e.id); ids.add(e.from); ids.add(e.to);
      }
    });
    attributionEdges.forEach(function (a) {
      if (a.claimEdges.some(function (id) { return ids.has(id); })) { ids.add(a.id); ids.add(a.from); }
    });
    if (data.center) { ids.add(data.center); }
    visible = ids;
  }

  function nodeShown(n) {
    if (n.role === "source" && !(state.showSources && attributed.has(n.id))) { return false; }
    return visible === null || visible.has(n.id);
  }

  function edgeShown(e) {
    if (e.role === "attribution" && !state.showSources) { return false; }
    return visible === null || visible.has(e.id);
  }
  attributionEdges.forEach(function (a) { attributed.add(a.from); });

  var nodesView = new vis.DataView(nodes, { filter: nodeShown });
  var edgesView = new vis.DataView(edges, { filter: edgeShown });
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);

  /* ---- DOM helpers: text only ---- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function safeUrl(url) {
    if (typeof url !== "string") { return null; }
    try {
      var u = new URL(url);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (err) { return null; }
  }
  function link(url, text) {
    var href = safeUrl(url);
    if (!href) { return el("span", null, text || url); }
    var a = el("a", null, text || href);
    a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function sourceName(id) {
    var s = data.sources[id];
    return s ? s.name + " (" + s.type + ")" : id;
  }
  function labelOf(id) { return nodeById[id] ? nodeById[id].label : id; }
  function tag(text, extra) { return el("span", "tag " + (extra || ""), text); }

  /* One claim; on an edge, predicate, modality and polarity are the edge's (``shared``). */
  function renderClaim(c, shared) {
    shared = shared || {};
    var modality = c.modality || shared.modality;
    var box = el("div", "claim");
    var head = el("div");
    head.appendChild(el("strong", null, (c.predicate || shared.predicate) + (c.value ? " " + c.value : "")));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(tag(modality, modality));
    if ((c.polarity || shared.polarity) === "negative") { head.appendChild(tag("negative", "negative")); }
    head.appendChild(tag("status: " + c.status, c.status));
    box.appendChild(head);
    var meta = el("div", "meta");
    meta.appendChild(document.createTextNode("Stated " + (c.stated || "(no date)")));
    if (c.validFrom || c.validTo) {
      meta.appendChild(document.createTextNode(" · valid " + (c.validFrom || "…") + " – " + (c.validTo || "…")));
    }
    if (c.confidence !== null && c.confidence !== undefined) {
      meta.appendChild(document.createTextNode(" · confidence " + c.confidence));
    }
    box.appendChild(meta);
    box.appendChild(el("div", null, c.sources ? "Sources, in order:" : "No source credited"));
    var ol = el("ol");
    (c.sources || []).forEach(function (s, i) {
      ol.appendChild(el("li", null, sourceName(s) + (i === 0 ? " — origin" : " — echo")));
    });
    box.appendChild(ol);
    var quals = Object.keys(c.qualifiers || {});
    if (quals.length) {
      var dl = el("dl");
      quals.forEach(function (k) {
        dl.appendChild(el("dt", null, k.replace(/_/g, " ")));
        dl.appendChild(el("dd", null, c.qualifiers[k]));
      });
      box.appendChild(dl);
    }
    if (c.reason) { box.appendChild(el("div", "why", "Why " + c.status + ": " + c.reason)); }
    if (c.decidedBy) {
      var d = c.decidedBy;
      box.appendChild(el("div", "decided", "Decided by: " + (d.text || d.id)
        + (d.sources ? " (" + d.sources + (d.date ? ", " + d.date : "") + ")" : d.date ? " (" + d.date + ")" : "")));
    }
    if (c.evidence) { box.appendChild(el("blockquote", null, c.evidence)); }
    var doc = data.documents[c.document];
    if (doc) {
      var line = el("div", "meta");
      line.appendChild(document.createTextNode("In: " + (doc.title || "untitled document")
        + (doc.outlet ? ", " + doc.outlet : "") + (doc.published ? ", " + doc.published : "") + " "));
      if (doc.url) { line.appendChild(link(doc.url)); }
      box.appendChild(line);
    }
    return box;
  }

  function renderEdge(e) {
    var box = el("div");
    if (e.role === "attribution") {
      box.appendChild(el("h3", null, labelOf(e.from) + " is credited with claims about " + labelOf(e.to)));
      box.appendChild(el("p", "meta", e.claimEdges.length + " claim line(s); click them for details."));
      return box;
    }
    box.appendChild(el("h3", null, labelOf(e.from) + " — " + e.label + " → " + labelOf(e.to)));
    var status = el("p", "meta");
    status.appendChild(tag(e.status, e.status));
    status.appendChild(document.createTextNode(" " + e.kind + " · said as " + e.modality
      + (e.polarity === "negative" ? " · negative" : "")
      + " · " + e.claims.length + " claim(s) from " + e.independentSources + " independent source(s)"));
    box.appendChild(status);
    e.claims.forEach(function (c) { box.appendChild(renderClaim(c, e)); });
    return box;
  }

  /* The claim lines a node takes part in: as subject or object, or (a source) as credited. */
  function linesOf(n) {
    return claimEdges.filter(function (e) {
      if (n.role === "source") {
        return e.claims.some(function (c) { return (c.sources || []).indexOf(n.id) >= 0; });
      }
      return e.from === n.id || e.to === n.id;
    });
  }

  /* The panel's list of a node's claims: status, what, sources, date; each opens its line. */
  function claimList(n) {
    var list = el("ol", "claims");
    var rows = [];
    linesOf(n).forEach(function (e) {
      e.claims.forEach(function (c) {
        if (n.role === "source" && (c.sources || []).indexOf(n.id) < 0) { return; }
        rows.push([c.stated || "", e, c]);
      });
    });
    rows.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    rows.forEach(function (row) {
      var e = row[1], c = row[2];
      var item = el("li", "claim-item");
      var open = el("button", "open-claim");
      open.type = "button";
      open.appendChild(tag(e.status, e.status));
      open.appendChild(document.createTextNode(labelOf(e.from) + " " + e.label + " " + labelOf(e.to)));
      open.title = "Show this claim";
      open.addEventListener("click", function () { openLine(e.id); });
      item.appendChild(open);
      item.appendChild(el("div", "meta", (c.stated || "no date") + " · "
        + ((c.sources || []).map(function (s) { return data.sources[s] ? data.sources[s].name : s; }).join(", ") || "no source")));
      if (c.reason) { item.appendChild(el("div", "why", c.reason)); }
      list.appendChild(item);
    });
    return [rows.length, list];
  }

  function renderNode(n, withClaims) {
    var box = el("div");
    box.appendChild(el("h3", null, n.name || n.label));
    var meta = el("p", "meta", n.typeLabel + " · " + n.claimCount + " claim(s)");
    box.appendChild(meta);
    if (n.record) { box.appendChild(el("p", "record", "Track record: " + n.record.text)); }
    if (n.aliases && n.aliases.length) { box.appendChild(el("p", "meta", "Also: " + n.aliases.join(", "))); }
    if (n.domain) { box.appendChild(el("p", "meta", "Domain: " + n.domain)); }
    if (n.wikidata) {
      var p = el("p", "meta", "Wikidata: ");
      p.appendChild(link("https://www.wikidata.org/wiki/" + encodeURIComponent(n.wikidata), n.wikidata));
      box.appendChild(p);
    }
    (n.facts || []).forEach(function (c) { box.appendChild(renderClaim(c)); });
    if (withClaims) {
      var listed = claimList(n);
      box.appendChild(el("h4", null, listed[0] + " claim(s) on the graph (click one to open it)"));
      box.appendChild(listed[1]);
    }
    return box;
  }

  /* ---- tooltip (hover) and details panel (click) ---- */
  var tooltip = document.getElementById("tooltip");
  var details = document.getElementById("details");
  function showTooltip(content, pointer) {
    tooltip.replaceChildren(content);
    var rect = container.getBoundingClientRect();
    tooltip.style.left = Math.min(rect.left + pointer.x + 14, window.innerWidth - 370) + "px";
    tooltip.style.top = Math.min(rect.top + pointer.y + 14, window.innerHeight - 80) + "px";
    tooltip.hidden = false;
  }
  function hideTooltip() { tooltip.hidden = true; }
  function showDetails(content) { details.replaceChildren(content); }

  network.on("hoverNode", function (p) { showTooltip(renderNode(nodes.get(p.node)), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTooltip(renderEdge(edges.get(p.edge)), p.pointer.DOM); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);
  /* vis-network does not always send a blur (the pointer leaves the canvas, or the item it was
     on is filtered away): hide whenever the pointer is over nothing or outside the graph. */
  container.addEventListener("mouseleave", hideTooltip);
  container.addEventListener("mousemove", function (ev) {
    var rect = container.getBoundingClientRect();
    var at = { x: ev.clientX - rect.left, y: ev.clientY - rect.top };
    var node = network.getNodeAt(at);
    var edge = node === undefined ? network.getEdgeAt(at) : undefined;
    if (node === undefined && edge === undefined) { hideTooltip(); return; }
    /* back on the item vis still counts as hovered: it sends no new hover event */
    if (tooltip.hidden && !ev.buttons) {
      showTooltip(node !== undefined ? renderNode(nodes.get(node)) : renderEdge(edges.get(edge)), at);
    }
  });

  /* ---- neighbourhood highlight ---- */
  var highlighted = false;
  function highlight(id) {
    var keep = new Set(network.getConnectedNodes(id));
    keep.add(id);
    var touching = new Set(network.getConnectedEdges(id));
    nodes.update(nodesView.getIds().map(function (nid) {
      var n = nodeById[nid];
      return keep.has(nid) ? { id: nid, color: n.color, font: n.font || { color: "#222222" } }
        : { id: nid, color: DIM, font: { color: "#cccccc" } };
    }));
    edges.update(edgesView.getIds().map(function (eid) {
      var e = edges.get(eid);
      var base = data.edgeColors[eid];
      return { id: eid, color: touching.has(eid) ? base : { color: "#e6e6e6", opacity: e.role === "claim" ? 1 : 0.3 } };
    }));
    highlighted = true;
  }
  function unhighlight() {
    if (!highlighted) { return; }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: n.color, font: n.font || { color: "#222222" } }; }));
    edges.update(data.edges.map(function (e) { return { id: e.id, color: data.edgeColors[e.id] }; }));
    highlighted = false;
  }
  data.edgeColors = {};
  data.edges.forEach(function (e) { data.edgeColors[e.id] = e.color; });

  function selectNode(id) {
    network.selectNodes([id]);
    highlight(id);
    showDetails(renderNode(nodes.get(id), true));
  }

  /* Show one claim line in the panel and select it on the graph. */
  function openLine(edgeId) {
    unhighlight();
    if (edgesView.get(edgeId)) { network.selectEdges([edgeId]); }
    showDetails(renderEdge(edges.get(edgeId)));
  }

  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) { selectNode(p.nodes[0]); }
    else if (p.edges.length) { openLine(p.edges[0]); }
    else { unhighlight(); }
  });

  /* ---- search ---- */
  function fold(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  /* Every name a node answers to: its name and its aliases ("Spurs", "Man Utd"). */
  var folded = [];
  data.nodes.forEach(function (n) {
    [n.name || n.label].concat(n.aliases || []).forEach(function (name) { folded.push([fold(name), n.id]); });
  });
  function find(query) {
    var q = fold(query);
    if (!q) { return null; }
    var best = null, rank = 9;
    folded.forEach(function (pair) {
      var r = pair[0] === q ? 0 : pair[0].indexOf(q) === 0 ? 1 : pair[0].indexOf(q) > 0 ? 2 : 9;
      if (r < rank) { rank = r; best = pair[1]; }
    });
    return best;
  }
  var searchStatus = document.getElementById("search-status");
  function search(query) {
    var id = find(query);
    if (id === null) { searchStatus.textContent = "No node matches “" + query + "”."; return null; }
    if (!nodesView.get(id)) {
      searchStatus.textContent = (nodeById[id].name || nodeById[id].label) + " is hidden by the current filters.";
      return null;
    }
    var name = nodeById[id].name || nodeById[id].label;
    searchStatus.textContent = "Found " + name + ".";
    selectNode(id);
    network.focus(id, { scale: 1.3, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    return id;
  }
  var datalist = document.getElementById("names");
  var fragment = document.createDocumentFragment();
  data.nodes.forEach(function (n) { var o = el("option"); o.value = n.name || n.label; fragment.appendChild(o); });
  datalist.appendChild(fragment);
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("search").value);
  });

  /* ---- filters ---- */
  function applyFilters() {
    hideTooltip();
    unhighlight();
    recompute();
    nodesView.refresh();
    edgesView.refresh();
    updateCounts();
  }
  var kindBox = document.getElementById("kind-filter");
  allKinds.forEach(function (k) {
    var label = el("label", "row");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = k; box.name = "kind";
    box.addEventListener("change", function () {
      if (box.checked) { state.kinds.add(k); } else { state.kinds.delete(k); }
      applyFilters();
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(k));
    kindBox.appendChild(label);
  });
  var statusBox = document.getElementById("status-filter");
  allStatuses.forEach(function (st) {
    var label = el("label", "row");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = st; box.name = "status";
    box.addEventListener("change", function () {
      if (box.checked) { state.statuses.add(st); } else { state.statuses.delete(st); }
      applyFilters();
    });
    label.appendChild(box);
    label.appendChild(tag(st, st));
    statusBox.appendChild(label);
  });
  var sourceSelect = document.getElementById("source-filter");
  Object.keys(data.sources).sort(function (a, b) {
    return data.sources[a].name.localeCompare(data.sources[b].name);
  }).forEach(function (id) {
    var o = el("option", null, sourceName(id)); o.value = id; sourceSelect.appendChild(o);
  });
  sourceSelect.addEventListener("change", function () { state.source = sourceSelect.value; applyFilters(); });
  ["since", "until"].forEach(function (name) {
    var input = document.getElementById(name);
    input.addEventListener("change", function () { state[name] = input.value; applyFilters(); });
  });
  document.getElementById("reset").addEventListener("click", function () {
    state.kinds = new Set(allKinds); state.statuses = new Set(allStatuses);
    state.source = ""; state.since = ""; state.until = "";
    kindBox.querySelectorAll("input").forEach(function (b) { b.checked = true; });
    statusBox.querySelectorAll("input").forEach(function (b) { b.checked = true; });
    sourceSelect.value = ""; document.getElementById("since").value = ""; document.getElementById("until").value = "";
    applyFilters();
  });
  var showSources = document.getElementById("show-sources");
  showSources.checked = state.showSources;
  showSources.addEventListener("change", function () { state.showSources = showSources.checked; applyFilters(); });
  var physics = document.getElementById("physics");
  physics.checked = data.options.physics.enabled;
  physics.addEventListener("change", function () { network.setOptions({ physics: { enabled: physics.checked } }); });
  document.getElementById("fit").addEventListener("click", function () { network.fit(); });

  /* ---- header and legend ---- */
  function updateCounts() {
    var shown = nodesView.getIds(), entities = 0, sources = 0, lines = 0;
    shown.forEach(function (id) { if (nodeById[id].role === "source") { sources++; } else { entities++; } });
    edgesView.getIds().forEach(function (id) { if (edges.get(id).role === "claim") { lines++; } });
    document.getElementById("counts").textContent = entities + " entities · " + sources + " sources · "
      + lines + " claim lines" + (filtering() ? " (filtered)" : "");
  }
  document.getElementById("notes").textContent = data.notes.concat(data.filters ? ["Showing: " + data.filters] : []).join(" ");
  var legend = document.getElementById("legend");
  data.legend.nodes.forEach(function (item) {
    var row = el("div", "item");
    var sym = el("span", "sym", SHAPE_SYMBOLS[item.shape] || "■");
    sym.style.color = item.shape === "box" ? "#555555" : item.color;
    if (item.shape === "box") { sym.style.background = item.color; }
    row.appendChild(sym); row.appendChild(el("span", null, item.label)); legend.appendChild(row);
  });
  function legendLine(item, key) {
    var row = el("div", "item");
    if (item[key]) { row.setAttribute("data-" + key, item[key]); }
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    var line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    line.setAttribute("x1", "0"); line.setAttribute("y1", "5"); line.setAttribute("x2", "30"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", item.color); line.setAttribute("stroke-width", "2");
    if (item.dashes) { line.setAttribute("stroke-dasharray", item.dashes.join(" ")); }
    svg.appendChild(line); row.appendChild(svg); row.appendChild(el("span", null, item.label)); legend.appendChild(row);
  }
  legend.appendChild(el("h3", "legend-head", "Line colour: status, did it come true?"));
  data.legend.status.forEach(function (item) { legendLine(item, "status"); });
  legend.appendChild(el("h3", "legend-head", "Line style: modality, how firmly it was said"));
  data.legend.modality.forEach(function (item) { legendLine(item, "modality"); });
  legend.appendChild(el("div", "item", "Line width: number of independent sources; arrow: subject → object."
    + " Source boxes: share of their decided claims that came true, with its 95% interval."));

  /* ---- readiness, for people and for tests ---- */
  function ready() { document.body.setAttribute("data-ready", "1"); }
  if (data.nodes.length === 0) {
    ready();
  } else if (data.options.physics.enabled) {
    /* The hidden stabilisation has placed the nodes; vis-network would go on simulating (the
       drawing keeps drifting for many seconds on a few hundred nodes). Stop that once, after vis
       has restarted it; physics stays on, so dragging a node still moves its neighbours. */
    network.once("stabilizationIterationsDone", function () {
      setTimeout(function () { network.stopSimulation(); ready(); }, 0);
    });
  } else {
    network.once("afterDrawing", ready);
  }
  updateCounts();
  window.kg = { network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
    search: search, applyFilters: applyFilters, state: state, openLine: openLine };
  window.network = network;
}());

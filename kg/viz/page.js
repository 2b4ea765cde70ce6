/* The kg graph page: draws the embedded graph with vis-network and wires search, filters,
 * neighbourhood highlight, physics switch and provenance details.
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

  var state = { kinds: new Set(allKinds), source: "", since: "", until: "", showSources: true,
    showAttribution: data.showAttribution };
  var visible = null; // null: no filter active, everything is drawn

  function filtering() {
    return state.kinds.size < allKinds.length || state.source !== "" || state.since !== "" || state.until !== "";
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
      if (state.kinds.has(e.kind) && e.claims.some(claimPasses)) {
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
    if (n.role === "source" && !state.showSources) { return false; }
    return visible === null || visible.has(n.id);
  }

  function edgeShown(e) {
    if (e.role === "attribution" && !(state.showSources && state.showAttribution)) { return false; }
    return visible === null || visible.has(e.id);
  }

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
    box.appendChild(el("p", "meta", e.kind + " · " + e.modality + (e.polarity === "negative" ? " · negative" : "")
      + " · " + e.claims.length + " claim(s) from " + e.independentSources + " independent source(s)"));
    e.claims.forEach(function (c) { box.appendChild(renderClaim(c, e)); });
    return box;
  }

  function renderNode(n) {
    var box = el("div");
    box.appendChild(el("h3", null, n.label));
    var meta = el("p", "meta", n.typeLabel + " · " + n.claimCount + " claim(s)");
    box.appendChild(meta);
    if (n.aliases && n.aliases.length) { box.appendChild(el("p", "meta", "Also: " + n.aliases.join(", "))); }
    if (n.domain) { box.appendChild(el("p", "meta", "Domain: " + n.domain)); }
    if (n.wikidata) {
      var p = el("p", "meta", "Wikidata: ");
      p.appendChild(link("https://www.wikidata.org/wiki/" + encodeURIComponent(n.wikidata), n.wikidata));
      box.appendChild(p);
    }
    (n.facts || []).forEach(function (c) { box.appendChild(renderClaim(c)); });
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
    showDetails(renderNode(nodes.get(id)));
  }

  network.on("click", function (p) {
    hideTooltip();
    if (p.nodes.length) { selectNode(p.nodes[0]); }
    else if (p.edges.length) { unhighlight(); showDetails(renderEdge(edges.get(p.edges[0]))); }
    else { unhighlight(); }
  });

  /* ---- search ---- */
  function fold(s) {
    return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  var folded = data.nodes.map(function (n) { return [fold(n.label), n.id]; });
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
      searchStatus.textContent = nodeById[id].label + " is hidden by the current filters.";
      return null;
    }
    searchStatus.textContent = "Found " + nodeById[id].label + ".";
    selectNode(id);
    network.focus(id, { scale: 1.3, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    return id;
  }
  var datalist = document.getElementById("names");
  var fragment = document.createDocumentFragment();
  data.nodes.forEach(function (n) { var o = el("option"); o.value = n.label; fragment.appendChild(o); });
  datalist.appendChild(fragment);
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("search").value);
  });

  /* ---- filters ---- */
  function applyFilters() {
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
    state.kinds = new Set(allKinds); state.source = ""; state.since = ""; state.until = "";
    kindBox.querySelectorAll("input").forEach(function (b) { b.checked = true; });
    sourceSelect.value = ""; document.getElementById("since").value = ""; document.getElementById("until").value = "";
    applyFilters();
  });
  var showSources = document.getElementById("show-sources");
  showSources.addEventListener("change", function () { state.showSources = showSources.checked; applyFilters(); });
  var showAttribution = document.getElementById("show-attribution");
  showAttribution.checked = state.showAttribution;
  showAttribution.addEventListener("change", function () {
    state.showAttribution = showAttribution.checked; applyFilters();
  });
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
  data.legend.edges.forEach(function (item) {
    var row = el("div", "item");
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    var line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    line.setAttribute("x1", "0"); line.setAttribute("y1", "5"); line.setAttribute("x2", "30"); line.setAttribute("y2", "5");
    line.setAttribute("stroke", item.color); line.setAttribute("stroke-width", "2");
    if (item.dashes) { line.setAttribute("stroke-dasharray", item.dashes.join(" ")); }
    svg.appendChild(line); row.appendChild(svg); row.appendChild(el("span", null, item.label)); legend.appendChild(row);
  });
  legend.appendChild(el("div", "item", "Line width: number of independent sources; arrow: subject → object."));

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
    search: search, applyFilters: applyFilters, state: state };
  window.network = network;
}());

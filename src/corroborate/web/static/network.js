// The network page: the actor graph drawn with vis-network (served from the pyvis package's files) and each
// edge's evidence. The graph is the page's JSON block (node-link JSON of /api/v1/network); every value from the
// store is set with textContent, never as HTML; nodes and edges carry no HTML tooltip.
(function () {
  "use strict";
  var graph = JSON.parse(document.getElementById("page-data").textContent).graph;
  var container = document.getElementById("graph");
  var panel = document.getElementById("evidence");
  var COLORS = { cooperation: "#2a7f62", conflict: "#c0392b", alleged: "#d68910", denied: "#7f8c8d" };

  function edgeColor(edge) {
    if (edge.certainty === "alleged") { return COLORS.alleged; }
    if (edge.certainty === "denied") { return COLORS.denied; }
    return edge.score > 0 ? COLORS.cooperation : COLORS.conflict;
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text != null) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function link(href, text) {
    var anchor = element("a", text);
    anchor.href = href;  // a root-relative path the server built, or an article URL it checked is http(s)
    return anchor;
  }

  function showEvidence(index) {
    var edge = graph.edges[index];
    if (!edge) { return; }
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var title = element("h2", null, "evidence-title");
    title.appendChild(link(nodeUrl(edge.source), edge.source));
    title.appendChild(document.createTextNode(" → "));
    title.appendChild(link(nodeUrl(edge.target), edge.target));
    panel.appendChild(title);
    var facts = edge.type + (edge.modes.length ? " (" + edge.modes.join(", ") + ")" : "") + " · " + edge.certainty +
      " · weight " + edge.weight + " · score " + (edge.score > 0 ? "+" : "") + edge.score +
      (edge.first_date ? " · " + edge.first_date + (edge.last_date !== edge.first_date ? " to " + edge.last_date : "") : "");
    panel.appendChild(element("p", facts, "edge-facts"));
    var list = element("ol", null, "evidence-list");
    edge.evidence.forEach(function (item) {
      var entry = element("li");
      entry.appendChild(element("blockquote", item.sentence, "evidence-sentence"));
      var meta = element("p", null, "evidence-meta");
      meta.appendChild(document.createTextNode(
        item.certainty + ", said by " + item.source + " · " + (item.outlet || "no outlet") + (item.date ? " · " + item.date : "") +
        (item.basis === "sponsor" ? " · as a sponsor of violence" : "") + " · "));
      meta.appendChild(link(item.html_url, "incident"));
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(link(item.article_url, "article"));
      if (item.url) {
        meta.appendChild(document.createTextNode(" · "));
        var original = link(item.url, "original");
        original.rel = "noopener noreferrer";
        meta.appendChild(original);
      }
      entry.appendChild(meta);
      list.appendChild(entry);
    });
    panel.appendChild(list);
    panel.dataset.edge = String(index);
  }

  var nodeUrls = {};
  graph.nodes.forEach(function (node) { nodeUrls[node.id] = node.html_url; });
  function nodeUrl(name) { return nodeUrls[name] || "/actors"; }

  Array.prototype.forEach.call(document.querySelectorAll("button.show-evidence"), function (button) {
    button.addEventListener("click", function () { showEvidence(Number(button.dataset.edge)); });
  });

  if (typeof vis === "undefined" || !graph.nodes.length) {
    container.dataset.state = graph.nodes.length ? "failed" : "empty";
    return;
  }
  var ids = {};
  var nodes = graph.nodes.map(function (node, index) {
    ids[node.id] = index;
    return { id: index, label: node.id, group: node.type, shape: "dot", size: 10 };
  });
  var large = graph.edges.length > 500;  // labels and a long settling cost seconds on thousands of edges
  var between = {};  // edges between one pair of actors, either way: drawn as curves apart from each other
  graph.edges.forEach(function (edge) {
    var pair = [edge.source, edge.target].sort().join("\u0000");
    between[pair] = (between[pair] || 0) + 1;
    edge.nth = between[pair];
  });
  var edges = graph.edges.map(function (edge, index) {
    var pair = [edge.source, edge.target].sort().join("\u0000");
    var curved = between[pair] > 1;
    return {
      id: index,
      from: ids[edge.source],
      to: ids[edge.target],
      label: large ? undefined : edge.type,
      arrows: "to",
      width: Math.min(1 + edge.weight, 8),
      dashes: edge.certainty === "alleged" ? [8, 6] : edge.certainty === "denied" ? [2, 6] : false,
      color: { color: edgeColor(edge), highlight: edgeColor(edge), hover: edgeColor(edge) },
      font: { size: 10, align: "middle" },
      smooth: curved ? { enabled: true, type: edge.nth % 2 ? "curvedCW" : "curvedCCW", roundness: 0.12 * Math.ceil(edge.nth / 2) } : false
    };
  });
  var network = new vis.Network(container, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, {
    physics: { stabilization: { iterations: large ? 100 : 300 } },
    interaction: { hover: true, selectConnectedEdges: false },
    nodes: { font: { size: 13 } }
  });
  network.on("click", function (params) {
    if (params.edges.length && !params.nodes.length) { showEvidence(params.edges[0]); }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) { window.location.href = nodeUrl(graph.nodes[params.nodes[0]].id); }
  });
  var settled = false;
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    network.fit();
    settled = true;
    network.redraw();
  });
  network.on("afterDrawing", function () {
    // Where each edge's middle is on screen (for keyboardless checks and scripts driving the page).
    var positions = network.getPositions();
    var points = edges.map(function (edge) {
      var drawn = network.body && network.body.edges[edge.id];
      var middle = drawn && drawn.edgeType && drawn.edgeType.getPoint ? drawn.edgeType.getPoint(0.5) : null;
      if (!middle) {
        var a = positions[edge.from];
        var b = positions[edge.to];
        middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      }
      var onScreen = network.canvasToDOM(middle);
      return { id: edge.id, x: Math.round(onScreen.x), y: Math.round(onScreen.y) };
    });
    container.dataset.edgePoints = JSON.stringify(points);
    if (settled) { container.dataset.state = "ready"; }
  });
})();

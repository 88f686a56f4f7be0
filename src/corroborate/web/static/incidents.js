// The incidents page: the map (Leaflet, clustered markers, country outlines) and the timeline.
// Data comes from the API; every value from the store is set with textContent, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"];

  var COLORS = ["#d1495b", "#edae49", "#00798c", "#30638e", "#6a4c93", "#8a9a5b", "#999999"];  // as .t0-.t6 in app.css

  function typeIndex(type) {
    var index = TYPES.indexOf(type);
    return index < 0 ? 6 : index;
  }

  function typeClass(type) {
    return "t" + typeIndex(type);
  }

  function withFilters(changes) {
    var params = new URLSearchParams(data.filters);
    Object.keys(changes).forEach(function (key) { params.set(key, changes[key]); });
    params.delete("after");
    return "/?" + params.toString();
  }

  // ---------------------------------------------------------------- map
  var mapElement = document.getElementById("map");
  var map = L.map(mapElement, { worldCopyJump: true, preferCanvas: true, minZoom: 1, maxZoom: 18 }).setView([30, 20], 2);
  if (data.tile_url) {
    L.tileLayer(data.tile_url, { maxZoom: 18, attribution: "map tiles" }).addTo(map);
  }
  fetch(data.countries).then(function (response) { return response.json(); }).then(function (countries) {
    L.geoJSON(countries, { style: { color: "#8aa0b4", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 }, interactive: false }).addTo(map).bringToBack();
  }).catch(function () { /* outlines are decoration: the markers still show */ });

  function popup(properties) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.html_url;  // a root-relative path the server built
    link.textContent = (properties.date_start || "undated") + " · " + (properties.location || "");
    box.appendChild(link);
    var what = document.createElement("div");
    var kind = properties.plover_type ? properties.plover_type + (properties.plover_mode ? " " + properties.plover_mode : "") : properties.cause;
    what.textContent = properties.event_type + " (" + kind + ")" + (properties.killed != null ? " · killed " + properties.killed : "");
    box.appendChild(what);
    var source = document.createElement("small");
    source.textContent = [properties.outlet, properties.title].filter(Boolean).join(" · ");
    box.appendChild(source);
    return box;
  }

  var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  map.addLayer(cluster);
  fetch(data.points).then(function (response) {
    if (!response.ok) { throw new Error("HTTP " + response.status); }
    return response.json();
  }).then(function (collection) {
    var markers = [];
    collection.features.forEach(function (feature) {
      var c = feature.geometry.coordinates;
      var marker = L.circleMarker([c[1], c[0]], { radius: 6, weight: 1, color: "#222", fillOpacity: 0.85, fillColor: COLORS[typeIndex(feature.properties.event_type)] });
      marker.bindPopup(popup(feature.properties));
      markers.push(marker);
    });
    cluster.addLayers(markers);
    if (markers.length) {
      map.fitBounds(cluster.getBounds(), { maxZoom: 8, padding: [20, 20] });
    }
    mapElement.dataset.markers = String(markers.length);
    mapElement.dataset.state = "ready";
  }).catch(function (error) {
    mapElement.dataset.state = "error";
    mapElement.dataset.markers = "0";
    mapElement.title = "the map could not load: " + error.message;
  });

  function clamp(value, low, high) { return Math.max(low, Math.min(high, value)); }

  document.getElementById("map-area").addEventListener("click", function () {
    var bounds = map.getBounds();
    var box = [clamp(bounds.getWest(), -180, 180), clamp(bounds.getSouth(), -90, 90), clamp(bounds.getEast(), -180, 180), clamp(bounds.getNorth(), -90, 90)];
    window.location.href = withFilters({ bbox: box.map(function (value) { return value.toFixed(4); }).join(",") });
  });

  // ---------------------------------------------------------------- timeline
  var timeline = document.getElementById("timeline");
  fetch(data.timeline).then(function (response) { return response.json(); }).then(function (body) {
    document.getElementById("timeline-bucket").textContent = "per " + body.bucket;
    var highest = 1;
    body.buckets.forEach(function (bucket) {
      var sum = 0;
      Object.keys(bucket.counts).forEach(function (key) { sum += bucket.counts[key]; });
      bucket.total = sum;
      highest = Math.max(highest, sum);
    });
    body.buckets.forEach(function (bucket) {
      var bar = document.createElement("button");
      bar.type = "button";
      bar.className = "bar";
      bar.dataset.start = bucket.start;
      bar.dataset.end = bucket.end;
      var label = bucket.start + (bucket.end !== bucket.start ? " to " + bucket.end : "") + ": " + bucket.total + " incidents";
      Object.keys(bucket.counts).forEach(function (type) {
        label += "\n" + type + ": " + bucket.counts[type];
        var segment = document.createElement("span");
        segment.className = "segment " + typeClass(type);
        segment.style.height = (100 * bucket.counts[type] / highest) + "%";
        bar.appendChild(segment);
      });
      bar.title = label;
      bar.setAttribute("aria-label", label);
      bar.addEventListener("click", function () {
        window.location.href = withFilters({ date_from: bucket.start, date_to: bucket.end });
      });
      timeline.appendChild(bar);
    });
    var axis = document.getElementById("timeline-axis");
    if (body.buckets.length) {
      [body.buckets[0].start, body.buckets[body.buckets.length - 1].end].forEach(function (day) {
        var label = document.createElement("span");
        label.textContent = day;
        axis.appendChild(label);
      });
    }
    var legend = document.getElementById("timeline-legend");
    body.event_types.forEach(function (type) {
      var item = document.createElement("span");
      var swatch = document.createElement("span");
      swatch.className = "swatch " + typeClass(type);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(type));
      legend.appendChild(item);
    });
    timeline.dataset.buckets = String(body.buckets.length);
  });
})();

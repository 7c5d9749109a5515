/*
 * Map of Krakow's partner cities: a progressive enhancement of the public list and city pages.
 *
 * Every `.partner-map` element names, in `data-map-url`, an address to fetch its data from (a long list's
 * map), or in `data-map-data`, a `<script type="application/json">` made by
 * Django's `json_script` ({"cities": [...], "home": {...}, "labels": {...}}). The country outlines come
 * from `data-outlines-url` (world-atlas TopoJSON shipped with the site), so the map needs no third-party
 * server; `data-tiles-url`, when set, draws a tile layer instead of the outlines.
 *
 * Needs, loaded before it (all may be `defer`): vendor/leaflet/leaflet.js and
 * vendor/topojson-client/topojson-client.min.js. Runs under the site's CSP: no inline code, no inline
 * style attributes, no innerHTML with data (names may contain markup and must show as text).
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  // Colour (in partner-map.css, Okabe-Ito palette) and shape both tell the relations apart, so the
  // legend still reads for colour-blind users and in greyscale. Unknown codes fall back to "other".
  var RELATION_ORDER = ["twin_city", "partner_city", "honorary_twin_city", "sectoral", "cooperation"];
  var SHAPES = {
    circle: "M10,1.5 A8.5,8.5 0 1,1 9.99,1.5 Z",
    square: "M2.5,2.5 H17.5 V17.5 H2.5 Z",
    diamond: "M10,0.8 L19.2,10 L10,19.2 L0.8,10 Z",
    triangle: "M10,1.2 L19.2,17.8 L0.8,17.8 Z",
    triangleDown: "M0.8,2.2 L19.2,2.2 L10,18.8 Z",
    star: "M10.00,1.10 L12.41,7.28 L19.04,7.66 L13.90,11.87 L15.58,18.29 L10.00,14.70 " +
      "L4.42,18.29 L6.10,11.87 L0.96,7.66 L7.59,7.28 Z"
  };
  var RELATION_SHAPE = {
    twin_city: "circle",
    partner_city: "square",
    honorary_twin_city: "diamond",
    sectoral: "triangle",
    cooperation: "triangleDown",
    other: "circle"
  };
  var MARKER_SIZE = 20;
  var HOME_SIZE = 26;
  var CITY_ZOOM = 5;
  // The 1:110m outlines turn into a few coarse polygons past this zoom; tiles can go further.
  var OUTLINES_MAX_ZOOM = 7;
  var TILES_MAX_ZOOM = 18;
  var ANTARCTICA_ID = "010";
  var VIEW_PADDING = 24;
  var LEGEND_OPEN_MIN_WIDTH = 560;

  var outlinesCache = {};

  function relationKey(code) {
    return RELATION_SHAPE.hasOwnProperty(code) && code !== "other" ? code : "other";
  }

  function shapeSvg(shapeName, className, size) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("width", String(size));
    svg.setAttribute("height", String(size));
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", className);
    // The dark underlay keeps a dashed (ended) outline visible against both land and sea.
    ["partner-map__underlay", "partner-map__shape"].forEach(function (part) {
      var path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", SHAPES[shapeName]);
      path.setAttribute("class", part);
      svg.appendChild(path);
    });
    return svg;
  }

  function symbolClass(city) {
    var key = relationKey(city.relation);
    return "partner-map__symbol partner-map__symbol--" + key.replace(/_/g, "-") +
      (city.ended ? " partner-map__symbol--ended" : "");
  }

  function isNumber(value) {
    return typeof value === "number" && isFinite(value);
  }

  function safeHref(url) {
    if (typeof url !== "string" || url === "") {
      return null;
    }
    try {
      var parsed = new URL(url, window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (error) {
      return null;
    }
  }

  function textElement(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    node.textContent = text;
    return node;
  }

  function relationText(city, labels) {
    var text = city.relation_label || "";
    if (city.ended && labels.ended) {
      text += " (" + labels.ended + ")";
    }
    if (city.status_not_known && labels.status_not_known) {
      text += " (" + labels.status_not_known + ")";
    }
    return text;
  }

  function cityPopup(city, labels) {
    var box = document.createElement("div");
    box.className = "partner-map__popup";
    var href = safeHref(city.url);
    var name;
    if (href) {
      name = textElement("a", "partner-map__popup-name", city.name);
      name.href = href;
    } else {
      name = textElement("strong", "partner-map__popup-name", city.name);
    }
    box.appendChild(name);
    if (city.country) {
      box.appendChild(textElement("span", "partner-map__popup-country", city.country));
    }
    var relation = relationText(city, labels);
    if (relation) {
      box.appendChild(textElement("span", "partner-map__popup-relation", relation));
    }
    return box;
  }

  function accessibleName(city, labels) {
    var parts = [city.name];
    if (city.country) {
      parts.push(city.country);
    }
    var relation = relationText(city, labels);
    return parts.join(", ") + (relation ? " \u2013 " + relation : "");
  }

  function labelMarker(marker, label) {
    // Leaflet makes keyboard markers role=button with tabindex=0 and opens the popup on Enter; give the
    // button a name and let Space open it too, as a button's keys do.
    marker.on("add", function () {
      var element = marker.getElement();
      element.setAttribute("aria-label", label);
      element.addEventListener("keydown", function (event) {
        if (event.key === " " || event.key === "Spacebar") {
          event.preventDefault();
          marker.openPopup();
        }
      });
    });
  }

  function cityMarker(city, labels) {
    var icon = L.divIcon({
      className: "partner-map__marker",
      html: shapeSvg(RELATION_SHAPE[relationKey(city.relation)], symbolClass(city), MARKER_SIZE),
      iconSize: [MARKER_SIZE, MARKER_SIZE],
      iconAnchor: [MARKER_SIZE / 2, MARKER_SIZE / 2],
      popupAnchor: [0, -MARKER_SIZE / 2]
    });
    var marker = L.marker([city.latitude, city.longitude], {
      icon: icon,
      keyboard: true,
      title: city.name,
      riseOnHover: true
    });
    marker.bindPopup(cityPopup(city, labels));
    labelMarker(marker, accessibleName(city, labels));
    return marker;
  }

  function homeMarker(home) {
    var icon = L.divIcon({
      className: "partner-map__marker partner-map__marker--home",
      html: shapeSvg("star", "partner-map__symbol partner-map__symbol--home", HOME_SIZE),
      iconSize: [HOME_SIZE, HOME_SIZE],
      iconAnchor: [HOME_SIZE / 2, HOME_SIZE / 2],
      popupAnchor: [0, -HOME_SIZE / 2]
    });
    var marker = L.marker([home.latitude, home.longitude], {
      icon: icon,
      keyboard: true,
      title: home.name,
      // Partner cities near Krakow stay clickable: the star sits below them.
      zIndexOffset: -1000
    });
    marker.bindPopup(textElement("strong", "partner-map__popup-name", home.name));
    labelMarker(marker, home.name);
    return marker;
  }

  function legendControl(cities, home, labels) {
    var control = L.control({position: "bottomright"});
    control.onAdd = function (map) {
      // A disclosure, so that on a narrow map the legend folds away instead of covering the markers.
      var box = L.DomUtil.create("details", "partner-map__legend");
      box.open = map.getSize().x >= LEGEND_OPEN_MIN_WIDTH;
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      box.appendChild(textElement("summary", "partner-map__legend-title", labels.legend || "\u2026"));
      var list = document.createElement("ul");
      list.className = "partner-map__legend-list";

      function addEntry(svg, text) {
        var item = document.createElement("li");
        item.appendChild(svg);
        item.appendChild(textElement("span", "partner-map__legend-label", text));
        list.appendChild(item);
      }

      if (home && home.name) {
        addEntry(shapeSvg("star", "partner-map__symbol partner-map__symbol--home", 16), home.name);
      }
      var seen = {};
      cities.forEach(function (city) {
        var key = relationKey(city.relation);
        if (!city.relation_label) {
          return;
        }
        if (!seen.hasOwnProperty(key)) {
          seen[key] = {label: city.relation_label, allEnded: true};
        }
        seen[key].allEnded = seen[key].allEnded && Boolean(city.ended);
      });
      RELATION_ORDER.concat(["other"]).forEach(function (key) {
        var entry = seen[key];
        if (entry) {
          // A relation present only as ended relations is shown as drawn on the map: hollow.
          var swatch = symbolClass({relation: key, ended: entry.allEnded});
          addEntry(shapeSvg(RELATION_SHAPE[key], swatch, 16), entry.label);
        }
      });
      // The ended style is explained only when the page supplies its translated label.
      var anyEnded = cities.some(function (city) { return city.ended; });
      if (anyEnded && labels.ended) {
        addEntry(shapeSvg("circle", "partner-map__symbol partner-map__symbol--neutral partner-map__symbol--ended", 16),
          labels.ended);
      }
      box.appendChild(list);
      return box;
    };
    return control;
  }

  function unwrapRing(ring) {
    // world-atlas is cut for spherical rendering: a ring crossing the antimeridian jumps from 180 to
    // -180, which a flat map draws as a stripe around the world. Keep each ring continuous instead.
    var out = [ring[0]];
    var offset = 0;
    var sum = ring[0][0];
    for (var i = 1; i < ring.length; i += 1) {
      var x = ring[i][0] + offset;
      var step = x - out[i - 1][0];
      if (step > 180) {
        offset -= 360;
        x -= 360;
      } else if (step < -180) {
        offset += 360;
        x += 360;
      }
      out.push([x, ring[i][1]]);
      sum += x;
    }
    var mean = sum / out.length;
    var shift = mean > 180 ? -360 : (mean < -180 ? 360 : 0);
    return shift ? out.map(function (point) { return [point[0] + shift, point[1]]; }) : out;
  }

  function planarCountries(collection) {
    return {
      type: "FeatureCollection",
      features: collection.features.filter(function (feature) {
        // Antarctica's ring circles the pole, which no flat projection can close; no partner lies there.
        return feature.id !== ANTARCTICA_ID && feature.geometry;
      }).map(function (feature) {
        var geometry = feature.geometry;
        var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
        var unwrapped = polygons.map(function (polygon) { return polygon.map(unwrapRing); });
        return {
          type: "Feature",
          id: feature.id,
          properties: feature.properties,
          geometry: {type: "MultiPolygon", coordinates: unwrapped}
        };
      })
    };
  }

  function loadOutlines(url) {
    if (!outlinesCache[url]) {
      outlinesCache[url] = fetch(url, {credentials: "same-origin"}).then(function (response) {
        if (!response.ok) {
          throw new Error("partner-map: outlines answered " + response.status);
        }
        return response.json();
      }).then(function (topology) {
        return planarCountries(topojson.feature(topology, topology.objects.countries));
      });
    }
    return outlinesCache[url];
  }

  function drawOutlines(map, url) {
    if (typeof topojson === "undefined") {
      return;
    }
    loadOutlines(url).then(function (countries) {
      L.geoJSON(countries, {
        pane: "partner-outlines",
        interactive: false,
        attribution: "Natural Earth",
        style: function () {
          return {
            className: "partner-map__country",
            color: "#9a958c",
            weight: 0.6,
            fillColor: "#f4f1ea",
            fillOpacity: 1
          };
        }
      }).addTo(map);
    }).catch(function (error) {
      // The markers and legend still work on the plain background.
      if (window.console) {
        window.console.warn(error);
      }
    });
  }

  function escapeText(text) {
    // Leaflet writes attributions as HTML: show the configured text as text.
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function readData(container) {
    var source = document.getElementById(container.getAttribute("data-map-data") || "");
    if (!source) {
      return null;
    }
    try {
      var data = JSON.parse(source.textContent);
      return data && typeof data === "object" ? data : null;
    } catch (error) {
      return null;
    }
  }

  function loadData(container, done) {
    // A long list's map fetches its cities from `data-map-url`; other maps carry them in the page.
    var url = container.getAttribute("data-map-url");
    if (!url) {
      var data = readData(container);
      if (data) {
        done(data);
      }
      return;
    }
    if (!window.fetch) {
      return;
    }
    window.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && typeof data === "object") {
          done(data);
        }
      })
      .catch(function () { /* the list below stands without its map */ });
  }

  function initMap(container, data) {
    if (container.classList.contains("partner-map--enhanced")) {
      return;
    }
    var labels = data.labels || {};
    var home = data.home && isNumber(data.home.latitude) && isNumber(data.home.longitude) ? data.home : null;
    var cities = (Array.isArray(data.cities) ? data.cities : []).filter(function (city) {
      return city && isNumber(city.latitude) && isNumber(city.longitude);
    });
    var isSmall = container.classList.contains("partner-map--small");
    var tilesUrl = container.getAttribute("data-tiles-url") || "";
    var outlinesUrl = container.getAttribute("data-outlines-url") || "";
    var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

    // The container has no height until now, so a page without scripts shows no empty box.
    container.classList.add("partner-map--enhanced");
    container.setAttribute("role", "region");
    if (labels.map) {
      container.setAttribute("aria-label", labels.map);
    }

    var map = L.map(container, {
      minZoom: 1,
      maxZoom: tilesUrl ? TILES_MAX_ZOOM : OUTLINES_MAX_ZOOM,
      worldCopyJump: false,
      maxBounds: [[-85, -240], [85, 240]],
      maxBoundsViscosity: 0.8,
      // The map sits in a scrolling page: the wheel scrolls the page, the buttons and keys zoom.
      scrollWheelZoom: false,
      zoomAnimation: !reducedMotion,
      fadeAnimation: !reducedMotion,
      markerZoomAnimation: !reducedMotion,
      inertia: !reducedMotion
    });
    // Leaflet's default prefix carries an inline flag; a plain credit link is enough.
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');

    // Outlines get their own pane under the overlays, so whenever they arrive they stay below the markers.
    map.createPane("partner-outlines").style.zIndex = 250;

    if (tilesUrl) {
      L.tileLayer(tilesUrl, {
        maxZoom: TILES_MAX_ZOOM,
        attribution: escapeText(container.getAttribute("data-tiles-attribution") || "")
      }).addTo(map);
    } else if (outlinesUrl) {
      drawOutlines(map, outlinesUrl);
    }

    if (home) {
      homeMarker(home).addTo(map);
    }
    cities.forEach(function (city) {
      cityMarker(city, labels).addTo(map);
    });
    var legend = legendControl(cities, home, labels).addTo(map);

    var points = cities.map(function (city) { return [city.latitude, city.longitude]; });
    if (home && !(isSmall && points.length)) {
      points.push([home.latitude, home.longitude]);
    }
    if (points.length) {
      // fitBounds with one point is setView at maxZoom; both keep the markers clear of the legend.
      map.fitBounds(isSmall ? [points[0], points[0]] : points, viewPadding(map, legend));
    } else {
      map.setView([20, 10], 1);
    }
  }

  function viewPadding(map, legend) {
    // The legend sits in the bottom-right corner: fit the markers into the columns left of it, unless
    // the map is too narrow to give that space up.
    var legendWidth = legend.getContainer().offsetWidth;
    var right = VIEW_PADDING;
    if (legendWidth && legendWidth + 2 * VIEW_PADDING < map.getSize().x / 2) {
      right += legendWidth;
    }
    return {
      paddingTopLeft: [VIEW_PADDING, VIEW_PADDING],
      paddingBottomRight: [right, VIEW_PADDING],
      maxZoom: CITY_ZOOM
    };
  }

  function initAll() {
    if (typeof L === "undefined") {
      return;
    }
    var containers = document.querySelectorAll(".partner-map");
    Array.prototype.forEach.call(containers, function (container) {
      loadData(container, function (data) { initMap(container, data); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
}());

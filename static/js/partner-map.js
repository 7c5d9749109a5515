/*
 * Map of Krakow's partner cities: a progressive enhancement of the public list and city pages.
 *
 * Every `.partner-map` element names, in `data-map-url`, an address to fetch its data from (a long list's
 * map), or in `data-map-data`, a `<script type="application/json">` made by
 * Django's `json_script` ({"cities": [...], "home": {...}, "colours": {...}, "labels": {...}}: see
 * website.views.map_data). The country outlines come
 * from `data-outlines-url` (world-atlas TopoJSON shipped with the site), so the map needs no third-party
 * server; `data-tiles-url`, when set, draws a tile layer instead of the outlines.
 *
 * Needs, loaded before it (all may be `defer`): vendor/leaflet/leaflet.js,
 * vendor/leaflet.markercluster/leaflet.markercluster.js (without it, no marker is grouped) and
 * vendor/topojson-client/topojson-client.min.js (templates/public/map_scripts.html). Runs under the site's
 * CSP: no inline code, no inline style attributes (styles are set through the CSSOM), no innerHTML with data
 * (names may contain markup and must show as text).
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";

  // Colour (from the data: partners.choices.RELATION_COLOURS) and shape both tell the relations apart, so
  // the legend still reads for colour-blind users and in greyscale. Unknown codes fall back to "other".
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
  // Markers closer than this (in pixels) are grouped; Krakow's star is never grouped.
  var CLUSTER_RADIUS = 40;
  var CLUSTER_SIZE = 36;
  // Above the markers and clusters (600), below popups (700): Krakow's star is never hidden.
  var HOME_PANE_Z_INDEX = 650;
  var COLOUR = /^#[0-9a-fA-F]{6}$/;
  // The plural forms of "N cities" come for these counts (website.views.PLURAL_SAMPLES).
  var PLURAL_SAMPLES = ["1", "2", "5"];

  var outlinesCache = {};

  function relationKey(code) {
    return RELATION_SHAPE.hasOwnProperty(code) && code !== "other" ? code : "other";
  }

  function shapeSvg(shapeName, className, size, colour) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 20 20");
    svg.setAttribute("width", String(size));
    svg.setAttribute("height", String(size));
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", className);
    if (colour) {
      svg.style.setProperty("--partner-map-colour", colour);
    }
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
    return "partner-map__symbol" + (city.ended ? " partner-map__symbol--ended" : "");
  }

  function relationColour(colours, code) {
    // A code without a colour keeps the stylesheet's neutral one.
    var colour = colours && colours.hasOwnProperty(code) ? colours[code] : null;
    return typeof colour === "string" && COLOUR.test(colour) ? colour : null;
  }

  function citiesLabel(labels, count) {
    // The server gives the forms of "N cities" for a few counts; the browser's plural rules for the page's
    // language say which of them this count takes.
    var forms = labels.cities || {};
    var lang = document.documentElement.lang || "en";
    var sample = PLURAL_SAMPLES[PLURAL_SAMPLES.length - 1];
    if (window.Intl && Intl.PluralRules) {
      var rules = new Intl.PluralRules(lang);
      var category = rules.select(count);
      sample = PLURAL_SAMPLES.filter(function (candidate) {
        return rules.select(Number(candidate)) === category;
      })[0] || sample;
    }
    return (forms[sample] || "{count}").replace("{count}", String(count));
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

  function cityMarker(city, labels, colours, popupOptions) {
    var colour = relationColour(colours, city.relation);
    var icon = L.divIcon({
      className: "partner-map__marker",
      html: shapeSvg(RELATION_SHAPE[relationKey(city.relation)], symbolClass(city), MARKER_SIZE, colour),
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
    marker.bindPopup(cityPopup(city, labels), popupOptions);
    labelMarker(marker, accessibleName(city, labels));
    return marker;
  }

  // A group's icon is a button named by its count ("12 cities"); Leaflet makes it focusable with
  // role=button, and the plugin zooms in (or spreads the group out) on a click or Enter. Made once Leaflet
  // is there.
  var ClusterIcon = null;
  var clusterIconMethods = {
    createIcon: function (oldIcon) {
      var element = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      element.setAttribute("aria-label", this.options.label);
      if (element !== oldIcon) {
        element.addEventListener("keydown", function (event) {
          if (event.key === " " || event.key === "Spacebar") {
            event.preventDefault();
            element.click();
          }
        });
      }
      return element;
    }
  };

  function clusterIcon(cluster, labels) {
    ClusterIcon = ClusterIcon || L.DivIcon.extend(clusterIconMethods);
    var count = cluster.getChildCount();
    var box = document.createElement("div");
    box.appendChild(textElement("span", "partner-map__cluster-count", String(count)));
    return new ClusterIcon({
      className: "marker-cluster partner-map__cluster",
      html: box,
      iconSize: [CLUSTER_SIZE, CLUSTER_SIZE],
      label: citiesLabel(labels, count)
    });
  }

  function cityLayer(labels, reducedMotion) {
    if (typeof L.markerClusterGroup !== "function") {
      return L.layerGroup();
    }
    return L.markerClusterGroup({
      maxClusterRadius: CLUSTER_RADIUS,
      showCoverageOnHover: false,
      animate: !reducedMotion,
      iconCreateFunction: function (cluster) { return clusterIcon(cluster, labels); }
    });
  }

  function homeMarker(home, popupOptions) {
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
      // Outside the groups and above them, so that no group ever covers it.
      pane: "partner-home"
    });
    marker.bindPopup(textElement("strong", "partner-map__popup-name", home.name), popupOptions);
    labelMarker(marker, home.name);
    return marker;
  }

  function zoomControl(home, labels) {
    // Leaflet's buttons zoom on the map's centre, which on a world of partners is the Sahara: these zoom
    // around Krakow while it is in view, and on the centre otherwise.
    var control = L.control({position: "topleft"});
    control.onAdd = function (map) {
      var bar = L.DomUtil.create("div", "leaflet-control-zoom leaflet-bar");
      function button(className, text, label, delta) {
        var link = L.DomUtil.create("a", className, bar);
        link.href = "#";
        link.setAttribute("role", "button");
        link.setAttribute("aria-label", label);
        link.title = label;
        link.appendChild(document.createTextNode(text));
        L.DomEvent.disableClickPropagation(link);
        L.DomEvent.on(link, "click", function (event) {
          L.DomEvent.preventDefault(event);
          var zoom = map.getZoom() + delta;
          if (zoom < map.getMinZoom() || zoom > map.getMaxZoom()) {
            return;
          }
          var around = home && map.getBounds().contains([home.latitude, home.longitude]) ?
            [home.latitude, home.longitude] : map.getCenter();
          map.setZoomAround(around, zoom);
        });
        return link;
      }
      var zoomIn = button("leaflet-control-zoom-in", "+", labels.zoom_in || "+", 1);
      var zoomOut = button("leaflet-control-zoom-out", "\u2212", labels.zoom_out || "\u2212", -1);
      function update() {
        [[zoomIn, map.getZoom() >= map.getMaxZoom()], [zoomOut, map.getZoom() <= map.getMinZoom()]]
          .forEach(function (pair) {
            L.DomUtil[pair[1] ? "addClass" : "removeClass"](pair[0], "leaflet-disabled");
            pair[0].setAttribute("aria-disabled", pair[1] ? "true" : "false");
          });
      }
      map.on("zoomend zoomlevelschange", update);
      map.whenReady(update);
      return bar;
    };
    return control;
  }

  function popupOptions(map, zoom, legend) {
    // Leaflet pans an opening popup into view: keep it clear of the zoom buttons (top left) and of the
    // legend (bottom right) where the map is wide enough to spare the legend's width.
    var bar = zoom.getContainer();
    var padding = viewPadding(map, legend);
    return {
      autoPanPaddingTopLeft: [bar.offsetLeft + bar.offsetWidth + VIEW_PADDING / 2, VIEW_PADDING / 2],
      autoPanPaddingBottomRight: padding.paddingBottomRight
    };
  }

  function legendControl(cities, home, labels, colours) {
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
          addEntry(shapeSvg(RELATION_SHAPE[key], swatch, 16, relationColour(colours, key)), entry.label);
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
      zoomControl: false,
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
    map.createPane("partner-home").style.zIndex = HOME_PANE_Z_INDEX;

    if (tilesUrl) {
      L.tileLayer(tilesUrl, {
        maxZoom: TILES_MAX_ZOOM,
        attribution: escapeText(container.getAttribute("data-tiles-attribution") || "")
      }).addTo(map);
    } else if (outlinesUrl) {
      drawOutlines(map, outlinesUrl);
    }

    var colours = data.colours || {};
    var zoom = zoomControl(home, labels).addTo(map);
    var legend = legendControl(cities, home, labels, colours).addTo(map);
    var popups = popupOptions(map, zoom, legend);
    if (home) {
      homeMarker(home, popups).addTo(map);
    }
    var group = cityLayer(labels, reducedMotion);
    cities.forEach(function (city) {
      group.addLayer(cityMarker(city, labels, colours, popups));
    });
    group.addTo(map);

    // The listed cities and Krakow, a city's page included: its small map shows where the city lies from
    // Krakow rather than the city alone on an empty background.
    var points = cities.map(function (city) { return [city.latitude, city.longitude]; });
    if (home) {
      points.push([home.latitude, home.longitude]);
    }
    if (points.length) {
      // fitBounds with one point is setView at maxZoom; both keep the markers clear of the legend.
      map.fitBounds(points, viewPadding(map, legend));
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

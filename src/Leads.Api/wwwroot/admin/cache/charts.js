// Line charts of the timeline, drawn with uPlot (vendor/uplot). Each chart is created on the first data and
// then only fed new data, so a refresh every few seconds costs next to nothing.
"use strict";

window.LeadsCharts = (function () {
  const charts = {};
  const colours = { http: "#7b3fb5", api: "#1f6fd1", db: "#d17a1f", l1: "#1f9d55", l2: "#c2185b", used: "#1f6fd1", max: "#a4001d", evictions: "#d17a1f", bytes: "#1f9d55", limit: "#a4001d" };
  const mb = (bytes) => bytes / (1024 * 1024);

  const specs = {
    levels: {
      element: "chart-levels", range: [0, 1],
      series: [["http", "http (304)"], ["api", "api"], ["db", "db"]],
      values: (p) => p.levels.map((l) => l.hitRatio),
    },
    tiers: {
      element: "chart-tiers", range: [0, 1],
      series: [["l1", "L1"], ["l2", "L2"]],
      values: (p) => [p.l1HitRatio, p.l2HitRatio],
    },
    rps: {
      element: "chart-rps",
      series: [["api", "requests/s"]],
      values: (p) => [p.requestsPerSecond],
    },
    redis: {
      element: "chart-redis",
      series: [["used", "used MB"], ["max", "maxmemory MB"], ["evictions", "evictions", "evictions"]],
      values: (p) => [mb(p.redisUsedMemoryBytes), p.redisMaxMemoryBytes > 0 ? mb(p.redisMaxMemoryBytes) : null, p.redisEvictions],
      extraScale: "evictions",
    },
    l1: {
      element: "chart-l1",
      series: [["bytes", "L1 MB"], ["limit", "limit MB"]],
      values: (p) => [mb(p.l1Bytes), mb(p.l1LimitBytes)],
    },
  };

  function create(spec, data) {
    const element = document.getElementById(spec.element);
    const scales = { x: { time: true }, y: spec.range ? { range: spec.range } : { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } };
    const axes = [{}, { scale: "y" }];
    if (spec.extraScale) {
      scales[spec.extraScale] = { range: (u, min, max) => [0, Math.max(1, max * 1.1)] };
      axes.push({ scale: spec.extraScale, side: 1, grid: { show: false } });
    }
    const series = [{}].concat(spec.series.map(([colour, label, scale]) => ({
      label, stroke: colours[colour], width: 2, scale: scale || "y", spanGaps: false,
    })));
    const width = Math.max(320, element.clientWidth || 420);
    return new uPlot({ width, height: 200, scales, axes, series, legend: { live: false } }, data, element);
  }

  function update(points) {
    const xs = points.map((p) => Date.parse(p.at) / 1000);
    for (const [name, spec] of Object.entries(specs)) {
      const columns = spec.series.map(() => []);
      for (const point of points) {
        spec.values(point).forEach((value, i) => columns[i].push(value === undefined ? null : value));
      }
      const data = [xs].concat(columns);
      if (charts[name]) {
        charts[name].setData(data);
      } else {
        charts[name] = create(spec, data);
      }
    }
  }

  function destroy() {
    for (const name of Object.keys(charts)) {
      charts[name].destroy();
      delete charts[name];
    }
  }

  return { update, destroy };
})();

/*
 * Draw the statistics dashboards with Apache ECharts (served from /static/vendor/echarts/).
 *
 * Each chart container names a json_script element holding its figures (figures.Chart.spec):
 * kind (bar, line, pie), categories, series, unit, stacked, horizontal. The same figures are in the
 * table under the chart, which screen readers read; the chart itself is aria-hidden. No inline
 * script: the page follows the site's content security policy (script-src 'self').
 * Without ECharts (or without JavaScript) the tables remain.
 */
(function () {
  "use strict";

  var LABEL_LENGTH = 12; // longer category names are shortened on the axis; the tooltip shows them whole
  var ROW_HEIGHT = 30; // pixels per category in a horizontal bar chart

  function shorten(text) {
    return text.length > LABEL_LENGTH ? text.slice(0, LABEL_LENGTH) + "…" : text;
  }

  // Category names side by side that would not fit under a chart of about 30 characters' width.
  function crowded(categories) {
    return categories.reduce(function (total, name) { return total + Math.min(name.length, LABEL_LENGTH) + 1; }, 0) > 30;
  }

  function allIntegers(spec) {
    return spec.series.every(function (s) {
      return s.data.every(function (v) { return v === null || Number.isInteger(v); });
    });
  }

  function pieOption(spec) {
    var series = spec.series[0];
    return {
      series: [{
        type: "pie",
        name: series.name,
        radius: ["35%", "62%"],
        center: ["50%", "55%"],
        data: spec.categories.map(function (name, i) { return {name: name, value: series.data[i]}; }),
        label: {formatter: "{b}\n{c}（{d}%）"},
      }],
      tooltip: {trigger: "item", formatter: "{b}：{c} " + spec.unit + "（{d}%）"},
      legend: {top: 0, type: "scroll"},
    };
  }

  function axisOption(spec) {
    var categoryAxis = {
      type: "category",
      data: spec.categories,
      axisLabel: {formatter: shorten, interval: 0, rotate: spec.horizontal || !crowded(spec.categories) ? 0 : 40},
      inverse: spec.horizontal, // top to bottom in the order of the table
    };
    var valueAxis = {type: "value", name: spec.unit, minInterval: allIntegers(spec) ? 1 : 0};
    return {
      grid: {left: 12, right: 24, top: 48, bottom: 12, containLabel: true},
      legend: {top: 0, type: "scroll"},
      tooltip: {trigger: "axis", axisPointer: {type: spec.kind === "bar" ? "shadow" : "line"}},
      xAxis: spec.horizontal ? valueAxis : categoryAxis,
      yAxis: spec.horizontal ? categoryAxis : valueAxis,
      series: spec.series.map(function (s) {
        return {
          type: spec.kind,
          name: s.name,
          data: s.data,
          stack: spec.stacked ? "total" : undefined,
          connectNulls: false,
          symbolSize: 7,
        };
      }),
    };
  }

  function option(spec) {
    var built = spec.kind === "pie" ? pieOption(spec) : axisOption(spec);
    built.animation = false;
    built.backgroundColor = "transparent";
    // Decal patterns: series differ by pattern as well as by colour (WCAG 1.4.1).
    built.aria = {enabled: true, decal: {show: true}};
    return built;
  }

  // The Wagtail admin's theme: dark when chosen, or when it follows a system set to dark.
  function darkTheme() {
    var root = document.documentElement.classList;
    return root.contains("w-theme-dark") || (root.contains("w-theme-system") && window.matchMedia &&
      window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  function draw() {
    if (typeof window.echarts === "undefined") {
      return; // the tables carry the figures
    }
    var charts = [];
    var theme = darkTheme() ? "dark" : null;
    document.querySelectorAll("[data-gk-chart]").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-gk-chart"));
      if (!source) {
        return;
      }
      var spec = JSON.parse(source.textContent);
      if (spec.horizontal) {
        element.style.height = Math.max(320, spec.categories.length * ROW_HEIGHT + 80) + "px";
      }
      var chart = window.echarts.init(element, theme, {renderer: "canvas"});
      chart.setOption(option(spec));
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();

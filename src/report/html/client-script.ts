// The script the page runs: it reads the chart specs (chart-spec.ts) from the page's JSON element and draws each
// with the inlined uPlot. It formats axis ticks and hover values and shades phases and fault windows; it computes
// no figure of the report. Plain ES2017 in a string because it runs in the browser, not in Node; the browser
// test (test/browser/) is what checks it. Each chart is drawn on its own: one failing leaves the others.

export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('pb-charts').textContent);
  var charts = {};
  window.__pbCharts = charts;

  function sig(x) {
    return x < 9.995 ? x.toFixed(2) : x < 99.95 ? x.toFixed(1) : x.toFixed(0);
  }
  function duration(us) {
    if (us == null || !isFinite(us)) return '—';
    if (us < 999.5) return Math.round(us) + ' µs';
    if (us < 999500) return sig(us / 1000) + ' ms';
    return sig(us / 1e6) + ' s';
  }
  function percent(f) {
    if (f == null || !isFinite(f)) return '—';
    var p = f * 100;
    return (Math.abs(p - Math.round(p)) < 1e-9 ? Math.round(p) : +p.toFixed(3)) + '%';
  }
  var formatters = {
    us: duration,
    ms: function (v) { return v == null ? '—' : v >= 1000 ? v / 1000 + ' s' : v + ' ms'; },
    seconds: function (v) { return v == null ? '—' : +v.toFixed(1) + ' s'; },
    fraction: percent,
    percentile: function (x) { return x == null ? '—' : x <= 1 ? 'min' : percent(1 - 1 / x); },
    rate: function (v) { return v == null ? '—' : v >= 100 ? Math.round(v).toLocaleString('en-US') : sig(v); },
    count: function (v) { return v == null ? '—' : Math.round(v).toLocaleString('en-US'); }
  };

  function scale(axis) {
    return {
      time: false,
      distr: axis.log ? 3 : 1,
      log: 10,
      range: function (u, min, max) {
        // Unfixed log ranges get a little room so the extreme points do not sit on the frame.
        var lo = axis.min != null ? axis.min : axis.log && min > 0 ? min / 1.5 : min;
        var hi = axis.max != null ? axis.max : axis.log && max > 0 ? max * 1.5 : max;
        if (lo == null || hi == null || !(hi > lo)) {
          lo = lo == null ? (axis.log ? 1 : 0) : lo;
          hi = axis.log ? lo * 10 : lo + 1;
        }
        return [lo, hi];
      }
    };
  }

  // Log axes tick at 1, 10, 100, … (and 2, 5 between them when the range spans under two decades); uPlot's
  // own log ticks label every multiple, which crowds a latency axis.
  function logSplits(min, max) {
    var out = [];
    var dense = max / min < 100;
    for (var d = Math.pow(10, Math.floor(Math.log10(min))); d <= max * 1.001; d *= 10) {
      [1, 2, 5].forEach(function (m) {
        var v = d * m;
        if ((m === 1 || dense) && v >= min * 0.999 && v <= max * 1.001) out.push(v);
      });
    }
    return out;
  }

  function axisOpts(axis, fmt, size) {
    var opts = {
      label: axis.label,
      size: size,
      values: function (u, splits) { return splits.map(fmt); },
      filter: function (u, splits) { return splits; }
    };
    if (axis.ticks) {
      opts.splits = function (u, i, min, max) {
        return axis.ticks.filter(function (t) { return t >= min * 0.999 && t <= max * 1.001; });
      };
    } else if (axis.log) {
      opts.splits = function (u, i, min, max) { return logSplits(min, max); };
    }
    return opts;
  }

  // A value with no neighbour (one second between gaps) has no line to be part of: mark it with a point, or
  // it would not be drawn at all.
  function isolated(u, seriesIdx) {
    var ys = u.data[seriesIdx];
    var out = [];
    for (var i = 0; i < ys.length; i++) {
      if (ys[i] != null && (i === 0 || ys[i - 1] == null) && (i === ys.length - 1 || ys[i + 1] == null)) out.push(i);
    }
    return out;
  }

  function shade(u, spec) {
    var layer = u.under;
    var old = layer.querySelectorAll('.pb-shade');
    for (var i = 0; i < old.length; i++) old[i].remove();
    var width = layer.clientWidth;
    (spec.shading || []).forEach(function (s) {
      var left = Math.max(0, u.valToPos(s.from, 'x'));
      var right = Math.min(width, u.valToPos(s.to, 'x'));
      if (!(right > left)) return;
      var div = document.createElement('div');
      div.className = 'pb-shade pb-shade-' + s.kind;
      div.dataset.kind = s.kind;
      div.dataset.from = String(s.from);
      div.dataset.to = String(s.to);
      div.title = s.label;
      div.style.left = left + 'px';
      div.style.width = right - left + 'px';
      var label = document.createElement('span');
      label.textContent = s.label;
      div.appendChild(label);
      layer.appendChild(div);
    });
  }

  function draw(spec) {
    var el = document.getElementById(spec.id);
    if (!el) throw new Error('no element for chart ' + spec.id);
    var fx = formatters[spec.x.unit] || formatters.count;
    var fy = formatters[spec.y.unit] || formatters.count;
    var series = [{ label: spec.x.label, value: function (u, v) { return fx(v); } }].concat(
      spec.series.map(function (s) {
        return {
          label: s.label,
          stroke: s.color,
          width: s.width || 1.5,
          dash: s.dash,
          show: s.show !== false,
          spanGaps: !!s.spanGaps,
          points: s.points ? { show: true, size: 5 } : { show: true, size: 4, filter: isolated },
          value: function (u, v) { return fy(v); }
        };
      })
    );
    var opts = {
      width: Math.max(280, el.clientWidth),
      height: 240,
      series: series,
      scales: { x: scale(spec.x), y: scale(spec.y) },
      axes: [axisOpts(spec.x, fx, 40), axisOpts(spec.y, fy, 64)],
      bands: (spec.bands || []).map(function (b) { return { series: [b.upper, b.lower], fill: b.fill }; }),
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      hooks: { draw: [function (u) { shade(u, spec); }] }
    };
    var u = new uPlot(opts, spec.data, el);
    charts[spec.id] = u;
    el.dataset.drawn = 'true';
    el.dataset.series = String(spec.series.length);
    return u;
  }

  specs.forEach(function (spec) {
    try {
      draw(spec);
    } catch (error) {
      console.error('chart ' + spec.id + ' failed: ' + (error && error.message ? error.message : error));
    }
  });

  var pending = null;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      Object.keys(charts).forEach(function (id) {
        var el = document.getElementById(id);
        charts[id].setSize({ width: Math.max(280, el.clientWidth), height: 240 });
      });
    }, 100);
  });
  document.documentElement.dataset.chartsReady = 'true';
})();
`;

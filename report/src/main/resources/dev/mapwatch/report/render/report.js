// Draws the mapwatch report from the JSON document embedded in the page (no external resources).
// Sets <body data-rendered="true"> when every section is drawn, "error" (and shows why) otherwise.
(function () {
  'use strict';
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var COLORS = ['var(--c1)', 'var(--c2)', 'var(--c3)', 'var(--c4)'];
  var charts = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAll(node, attrs);
    append(node, children);
    return node;
  }
  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    setAll(node, attrs);
    append(node, children);
    return node;
  }
  function setAll(node, attrs) {
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  }
  function append(node, children) {
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
  }
  function text(x, y, s, attrs) {
    var a = attrs || {};
    a.x = x; a.y = y;
    return svg('text', a, [s]);
  }

  // Figures, as the text report prints them.
  function count(n) { return n === null ? 'n/a' : Math.round(n).toLocaleString('en-US'); }
  function pct(r) { return r === null ? 'n/a' : (r * 100).toFixed(1) + '%'; }
  function secs(s) {
    if (s === null) return 'n/a';
    if (s < 1e-3) return (s * 1e6).toFixed(0) + ' us';
    if (s < 1) return (s * 1e3).toFixed(1) + ' ms';
    if (s < 60) return s.toFixed(2) + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s';
    return Math.floor(s / 3600) + ' h ' + Math.round((s % 3600) / 60) + ' min';
  }
  function bytes(b) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var i = 0;
    while (b >= 1024 && i < units.length - 1) { b /= 1024; i++; }
    return (i === 0 ? b.toFixed(0) : b.toFixed(1)) + ' ' + units[i];
  }
  function formatter(unit) { return unit === 'seconds' ? secs : unit === 'bytes' ? bytes : count; }
  function shorten(s, max) { return s.length <= max ? s : '\u2026' + s.slice(s.length - max + 1); }

  function card(title, body) { return el('div', { 'class': 'card' }, [el('h3', {}, [title]), body]); }
  function empty(why) { return el('p', { 'class': 'empty' }, [why]); }

  // Horizontal bars, one per ranked entry (plus "other"), labelled with the total and share.
  function barChart(title, ranking, emptyWhy) {
    if (!ranking || ranking.count === 0) return card(title, empty(emptyWhy));
    var fmt = formatter(ranking.unit);
    var rows = ranking.entries.slice();
    if (ranking.other.count > 0) rows.push({ name: '(other)', count: ranking.other.count, total: ranking.other.total });
    var max = Math.max.apply(null, rows.map(function (r) { return r.total; })) || 1;
    var W = 520, labelW = 230, barW = 190, rowH = 22, H = rows.length * rowH + 4;
    var chart = svg('svg', { 'class': 'chart bar-chart', viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-label': title });
    rows.forEach(function (r, i) {
      var y = i * rowH + 2, w = Math.max(1, barW * r.total / max);
      var share = ranking.total > 0 ? r.total / ranking.total : 0;
      var tip = r.name + ': ' + fmt(r.total) + ' (' + pct(share) + '), ' + count(r.count) + ' events';
      chart.appendChild(svg('g', {}, [
        svg('title', {}, [tip]),
        text(0, y + 15, shorten(r.name, 36)),
        svg('rect', { x: labelW, y: y + 3, width: w.toFixed(1), height: rowH - 7, rx: 2,
          fill: COLORS[i === 0 ? 1 : 0] }),
        text(labelW + w + 6, y + 15, fmt(r.total) + '  ' + pct(share), { 'class': 'muted' })
      ]));
    });
    charts++;
    return card(title, chart);
  }

  // Lines over time; series = [{name, points: [[epochMillis, value], ...]}].
  function lineChart(title, series, yFormat, yMax, emptyWhy) {
    var all = [];
    series.forEach(function (s) { all = all.concat(s.points); });
    if (all.length === 0) return card(title, empty(emptyWhy));
    var W = 520, H = 190, L = 54, R = 12, T = 10, B = 26;
    var t0 = Math.min.apply(null, all.map(function (p) { return p[0]; }));
    var t1 = Math.max.apply(null, all.map(function (p) { return p[0]; }));
    var top = yMax !== null ? yMax : Math.max.apply(null, all.map(function (p) { return p[1]; }));
    if (yMax === null) top = Math.max(4, Math.ceil(top / 4) * 4); // whole-number grid lines for counts
    function x(t) { return L + (t1 === t0 ? (W - L - R) / 2 : (t - t0) / (t1 - t0) * (W - L - R)); }
    function y(v) { return T + (1 - v / top) * (H - T - B); }
    var chart = svg('svg', { 'class': 'chart line-chart', viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-label': title });
    for (var g = 0; g <= 4; g++) {
      var v = top * g / 4;
      chart.appendChild(svg('line', { 'class': 'axis', x1: L, x2: W - R, y1: y(v), y2: y(v) }));
      chart.appendChild(text(L - 6, y(v) + 4, yFormat(v), { 'text-anchor': 'end', 'class': 'muted' }));
    }
    chart.appendChild(text(L, H - 8, '+0 s', { 'class': 'muted' }));
    chart.appendChild(text(W - R, H - 8, '+' + secs((t1 - t0) / 1000), { 'text-anchor': 'end', 'class': 'muted' }));
    var legend = el('div', { 'class': 'legend' });
    series.forEach(function (s, i) {
      if (s.points.length === 0) return;
      var color = COLORS[i % COLORS.length];
      var pts = s.points.map(function (p) { return x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1); }).join(' ');
      chart.appendChild(svg('polyline', { points: pts, fill: 'none', stroke: color, 'stroke-width': 2 }));
      s.points.forEach(function (p) {
        chart.appendChild(svg('circle', { cx: x(p[0]).toFixed(1), cy: y(p[1]).toFixed(1), r: 2.5, fill: color }, [
          svg('title', {}, [s.name + ': ' + yFormat(p[1]) + ' at +' + secs((p[0] - t0) / 1000)])]));
      });
      legend.appendChild(el('span', {}, [el('i', { style: 'background:' + color }), s.name]));
    });
    charts++;
    return el('div', { 'class': 'card' }, [el('h3', {}, [title]), chart, legend]);
  }

  function table(header, rows) {
    return el('table', {}, [el('thead', {}, [el('tr', {}, header.map(function (h) { return el('th', {}, [h]); }))]),
      el('tbody', {}, rows.map(function (r) {
        return el('tr', {}, r.map(function (c) { return el('td', {}, [String(c)]); }));
      }))]);
  }
  function tile(value, key) { return el('div', { 'class': 'tile' }, [el('div', { 'class': 'v' }, [value]),
    el('div', { 'class': 'k' }, [key])]); }
  function topName(ranking) {
    if (!ranking.entries.length) return 'none';
    var name = ranking.entries[0].name;
    return name.slice(name.lastIndexOf('.') + 1); // the simple name fits a tile; the charts show the rest
  }

  // Waits on maps' internal locks named by their stack's call site, with waiting and holding sites.
  function contentionByMap(app, bm) {
    app.appendChild(el('h3', {}, ['By map (waits on a map\u2019s internal locks, named by their call site)']));
    if (bm.count === 0 && bm.unattributed.count === 0) {
      app.appendChild(empty('No waits on a map\u2019s internal locks (' + count(bm.callSites) +
        ' call sites of maps= in the recording).'));
      return;
    }
    var rows = bm.entries.map(function (m) {
      return [m.name, m.strategy, count(m.count), secs(m.total), secs(m.max)];
    });
    if (bm.other.count > 0) rows.push(['(other)', '', count(bm.other.count), secs(bm.other.total), '']);
    if (bm.unattributed.count > 0) {
      rows.push(['(no known call site)', '', count(bm.unattributed.count), secs(bm.unattributed.total),
        secs(bm.unattributed.max)]);
    }
    app.appendChild(el('div', { 'class': 'card', 'data-section': 'contention-by-map' },
      [table(['map', 'strategy', 'waits', 'total', 'max'], rows)]));
    bm.entries.forEach(function (m) {
      app.appendChild(el('div', { 'class': 'grid', 'data-map-contention': m.name }, [
        barChart(m.name + ': waiting sites', m.waitingSites, 'No waiting site.'),
        barChart(m.name + ': holding sites (mapping functions blocked in the lock)', m.holdingSites,
          'None recorded: the functions did not park or wait for a monitor above the threshold; the holders' +
          ' are inferred from the waiters (the threads that ran this map\u2019s mapping functions).')]));
    });
  }

  function render(d) {
    var r = d.recording, c = d.contention, a = d.allocation, t = d.threads;
    var app = document.getElementById('app');
    app.textContent = '';
    app.appendChild(el('h1', {}, ['mapwatch report']));
    app.appendChild(el('p', { 'class': 'meta' }, [r.file + ' \u2014 recorded ' + r.start + ' for ' +
      secs(r.durationSeconds) + ', ' + count(r.events) + ' events, ' + bytes(r.bytes)]));
    app.appendChild(el('p', { 'class': 'meta' }, [r.jvm.version ? r.jvm.version + (r.jvm.pid !== null ?
      ', pid ' + r.jvm.pid : '') + (r.jvm.javaArguments ? ', running ' + r.jvm.javaArguments : '')
      : 'JVM unknown (no jdk.JVMInformation event)']));
    app.appendChild(el('div', { 'class': 'tiles' }, [
      tile(topName(c.monitor.byClass), 'most contended monitor class'),
      tile(topName(a.byClass), 'most allocated class'),
      tile(count(t.platform.started) + ' / ' + count(t.virtual.started), 'platform / virtual threads started'),
      tile(count(d.pinning.bySite.count), 'pinned virtual-thread waits'),
      tile(count(d.advice.length), 'map advice')
    ]));

    app.appendChild(el('h2', {}, ['Lock contention']));
    app.appendChild(el('div', { 'class': 'grid' }, [
      barChart('synchronized: by monitor class', c.monitor.byClass, 'No monitor contention above the threshold.'),
      barChart('synchronized: by site', c.monitor.bySite, 'No monitor contention above the threshold.'),
      barChart('parking: by blocker class', c.park.byClass, 'No parking above the threshold.'),
      barChart('parking: by site', c.park.bySite, 'No parking above the threshold.')]));
    contentionByMap(app, c.byMap);

    app.appendChild(el('h2', {}, ['Allocation' + (a.source ? ' (' + a.source + ')' : '')]));
    app.appendChild(el('div', { 'class': 'grid' }, [
      barChart('by class', a.byClass, 'No allocation events in this recording.'),
      barChart('by site', a.bySite, 'No allocation events in this recording.')]));

    app.appendChild(el('h2', {}, ['Threads']));
    function kindRow(name, k) {
      return [name, count(k.started), count(k.ended), k.peakLive === null ? 'n/a' : count(k.peakLive),
        k.withKnownLifetime ? count(k.shortLived) + ' of ' + count(k.withKnownLifetime) + ' (' +
          pct(k.shortLivedShare) + ')' : 'n/a',
        k.withKnownLifetime ? secs(k.meanLifetimeSeconds) : 'n/a'];
    }
    app.appendChild(el('div', { 'class': 'card' }, [table(['kind', 'started', 'ended', 'peak live',
      'short-lived (< ' + secs(t.shortLivedThresholdSeconds) + ')', 'mean lifetime'],
      [kindRow('platform', t.platform), kindRow('virtual', t.virtual)])]));
    app.appendChild(el('div', { 'class': 'grid' }, [
      lineChart('live threads', [{ name: 'platform', points: t.platform.liveTimeline },
        { name: 'virtual (started in the recording)', points: t.virtual.liveTimeline }], count, null,
        'No thread statistics in this recording.'),
      barChart('platform threads started, by name', t.platform.startedByName, 'No platform thread started.'),
      barChart('virtual threads started, by name', t.virtual.startedByName, 'No virtual thread started.'),
      barChart('virtual threads pinned, by site', d.pinning.bySite, 'No pinned virtual thread above the threshold.')
    ]));

    app.appendChild(el('h2', {}, ['Maps']));
    if (d.maps.length === 0) {
      app.appendChild(empty('No mapwatch map events in this recording.'));
    }
    d.maps.forEach(function (m) {
      var c = m.sinceCreation;
      var figures = table(['figure', 'since creation', 'inside the recording'], [
        ['window', '-', m.windowSeconds > 0 ? secs(m.windowSeconds) : 'one sample'],
        ['lookups (hit ratio)', count(c.hits + c.misses) + ' (' + pct(c.hitRatio) + ')',
          count(m.hits + m.misses) + ' (' + pct(m.hitRatio) + ')'],
        ['writes', count(c.puts + c.removals), count(m.puts + m.removals) + ' (' + pct(m.writeShare) + ' of operations)'],
        ['promotions', count(c.promotions), count(m.promotions) + (m.promotionsPerSecond !== null ? ' (' +
          m.promotionsPerSecond.toFixed(1) + '/s)' : '')],
        ['lock waits (time)', count(c.lockWaits) + ' (' + secs(c.lockWaitSeconds) + ')',
          count(m.lockWaits) + ' (' + secs(m.lockWaitSeconds) + ')'],
        ['tombstones (oldest), now', count(m.tombstones) + (m.tombstones ? ' (' + secs(m.oldestTombstoneAgeSeconds) + ')' : ''), ''],
        ['size, now', count(m.size), '']]);
      app.appendChild(el('h3', {}, [m.name + ' \u2014 ' + m.strategy]));
      app.appendChild(el('div', { 'class': 'grid map', 'data-map': m.name }, [
        el('div', { 'class': 'card' }, [figures]),
        lineChart('hit ratio', [{ name: m.name, points: m.hitRatioTimeline }], pct, 1,
          'Fewer than two samples with lookups.'),
        lineChart('tombstones', [{ name: m.name, points: m.tombstoneTimeline }], count, null, 'No samples.')]));
    });

    app.appendChild(el('h2', {}, ['Advice']));
    if (d.advice.length === 0) {
      app.appendChild(empty('None: every map is within the decision guide\u2019s thresholds.'));
    }
    d.advice.forEach(function (x) {
      app.appendChild(el('div', { 'class': 'advice', 'data-rule': x.rule }, [
        el('div', {}, [el('b', {}, [x.map + ' (' + x.strategy + '): use ' + x.suggestion]), ' \u2014 ' + x.rule]),
        el('div', {}, [x.reason])]));
    });
    app.appendChild(el('footer', {}, ['mapwatch report, schema ' + d.schema + '. Top ' + d.top +
      ' per ranking; waits are those above the recording\u2019s thresholds.']));
  }

  try {
    render(JSON.parse(document.getElementById('report-data').textContent));
    document.body.setAttribute('data-charts', String(charts));
    document.body.setAttribute('data-rendered', 'true');
  } catch (e) {
    document.body.setAttribute('data-rendered', 'error');
    document.getElementById('app').appendChild(el('pre', {}, ['The report could not be drawn: ' + e]));
    throw e;
  }
})();

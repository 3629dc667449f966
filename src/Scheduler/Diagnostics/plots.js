// MiniDask's plots, drawn as inline SVG and HTML without any library: used by the live dashboard
// and inlined into performance reports and profiler files, so they open offline.
(function (global) {
  'use strict';
  const NS = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22',
    '#7f7f7f', '#aec7e8', '#ffbb78', '#98df8a', '#c5b0d5', '#c49c94', '#f7b6d2', '#9edae5'];
  const ACTION_COLORS = { transfer: '#d62728', spill: '#555555', erred: '#000000' };

  function hash(text) {
    let h = 7;
    for (let i = 0; i < text.length; i++) { h = (h * 31 + text.charCodeAt(i)) | 0; }
    return Math.abs(h);
  }

  /** The colour of a task group: the same group has the same colour on every plot. */
  function groupColor(group) { return PALETTE[hash(group || '') % PALETTE.length]; }

  function recordColor(r) { return ACTION_COLORS[r.action] || groupColor(r.group); }

  function svgEl(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) { e.setAttribute(k, attrs[k]); }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function htmlEl(tag, attrs, parent, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) { e.setAttribute(k, attrs[k]); }
    if (text !== undefined) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function resolve(target) { return typeof target === 'string' ? document.querySelector(target) : target; }

  function bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (Math.abs(n) >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n.toFixed(0) : n.toFixed(1)) + ' ' + units[i];
  }

  function seconds(s) {
    if (s === 0) { return '0 s'; }
    if (s < 1e-3) { return (s * 1e6).toFixed(0) + ' µs'; }
    if (s < 1) { return (s * 1e3).toFixed(1) + ' ms'; }
    return s.toFixed(2) + ' s';
  }

  function widthOf(svg) {
    const parent = svg.parentNode;
    return Math.max(400, (parent && parent.clientWidth) || 900);
  }

  function title(parent, text) { svgEl('title', {}, parent).textContent = text; }

  function laneOf(r) {
    return r.action === 'compute' || r.action === 'erred' ? r.worker + ' #' + r.thread : r.worker + ' ' + r.action;
  }

  function axis(svg, x0, x1, y, t0, t1) {
    svgEl('line', { x1: x0, x2: x1, y1: y, y2: y, stroke: '#999' }, svg);
    for (let i = 0; i <= 5; i++) {
      const x = x0 + (x1 - x0) * i / 5;
      svgEl('line', { x1: x, x2: x, y1: y, y2: y + 4, stroke: '#999' }, svg);
      const label = svgEl('text', { x: x, y: y + 15, 'font-size': 10, 'text-anchor': 'middle', fill: '#444' }, svg);
      label.textContent = seconds((t1 - t0) * i / 5);
    }
  }

  /**
   * The task stream: one row per worker thread (and one for each worker's transfers and spills),
   * one bar per record from its start to its stop, coloured by task group (transfers red, spills grey).
   */
  function taskStream(target, records, options) {
    const svg = resolve(target);
    const o = options || {};
    clear(svg);
    const lanes = Array.from(new Set(records.map(laneOf))).sort();
    const width = o.width || widthOf(svg);
    const labelWidth = 190;
    const rowHeight = 16;
    const height = Math.max(lanes.length, 1) * rowHeight + 24;
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    let t0 = o.start, t1 = o.stop;
    if (t0 === undefined) { t0 = records.length ? Math.min.apply(null, records.map(r => r.start)) : 0; }
    if (t1 === undefined) { t1 = records.length ? Math.max.apply(null, records.map(r => r.stop)) : t0 + 1; }
    if (!(t1 > t0)) { t1 = t0 + 1e-3; }
    const span = width - labelWidth - 10;
    const row = {};
    lanes.forEach((lane, i) => {
      row[lane] = i;
      const label = svgEl('text', { x: 4, y: i * rowHeight + 12, 'font-size': 10, fill: '#333', class: 'lane-label' }, svg);
      label.textContent = lane.replace(/^tcp:\/\//, '');
    });
    for (const r of records) {
      if (r.stop < t0) { continue; }
      const start = Math.max(r.start, t0);
      const x = labelWidth + (start - t0) / (t1 - t0) * span;
      const w = Math.max(1, (r.stop - start) / (t1 - t0) * span);
      const bar = svgEl('rect', {
        x: x.toFixed(2), y: row[laneOf(r)] * rowHeight + 1, width: w.toFixed(2), height: rowHeight - 3,
        fill: recordColor(r), class: 'task ' + r.action, 'data-key': r.key, 'data-group': r.group
      }, svg);
      title(bar, r.key + ' (' + r.action + (r.action === 'compute' ? ', ' + r.group : '') + '): ' + seconds(r.stop - r.start)
        + (r.nBytes ? ', ' + bytes(r.nBytes) : '') + (r.peer ? ' from ' + r.peer : ''));
    }
    axis(svg, labelWidth, labelWidth + span, lanes.length * rowHeight + 2, t0, t1);
    return svg;
  }

  /** Progress per task group: finished (green), erred (black), processing, queued and waiting, with its percentage. */
  function progress(target, groups) {
    const box = resolve(target);
    clear(box);
    for (const g of groups) {
      const total = g.finished + g.erred + g.processing + g.queued + g.waiting;
      const row = htmlEl('div', { class: 'progress-row', 'data-group': g.name, 'data-percent': String(g.percent) }, box);
      htmlEl('span', { class: 'progress-label', title: g.op }, row, g.name);
      const bar = htmlEl('div', { class: 'progress-bar' }, row);
      const parts = [['finished', g.finished, groupColor(g.name)], ['erred', g.erred, '#000'], ['processing', g.processing, '#9ecae1'],
        ['queued', g.queued, '#dddddd'], ['waiting', g.waiting, '#f2f2f2']];
      for (const [name, count, color] of parts) {
        if (count > 0 && total > 0) {
          const seg = htmlEl('div', { class: 'seg ' + name, style: 'width:' + (100 * count / total).toFixed(2) + '%;background:' + color }, bar);
          seg.title = count + ' ' + name;
        }
      }
      htmlEl('span', { class: 'progress-count' }, row, (g.finished + g.erred) + ' / ' + total + ' (' + g.percent + '%)'
        + (g.memory ? ', ' + g.memory + ' in memory' : ''));
    }
    return box;
  }

  /** Worker memory: managed (results), unmanaged (rest of the process) and spilled, against the limit with its spill and pause lines. */
  function memory(target, workers) {
    const box = resolve(target);
    clear(box);
    for (const w of workers) {
      const used = Math.max(w.processMemory, w.managed) + w.spilled;
      const scale = w.memoryLimit > 0 ? Math.max(w.memoryLimit, used) : Math.max(used * 1.25, 1);
      const row = htmlEl('div', { class: 'worker-row memory-row' + (w.paused ? ' paused' : ''), 'data-worker': w.address }, box);
      htmlEl('span', { class: 'worker-label' }, row, w.name);
      const bar = htmlEl('div', { class: 'memory-bar' }, row);
      const parts = [['managed', w.managed, '#1f77b4'], ['unmanaged', w.unmanaged, '#aec7e8'], ['spilled', w.spilled, '#999999']];
      for (const [name, value, color] of parts) {
        if (value > 0) {
          const seg = htmlEl('div', { class: 'seg ' + name, style: 'width:' + (100 * value / scale).toFixed(2) + '%;background:' + color }, bar);
          seg.title = name + ': ' + bytes(value);
        }
      }
      if (w.memoryLimit > 0) {
        for (const [name, fraction] of [['spill', w.spillFraction], ['pause', w.pauseFraction]]) {
          if (fraction > 0) {
            htmlEl('div', { class: 'threshold ' + name, style: 'left:' + (100 * fraction * w.memoryLimit / scale).toFixed(2) + '%', title: name + ' at ' + Math.round(fraction * 100) + '%' }, bar);
          }
        }
      }
      htmlEl('span', { class: 'memory-text' }, row, bytes(w.managed) + ' managed, ' + bytes(w.unmanaged) + ' unmanaged, '
        + bytes(w.spilled) + ' spilled' + (w.memoryLimit > 0 ? ' / ' + bytes(w.memoryLimit) : '') + (w.paused ? ' (paused)' : ''));
    }
    return box;
  }

  /** Tasks processing per worker, against its threads. */
  function processing(target, workers) {
    const box = resolve(target);
    clear(box);
    const most = Math.max(1, ...workers.map(w => Math.max(w.processing, w.threads)));
    for (const w of workers) {
      const row = htmlEl('div', { class: 'worker-row processing-row', 'data-worker': w.address }, box);
      htmlEl('span', { class: 'worker-label' }, row, w.name);
      const bar = htmlEl('div', { class: 'memory-bar' }, row);
      htmlEl('div', { class: 'seg', style: 'width:' + (100 * w.processing / most).toFixed(2) + '%;background:#2ca02c' }, bar);
      htmlEl('span', { class: 'memory-text' }, row, w.processing + ' processing, ' + w.threads + ' threads');
    }
    return box;
  }

  /** Seconds spent per task group, largest first. */
  function groupDurations(target, groups) {
    const box = resolve(target);
    clear(box);
    const sorted = groups.filter(g => g.duration > 0).sort((a, b) => b.duration - a.duration);
    const most = sorted.length ? sorted[0].duration : 1;
    for (const g of sorted) {
      const row = htmlEl('div', { class: 'duration-row', 'data-group': g.name }, box);
      htmlEl('span', { class: 'progress-label' }, row, g.name);
      const bar = htmlEl('div', { class: 'progress-bar' }, row);
      htmlEl('div', { class: 'seg', style: 'width:' + (100 * g.duration / most).toFixed(2) + '%;background:' + groupColor(g.name) }, bar);
      htmlEl('span', { class: 'progress-count' }, row, seconds(g.duration) + ' over ' + g.finished + ' tasks');
    }
    if (!sorted.length) { htmlEl('p', { class: 'empty' }, box, 'No task ran.'); }
    return box;
  }

  /** Transfers between workers, summed per pair. */
  function transfers(target, records) {
    const box = resolve(target);
    clear(box);
    const pairs = {};
    for (const r of records.filter(r => r.action === 'transfer')) {
      const k = r.peer + ' → ' + r.worker;
      const p = pairs[k] || (pairs[k] = { count: 0, bytes: 0, seconds: 0 });
      p.count++; p.bytes += r.nBytes; p.seconds += r.stop - r.start;
    }
    const keys = Object.keys(pairs).sort();
    if (!keys.length) { htmlEl('p', { class: 'empty' }, box, 'No transfers between workers.'); return box; }
    const table = htmlEl('table', { class: 'transfers' }, box);
    const head = htmlEl('tr', {}, htmlEl('thead', {}, table));
    for (const h of ['from → to', 'transfers', 'bytes', 'time', 'bandwidth']) { htmlEl('th', {}, head, h); }
    const body = htmlEl('tbody', {}, table);
    for (const k of keys) {
      const p = pairs[k];
      const tr = htmlEl('tr', { class: 'transfer-row' }, body);
      for (const v of [k.replace(/tcp:\/\//g, ''), String(p.count), bytes(p.bytes), seconds(p.seconds), p.seconds > 0 ? bytes(p.bytes / p.seconds) + '/s' : '']) {
        htmlEl('td', {}, tr, v);
      }
    }
    return box;
  }

  function lines(svg, series, t0, t1, top, unit, options) {
    const o = options || {};
    const width = o.width || widthOf(svg);
    const height = o.height || 220;
    clear(svg);
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const left = 70, right = width - 150, bottom = height - 24;
    if (!(t1 > t0)) { t1 = t0 + 1; }
    if (!(top > 0)) { top = 1; }
    svgEl('line', { x1: left, x2: left, y1: 8, y2: bottom, stroke: '#999' }, svg);
    for (const [v, y] of [[top, 12], [top / 2, (bottom + 8) / 2], [0, bottom]]) {
      svgEl('text', { x: left - 4, y: y, 'font-size': 10, 'text-anchor': 'end', fill: '#444' }, svg).textContent = unit(v);
    }
    axis(svg, left, right, bottom, t0, t1);
    series.forEach((s, i) => {
      const color = s.color || PALETTE[i % PALETTE.length];
      const points = s.points.map(p => (left + (p[0] - t0) / (t1 - t0) * (right - left)).toFixed(1) + ',' + (bottom - p[1] / top * (bottom - 8)).toFixed(1));
      const line = svgEl('polyline', { points: points.join(' '), fill: 'none', stroke: color, 'stroke-width': 2, class: 'series-line', 'data-series': s.name }, svg);
      title(line, s.name);
      svgEl('text', { x: right + 8, y: 16 + i * 14, 'font-size': 11, fill: color }, svg).textContent = s.name.replace(/^tcp:\/\//, '');
    });
    return svg;
  }

  /** Memory of each worker over time (process memory where measured, otherwise managed). */
  function memoryOverTime(target, samples, options) {
    const svg = resolve(target);
    const byWorker = {};
    for (const s of samples) { (byWorker[s.worker] || (byWorker[s.worker] = [])).push([s.time, Math.max(s.process, s.managed)]); }
    const names = Object.keys(byWorker).sort();
    const t0 = samples.length ? Math.min(...samples.map(s => s.time)) : 0;
    const t1 = samples.length ? Math.max(...samples.map(s => s.time)) : 1;
    const top = Math.max(1, ...samples.map(s => Math.max(s.process, s.managed)));
    return lines(svg, names.map(n => ({ name: n, points: byWorker[n] })), t0, t1, top * 1.1, bytes, options);
  }

  /** CPU (percent of one core) and memory of this process over time, as a ResourceProfiler samples them. */
  function resources(target, samples, options) {
    const svg = resolve(target);
    const t0 = samples.length ? samples[0].time : 0;
    const t1 = samples.length ? samples[samples.length - 1].time : 1;
    const cpuTop = Math.max(100, ...samples.map(s => s.cpuPercent));
    const memTop = Math.max(1, ...samples.map(s => s.memory));
    return lines(svg, [
      { name: 'CPU (% of a core, top ' + Math.round(cpuTop) + '%)', color: '#d62728', points: samples.map(s => [s.time, s.cpuPercent / cpuTop]) },
      { name: 'memory (top ' + bytes(memTop) + ')', color: '#1f77b4', points: samples.map(s => [s.time, s.memory / memTop]) }
    ], t0, t1, 1.05, v => Math.round(v * 100) + '%', options);
  }

  /** The task groups as a graph: one box per group, filled by its progress, with arrows from the groups it reads. */
  function groupGraph(target, groups) {
    const svg = resolve(target);
    clear(svg);
    const byName = {};
    groups.forEach(g => { byName[g.name] = g; });
    const depth = {};
    const depthOf = (name, seen) => {
      if (depth[name] !== undefined) { return depth[name]; }
      if (seen[name]) { return 0; }
      seen[name] = true;
      const deps = (byName[name].dependsOn || []).filter(d => byName[d]);
      depth[name] = deps.length ? 1 + Math.max(...deps.map(d => depthOf(d, seen))) : 0;
      return depth[name];
    };
    groups.forEach(g => depthOf(g.name, {}));
    const columns = {};
    groups.forEach(g => { (columns[depth[g.name]] || (columns[depth[g.name]] = [])).push(g); });
    const boxW = 170, boxH = 34, gapX = 60, gapY = 14;
    const pos = {};
    let width = 20, height = 20;
    Object.keys(columns).forEach(c => {
      columns[c].forEach((g, i) => {
        pos[g.name] = { x: 10 + c * (boxW + gapX), y: 10 + i * (boxH + gapY) };
        width = Math.max(width, pos[g.name].x + boxW + 10);
        height = Math.max(height, pos[g.name].y + boxH + 10);
      });
    });
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    for (const g of groups) {
      for (const d of (g.dependsOn || []).filter(d => pos[d])) {
        svgEl('line', { x1: pos[d].x + boxW, y1: pos[d].y + boxH / 2, x2: pos[g.name].x, y2: pos[g.name].y + boxH / 2, stroke: '#888', class: 'group-edge', 'data-from': d, 'data-to': g.name }, svg);
      }
    }
    for (const g of groups) {
      const p = pos[g.name];
      const node = svgEl('g', { class: 'group-node', 'data-group': g.name, 'data-percent': String(g.percent) }, svg);
      svgEl('rect', { x: p.x, y: p.y, width: boxW, height: boxH, fill: '#f4f4f4', stroke: '#666', rx: 4 }, node);
      svgEl('rect', { x: p.x, y: p.y, width: (boxW * g.percent / 100).toFixed(1), height: boxH, fill: groupColor(g.name), opacity: 0.6, rx: 4 }, node);
      if (g.processing > 0) { svgEl('rect', { x: p.x, y: p.y + boxH - 4, width: boxW, height: 4, fill: '#2ca02c' }, node); }
      svgEl('text', { x: p.x + 6, y: p.y + 14, 'font-size': 11 }, node).textContent = g.name.length > 26 ? g.name.slice(0, 25) + '…' : g.name;
      svgEl('text', { x: p.x + 6, y: p.y + 28, 'font-size': 10, fill: '#333' }, node).textContent =
        g.op + ': ' + g.finished + ' done, ' + g.processing + ' running, ' + (g.waiting + g.queued) + ' waiting' + (g.erred ? ', ' + g.erred + ' erred' : '');
      title(node, g.name);
    }
    return svg;
  }

  /** Fills a performance report's sections from its data (see PerformanceReportHtml). */
  function report(data) {
    const stream = data.taskStream || [];
    if (document.querySelector('#task-stream')) { taskStream('#task-stream', stream, { start: data.start, stop: data.stop }); }
    if (document.querySelector('#group-durations')) { groupDurations('#group-durations', data.groups || []); }
    if (document.querySelector('#transfers')) { transfers('#transfers', stream); }
    if (document.querySelector('#memory-over-time')) { memoryOverTime('#memory-over-time', data.memory || []); }
    if (document.querySelector('#resources')) { resources('#resources', data.resources || []); }
    document.body.setAttribute('data-rendered', 'true');
  }

  global.MiniDaskPlots = {
    groupColor, bytes, seconds, taskStream, progress, memory, processing, groupDurations, transfers,
    memoryOverTime, resources, groupGraph, report
  };
})(typeof window !== 'undefined' ? window : this);

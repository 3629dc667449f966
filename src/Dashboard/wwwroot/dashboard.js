// The live dashboard: one page shell, filled from the server-sent update stream (/api/v1/events)
// with MiniDaskPlots, and the info page's logs and stories from the JSON API.
(function () {
  'use strict';
  const page = document.body.dataset.page;
  const plots = window.MiniDaskPlots;
  const keepRecords = 20000;
  const windowSeconds = 60;
  let records = [];
  let updates = 0;

  document.querySelectorAll('nav a').forEach(a => { if (a.dataset.nav === page) { a.classList.add('active'); } });
  fetch('/api/v1/info').then(r => r.json()).then(info => {
    document.getElementById('scheduler').textContent = info.kind + ' scheduler ' + info.scheduler;
  });

  function bytes(n) { return plots.bytes(n); }

  function cell(tr, text) { const td = document.createElement('td'); td.textContent = text; tr.appendChild(td); }

  function workersTable(workers) {
    const body = document.querySelector('#workers-table tbody');
    body.textContent = '';
    for (const w of workers) {
      const tr = document.createElement('tr');
      tr.className = 'worker-row';
      tr.dataset.worker = w.address;
      cell(tr, w.address); cell(tr, w.name); cell(tr, String(w.threads));
      cell(tr, bytes(Math.max(w.processMemory, w.managed)) + ' (' + bytes(w.managed) + ' managed)');
      cell(tr, w.memoryLimit > 0 ? bytes(w.memoryLimit) : 'none');
      cell(tr, w.cpuPercent.toFixed(0) + '%');
      cell(tr, w.bandwidth > 0 ? bytes(w.bandwidth) + '/s' : '');
      cell(tr, String(w.processing)); cell(tr, bytes(w.spilled)); cell(tr, w.paused ? 'yes' : '');
      cell(tr, w.lastHeartbeatAge.toFixed(1) + ' s ago');
      body.appendChild(tr);
    }
  }

  function render(update) {
    if (page === 'status') {
      const recent = records.filter(r => r.stop >= update.time - windowSeconds);
      plots.taskStream('#task-stream', recent, recent.length ? {} : { start: update.time - 1, stop: update.time });
      plots.progress('#progress', update.groups);
      plots.memory('#memory', update.workers);
      plots.processing('#processing', update.workers);
    } else if (page === 'workers') {
      workersTable(update.workers);
    } else if (page === 'graph') {
      plots.groupGraph('#graph', update.groups);
    }
  }

  function live() {
    const events = new EventSource('/api/v1/events?since=0');
    events.addEventListener('update', e => {
      const update = JSON.parse(e.data);
      records = records.concat(update.stream.records);
      if (records.length > keepRecords) { records = records.slice(records.length - keepRecords); }
      render(update);
      updates++;
      document.body.dataset.updates = String(updates);
      document.getElementById('live').textContent = 'live ' + new Date(update.time * 1000).toLocaleTimeString();
    });
    events.onerror = () => { document.getElementById('live').textContent = 'disconnected, retrying…'; };
  }

  function showLogs(source) {
    const url = '/api/v1/logs' + (source ? '?worker=' + encodeURIComponent(source) : '');
    fetch(url).then(r => r.json()).then(lines => {
      document.getElementById('logs').textContent = lines.length ? lines.join('\n') : '(no log lines from ' + (source || 'the scheduler') + ')';
    });
  }

  function info() {
    const sources = document.getElementById('log-sources');
    const add = (label, source) => {
      const b = document.createElement('button');
      b.textContent = label;
      b.onclick = () => showLogs(source);
      sources.appendChild(b);
    };
    add('scheduler', null);
    fetch('/api/v1/workers').then(r => r.json()).then(ws => ws.forEach(w => add(w.name, w.address)));
    showLogs(null);
    document.getElementById('story-form').onsubmit = e => {
      e.preventDefault();
      const key = document.getElementById('story-key').value.trim();
      fetch('/api/v1/story/' + encodeURIComponent(key)).then(r => r.json()).then(story => {
        const body = document.querySelector('#story tbody');
        body.textContent = '';
        for (const s of story) {
          const tr = document.createElement('tr');
          cell(tr, new Date(s.time * 1000).toISOString()); cell(tr, s.key); cell(tr, s.start); cell(tr, s.finish);
          cell(tr, s.stimulusId); cell(tr, s.worker || '');
          body.appendChild(tr);
        }
        if (!story.length) { const tr = document.createElement('tr'); cell(tr, 'no transitions kept for ' + key); body.appendChild(tr); }
      });
    };
    const key = new URLSearchParams(location.search).get('key');
    if (key) { document.getElementById('story-key').value = key; document.getElementById('story-form').requestSubmit(); }
  }

  if (page === 'info') { info(); } else { live(); }
})();

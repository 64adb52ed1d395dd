/* reportlint serve: the page's script (plain ES2020, no library, nothing from a CDN).
 *
 * Stable hooks for the browser tests (keep them when changing the page):
 *   #drop-zone, #file-input (multiple), #previous-input, #year, #kind,
 *   input[name=rules] (one per rule category, from /api/options), #start, #clear,
 *   #error (role=alert: client-side checks and API errors), #progress (aria-live; its
 *   text "已检查 k / n" is in #progress-text, the bar is #progress-bar),
 *   #results, #summary, #download-xlsx, #download-html (hidden until the job has them),
 *   .report (one per file, data-index = the file's index, data-status = its status),
 *   .report-name, .report-status, .report-counts .count-error/.count-warning/.count-info,
 *   .report-error (the reason a file was not checked or was skipped),
 *   .toggle-findings (aria-expanded), .report-body (the findings; class "collapsed" when
 *   folded), .finding (data-code, data-category, data-severity), .finding-message,
 *   .finding-location, .finding-fix, .rule-doc-button, .rule-doc (the rule's text,
 *   filled on the first click), .view-report, .report-frame (the sandboxed iframe),
 *   a.download-annotated, a.download-fixed.
 *
 * Everything the server sends (file names, messages, rule texts) is untrusted: it goes
 * into the page with textContent and createElement only, never as HTML. Every label comes
 * from the page itself (data-labels on <body>, in the page's language); t("key") reads it.
 */
'use strict';

(() => {
  const body = document.body;
  const LANG = body.dataset.lang === 'en' ? 'en' : 'zh';
  const LABELS = JSON.parse(body.dataset.labels || '{}');
  const SEVERITIES = ['error', 'warning', 'info'];
  const POLL_FIRST = 400; // ms between polls while results keep coming
  const POLL_MAX = 3000; // the slowest poll when nothing changes for a while
  const NETWORK_TRIES = 3; // failed polls in a row before the page says so

  const state = {
    limits: JSON.parse(body.dataset.limits || '{}'),
    formats: null, // ['.txt', …] from /api/options; null until it answers
    categories: new Map(), // key → name, in the server's order
    chosen: [], // {file, name} in the order chosen
    job: null, // {id, url}
    lastText: '',
    delay: POLL_FIRST,
    timer: 0,
    failures: 0,
    busy: false,
    reports: new Map(), // index → {root, signature}
    ruleDocs: new Map(), // code → Promise of the rule's document
    docCount: 0, // ids of the rule-doc boxes (aria-controls)
  };

  const $ = (id) => document.getElementById(id);

  function t(key, params) {
    let text = Object.prototype.hasOwnProperty.call(LABELS, key) ? LABELS[key] : key;
    if (params) {
      text = text.replace(/\{(\w+)\}/g, (whole, name) =>
        Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
    }
    return text;
  }

  /* el('p', {class: 'x', text: '…', data: {code: 'RL101'}, 'aria-live': 'polite'}, child, …) */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else if (name === 'class') node.className = value;
      else if (name === 'data') for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function apiUrl(path) {
    return path + (path.includes('?') ? '&' : '?') + 'lang=' + LANG;
  }

  /* Only the server's own paths become links or frames (never another origin or scheme). */
  function ownPath(url) {
    return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') && !url.includes('\\') ? url : null;
  }

  function formatSize(size) {
    let value = size;
    for (const unit of ['B', 'KB', 'MB', 'GB']) {
      if (value < 1024 || unit === 'GB') {
        const whole = unit === 'B' || value >= 100 || value === Math.floor(value);
        return (whole ? value.toFixed(0) : value.toFixed(1)) + ' ' + unit;
      }
      value /= 1024;
    }
    return String(size);
  }

  function extension(name) {
    const dot = name.lastIndexOf('.');
    return dot > 0 ? name.slice(dot).toLowerCase() : '';
  }

  function supported(name, allowZip = true) {
    if (state.formats === null) return true; // the server decides (415) when options did not load
    const ext = extension(name);
    return state.formats.includes(ext) && (allowZip || ext !== '.zip');
  }

  function showError(message) {
    $('error').textContent = message;
  }

  function clearError() {
    $('error').textContent = '';
  }

  /* The message of a failed answer: the API's own {"error"} (in the page's language) when it
   * sent one, else the status. */
  function errorMessage(status, text) {
    try {
      const data = JSON.parse(text);
      if (data && typeof data.error === 'string' && data.error) return data.error;
    } catch (e) {
      /* not JSON: a proxy's page, say */
    }
    return t('err_http', {status});
  }

  // ---------------------------------------------------------------- options

  async function loadOptions() {
    let options;
    try {
      const answer = await fetch(apiUrl('/api/options'), {headers: {Accept: 'application/json'}});
      if (!answer.ok) throw new Error(String(answer.status));
      options = await answer.json();
    } catch (e) {
      $('rules-list').replaceChildren();
      showError(t('err_options'));
      return;
    }
    if (options.limits) Object.assign(state.limits, options.limits);
    if (Array.isArray(options.formats)) {
      state.formats = options.formats.map((f) => String(f).toLowerCase());
      $('file-input').setAttribute('accept', state.formats.join(','));
      $('previous-input').setAttribute('accept', state.formats.filter((f) => f !== '.zip').join(','));
      $('formats-hint').textContent = t('formats', {formats: state.formats.join(' ')});
    }
    const kind = $('kind');
    for (const k of options.kinds || []) kind.append(el('option', {value: k.key, text: k.name}));
    const list = $('rules-list');
    list.replaceChildren();
    for (const c of options.categories || []) {
      state.categories.set(c.key, c.name);
      list.append(el('label', {class: 'rule-choice'},
        el('input', {type: 'checkbox', name: 'rules', value: c.key}), ' ', c.name));
    }
    renderChosen(); // the formats are known now: mark what will not be sent
  }

  // ---------------------------------------------------------------- choosing files

  function addFiles(items) {
    const seen = new Set(state.chosen.map((c) => c.name + '\u0000' + c.file.size + '\u0000' + c.file.lastModified));
    for (const item of items) {
      const key = item.name + '\u0000' + item.file.size + '\u0000' + item.file.lastModified;
      if (!seen.has(key)) {
        seen.add(key);
        state.chosen.push(item);
      }
    }
    clearError();
    renderChosen();
  }

  function renderChosen() {
    const list = $('chosen-files');
    list.replaceChildren();
    let total = 0;
    state.chosen.forEach((item, i) => {
      const ok = supported(item.name);
      if (ok) total += item.file.size;
      const remove = el('button', {type: 'button', class: 'button small link', 'aria-label': t('remove_file_named', {name: item.name}), text: t('remove_file')});
      remove.addEventListener('click', () => {
        state.chosen.splice(i, 1);
        renderChosen();
      });
      list.append(el('li', {class: ok ? 'chosen' : 'chosen unsupported'},
        el('span', {class: 'chosen-name', text: item.name}),
        el('span', {class: 'chosen-size', text: formatSize(item.file.size)}),
        ok ? null : el('span', {class: 'chosen-note', text: t('chosen_unsupported')}),
        remove));
    });
    const count = state.chosen.filter((c) => supported(c.name)).length;
    $('chosen-summary').textContent = state.chosen.length
      ? t('chosen_count', {n: count, size: formatSize(total)})
      : t('chosen_none');
  }

  /* The files of a drop; a dropped folder is walked (its supported files only, named by
   * their path inside it). The entries must be taken before the first await: the browser
   * empties the DataTransfer when the drop handler returns. */
  async function filesFromDrop(transfer) {
    const entries = Array.from(transfer.items || [], (item) =>
      item.kind === 'file' && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null);
    const files = Array.from(transfer.files || []);
    if (!entries.some((entry) => entry && entry.isDirectory)) return files.map((file) => ({file, name: file.name}));
    const out = [];
    for (const entry of entries) if (entry) await walk(entry, '', out, true);
    return out;
  }

  async function walk(entry, prefix, out, top) {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      const name = prefix + file.name;
      if (top || supported(name)) out.push({file, name});
      return;
    }
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (!batch.length) break;
      for (const child of batch) await walk(child, prefix + entry.name + '/', out, false);
    }
  }

  function setUpChoosing() {
    const zone = $('drop-zone');
    const input = $('file-input');
    input.addEventListener('change', () => {
      addFiles(Array.from(input.files, (file) => ({file, name: file.name})));
      input.value = ''; // choosing the same file again is a change too
    });
    for (const type of ['dragenter', 'dragover']) {
      zone.addEventListener(type, (e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        zone.classList.add('dragging');
      });
    }
    zone.addEventListener('dragleave', (e) => {
      if (!zone.contains(e.relatedTarget)) zone.classList.remove('dragging');
    });
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('dragging');
      if (!e.dataTransfer) return;
      filesFromDrop(e.dataTransfer).then(addFiles, () => showError(t('err_no_file')));
    });
    // A file dropped beside the zone must not make the browser leave the page for it.
    for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());
    const previous = $('previous-input');
    const clearPrevious = $('previous-clear');
    const showPrevious = () => {
      const file = previous.files[0];
      $('previous-name').textContent = file ? file.name + ' (' + formatSize(file.size) + ')' : t('previous_none');
      clearPrevious.hidden = !file;
    };
    previous.addEventListener('change', () => {
      clearError();
      showPrevious();
    });
    clearPrevious.addEventListener('click', () => {
      previous.value = '';
      showPrevious();
      previous.focus();
    });
  }

  // ---------------------------------------------------------------- sending

  /* The upload as FormData, or null after saying in #error what is wrong. */
  function buildUpload() {
    const files = state.chosen.filter((c) => supported(c.name));
    const formats = (state.formats || []).join(' ');
    if (!state.chosen.length) return fail(t('err_no_file'));
    if (!files.length) return fail(t('err_no_supported', {formats}));
    const maxFiles = state.limits.max_files;
    if (maxFiles && files.length > maxFiles) return fail(t('err_too_many', {max: maxFiles, n: files.length}));
    const previous = $('previous-input').files[0] || null;
    if (previous && !supported(previous.name, false)) return fail(t('err_previous_format', {name: previous.name}));
    const size = files.reduce((sum, c) => sum + c.file.size, 0) + (previous ? previous.size : 0);
    const maxBytes = state.limits.max_upload_bytes;
    if (maxBytes && size > maxBytes) return fail(t('err_too_large', {size: formatSize(size), max: formatSize(maxBytes)}));
    const year = $('year').value.trim();
    if (year && !(/^\d{4}$/.test(year) && +year >= 2000 && +year <= 2100)) {
      $('year').focus();
      return fail(t('err_year'));
    }
    const form = new FormData();
    for (const c of files) form.append('files', c.file, c.name);
    if (previous) form.append('previous', previous, previous.name);
    if (year) form.append('year', year);
    if ($('kind').value) form.append('kind', $('kind').value);
    for (const box of document.querySelectorAll('input[name=rules]:checked')) form.append('rules', box.value);
    form.append('lang', LANG);
    return form;
  }

  function fail(message) {
    showError(message);
    return null;
  }

  function setBusy(busy) {
    state.busy = busy;
    $('start').disabled = busy;
    $('results').setAttribute('aria-busy', busy ? 'true' : 'false');
  }

  function setProgress(fraction, text) {
    $('progress').hidden = false;
    const bar = $('progress-bar');
    bar.hidden = fraction === null;
    if (fraction !== null) bar.value = Math.max(0, Math.min(1, fraction));
    const line = $('progress-text');
    if (line.textContent !== text) line.textContent = text; // aria-live: say only what changed
  }

  function start(event) {
    event.preventDefault();
    if (state.busy) return;
    clearError();
    const form = buildUpload();
    if (!form) return;
    dropJob(true);
    setBusy(true);
    setProgress(0, t('uploading', {p: 0}));
    const request = new XMLHttpRequest();
    // ?lang=: a refusal before the form is read (413 on Content-Length) is in the page's language too
    request.open('POST', apiUrl('/api/jobs'));
    request.setRequestHeader('Accept', 'application/json');
    request.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total) setProgress(e.loaded / e.total, t('uploading', {p: Math.floor((100 * e.loaded) / e.total)}));
    });
    request.upload.addEventListener('load', () => setProgress(1, t('uploaded')));
    request.addEventListener('load', () => {
      let data = null;
      try {
        data = JSON.parse(request.responseText);
      } catch (e) {
        data = null;
      }
      if (request.status >= 200 && request.status < 300 && data && typeof data.id === 'string') {
        state.job = {id: data.id, url: ownPath(data.url) || '/api/jobs/' + encodeURIComponent(data.id)};
        $('clear').hidden = false;
        setProgress(0, t('uploaded'));
        poll();
      } else {
        setBusy(false);
        $('progress').hidden = true;
        showError(errorMessage(request.status, request.responseText));
      }
    });
    request.addEventListener('error', () => {
      setBusy(false);
      $('progress').hidden = true;
      showError(t('err_network'));
    });
    request.send(form);
  }

  // ---------------------------------------------------------------- following the job

  function schedulePoll() {
    clearTimeout(state.timer);
    state.timer = setTimeout(poll, state.delay);
  }

  async function poll() {
    const job = state.job;
    if (!job) return;
    let answer;
    let text;
    try {
      answer = await fetch(apiUrl(job.url), {headers: {Accept: 'application/json'}, cache: 'no-store'});
      text = await answer.text();
    } catch (e) {
      if (job !== state.job) return;
      state.failures += 1;
      if (state.failures >= NETWORK_TRIES) showError(t('err_network'));
      state.delay = Math.min(state.delay * 2, POLL_MAX);
      schedulePoll();
      return;
    }
    if (job !== state.job) return; // cleared or replaced while the answer was on its way
    if (state.failures >= NETWORK_TRIES) clearError();
    state.failures = 0;
    if (answer.status === 404) return stopJob(t('err_expired'));
    if (answer.status === 401 || answer.status === 403) return stopJob(errorMessage(answer.status, text));
    if (!answer.ok) {
      showError(errorMessage(answer.status, text));
      state.delay = Math.min(state.delay * 2, POLL_MAX);
      return schedulePoll();
    }
    let data;
    if (text === state.lastText) {
      state.delay = Math.min(state.delay * 1.5, POLL_MAX); // nothing new: ask less often
      data = null;
    } else {
      state.delay = POLL_FIRST;
      state.lastText = text;
      try {
        data = JSON.parse(text);
      } catch (e) {
        return stopJob(t('err_http', {status: answer.status}));
      }
      renderJob(data);
    }
    if (data && data.state === 'done') {
      setBusy(false);
      return;
    }
    schedulePoll();
  }

  function stopJob(message) {
    clearTimeout(state.timer);
    setBusy(false);
    if (message) showError(message);
  }

  /* Forget the job on the page; with `tellServer`, drop its results on the server too. */
  function dropJob(tellServer) {
    clearTimeout(state.timer);
    const job = state.job;
    state.job = null;
    state.lastText = '';
    state.delay = POLL_FIRST;
    state.failures = 0;
    state.reports.clear();
    $('reports').replaceChildren();
    $('summary').textContent = '';
    for (const id of ['download-xlsx', 'download-html']) {
      $(id).hidden = true;
      $(id).removeAttribute('href');
    }
    $('results').hidden = true;
    $('clear').hidden = true;
    if (job && tellServer) fetch(apiUrl(job.url), {method: 'DELETE'}).catch(() => {});
    return job;
  }

  function clearResults() {
    const job = state.job;
    if (!job) return;
    clearError();
    fetch(apiUrl(job.url), {method: 'DELETE'}).then((answer) => {
      if (answer.ok || answer.status === 404) return;
      return answer.text().then((text) => showError(errorMessage(answer.status, text)));
    }, () => showError(t('err_network')));
    dropJob(false);
    setBusy(false);
    setProgress(null, t('cleared'));
    $('start').focus();
  }

  function countsOf(file) {
    if (file.counts) return file.counts;
    const counts = {error: 0, warning: 0, info: 0};
    for (const f of findingsOf(file)) if (f.severity in counts) counts[f.severity] += 1;
    return counts;
  }

  function findingsOf(file) {
    return Array.isArray(file.findings) ? file.findings.filter((f) => f && typeof f.code === 'string') : [];
  }

  function renderJob(job) {
    const files = Array.isArray(job.files) ? job.files : [];
    const total = job.total || files.length;
    const done = job.done || 0;
    const finished = job.state === 'done';
    setProgress(total ? done / total : 0, t(finished ? 'all_done' : 'checked_of', {k: done, n: total}));
    $('results').hidden = false;
    const sum = {error: 0, warning: 0, info: 0};
    for (const file of files) {
      const counts = countsOf(file);
      for (const s of SEVERITIES) sum[s] += counts[s] || 0;
    }
    // the files checked, and apart from them those that could not be (never counted as checked)
    const checked = files.filter((f) => f.status === 'done').length;
    const failed = files.filter((f) => f.status === 'error').length;
    $('summary').textContent = t('summary', {n: checked, e: sum.error, w: sum.warning, i: sum.info}) +
      (failed ? t('summary_failed', {m: failed}) : '');
    const list = $('reports');
    for (const file of files) {
      const signature = [file.status, file.error, file.report, file.annotated, file.fixed, findingsOf(file).length].join('\u0000');
      const known = state.reports.get(file.index);
      if (known && known.signature === signature) continue;
      const root = renderReport(file, files.length === 1);
      if (known) known.root.replaceWith(root);
      else list.append(root);
      state.reports.set(file.index, {root, signature});
    }
    const downloads = job.downloads || {};
    for (const [key, id] of [['xlsx', 'download-xlsx'], ['html', 'download-html']]) {
      const url = ownPath(downloads[key]);
      const link = $(id);
      link.hidden = !url;
      if (url) link.setAttribute('href', url);
    }
  }

  // ---------------------------------------------------------------- one report

  function renderReport(file, expanded) {
    const index = Number(file.index);
    const status = String(file.status || 'queued');
    const root = el('li', {class: 'report status-' + status, data: {index, status}});
    const counts = status === 'done' ? countsOf(file) : null;
    const head = el('div', {class: 'report-head'},
      el('h3', {class: 'report-name', text: file.name || ''}),
      el('span', {class: 'report-status', text: t('status_' + status)}));
    root.append(head);
    if (counts) {
      head.append(el('span', {class: 'report-counts'},
        ...SEVERITIES.map((s) => el('span', {class: 'count count-' + s + (counts[s] ? '' : ' zero'), text: t('count_' + s, {n: counts[s] || 0})}))));
    }
    if (file.error) {
      root.append(el('p', {class: 'report-error', text: t(status === 'skipped' ? 'file_skipped' : 'file_error', {reason: file.error})}));
    }
    if (status !== 'done') return root;

    const findings = findingsOf(file);
    const actions = el('div', {class: 'report-actions'});
    root.append(actions);
    const bodyId = 'report-body-' + index;
    const reportBody = el('div', {class: 'report-body', id: bodyId});
    if (findings.length) {
      const toggle = el('button', {type: 'button', class: 'button small toggle-findings', 'aria-controls': bodyId});
      const setOpen = (open) => {
        toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
        toggle.textContent = t(open ? 'hide_findings' : 'show_findings');
        reportBody.classList.toggle('collapsed', !open);
      };
      toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
      setOpen(expanded);
      actions.append(toggle);
      reportBody.append(renderFindings(findings));
    } else {
      reportBody.append(el('p', {class: 'no-findings', text: t('no_findings')}));
    }
    const report = ownPath(file.report);
    if (report) actions.append(frameButton(actions, report, file.name || ''));
    const annotated = ownPath(file.annotated);
    if (annotated) actions.append(el('a', {class: 'button small download-annotated', href: annotated, download: true, text: t('download_annotated')}));
    const fixed = ownPath(file.fixed);
    if (fixed) actions.append(el('a', {class: 'button small download-fixed', href: fixed, download: true, text: t('download_fixed')}));
    root.append(reportBody);
    return root;
  }

  /* "查看表格与原文": the file's HTML audit report in a sandboxed frame (scripts, but no
   * same-origin access: the frame cannot read this page or its cookie-backed API). */
  function frameButton(actions, url, name) {
    const button = el('button', {type: 'button', class: 'button small view-report', 'aria-expanded': 'false', text: t('view_report')});
    let holder = null;
    button.addEventListener('click', () => {
      if (holder) {
        const open = holder.hidden;
        holder.hidden = !open;
        button.setAttribute('aria-expanded', open ? 'true' : 'false');
        button.textContent = t(open ? 'hide_report' : 'view_report');
        return;
      }
      // The file's report lists one report, anchored #r1; a link to #rN opens that
      // report's section (output/html/page.js), so its tables show without a click.
      holder = el('div', {class: 'report-frame-holder'},
        el('iframe', {class: 'report-frame', src: url + '#r1', sandbox: 'allow-scripts', referrerpolicy: 'no-referrer', title: t('report_frame_title', {name})}));
      actions.after(holder); // beside its button, above a long list of findings
      button.setAttribute('aria-expanded', 'true');
      button.textContent = t('hide_report');
    });
    return button;
  }

  /* The findings grouped by category (in the server's order of categories), then severity. */
  function renderFindings(findings) {
    const byCategory = new Map();
    for (const f of findings) {
      const key = String(f.category || '');
      if (!byCategory.has(key)) byCategory.set(key, []);
      byCategory.get(key).push(f);
    }
    const order = [...state.categories.keys()];
    const keys = [...byCategory.keys()].sort((a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
    });
    const out = el('div', {class: 'findings'});
    for (const key of keys) {
      const items = byCategory.get(key);
      const section = el('section', {class: 'finding-category', data: {category: key}},
        el('h4', {text: t('group_count', {name: state.categories.get(key) || key, n: items.length})}));
      for (const severity of SEVERITIES) {
        const group = items.filter((f) => f.severity === severity);
        if (!group.length) continue;
        section.append(el('h5', {class: 'severity-heading sev-' + severity, text: t('group_count', {name: t('severity_' + severity), n: group.length})}));
        section.append(el('ul', {class: 'finding-list'}, ...group.map(renderFinding)));
      }
      const other = items.filter((f) => !SEVERITIES.includes(f.severity));
      if (other.length) section.append(el('ul', {class: 'finding-list'}, ...other.map(renderFinding)));
      out.append(section);
    }
    return out;
  }

  function renderFinding(f) {
    const severity = String(f.severity || '');
    const item = el('li', {class: 'finding sev-' + severity, data: {code: f.code, category: f.category || '', severity}},
      el('p', {class: 'finding-head'},
        el('code', {class: 'finding-code', text: f.code}), ' ',
        el('span', {class: 'finding-name', text: f.name || ''})),
      el('p', {class: 'finding-message', text: f.message || ''}));
    const where = whereText(f);
    if (where) item.append(el('p', {class: 'finding-location', text: where}));
    if (f.fix && typeof f.fix === 'object') item.append(renderFix(f.fix));
    const doc = el('div', {class: 'rule-doc', id: 'rule-doc-' + (state.docCount += 1), hidden: true});
    const button = el('button', {type: 'button', class: 'button small link rule-doc-button', 'aria-expanded': 'false', 'aria-controls': doc.id, text: t('rule_doc')});
    button.addEventListener('click', () => toggleRuleDoc(f.code, button, doc));
    item.append(button, doc);
    return item;
  }

  /* 第 3 页 / 第 5 段 / 第 12 行，第 4 列, then the table cell when the finding names one. */
  function whereText(f) {
    const parts = [];
    if (f.page) parts.push(t('at_page', {p: f.page}));
    if (f.paragraph) parts.push(t('at_paragraph', {p: f.paragraph}));
    if (!parts.length && f.line) parts.push(t('at_line', {l: f.line, c: f.column || 1}));
    if (f.cell && typeof f.cell === 'object') parts.push(t('cell', {cell: describeCell(f.cell)}));
    return parts.join(t('list_separator'));
  }

  function describeCell(cell) {
    const table = String(cell.table || '');
    const known = ['table2', 'table3', 'table4'].includes(table);
    const words = [known ? t('cell_' + table) : table];
    if (cell.row) words.push(t('cell_row', {r: cell.row}));
    if (cell.column) words.push(t('cell_column', {c: cell.column}));
    const joined = words.filter(Boolean).join(LANG === 'en' ? ', ' : '');
    const grid = [];
    if (cell.grid) grid.push(t('cell_grid', {g: cell.grid}));
    if (cell.grid_row) grid.push(t('cell_grid_row', {r: cell.grid_row}));
    if (cell.grid_column) grid.push(t('cell_grid_column', {c: cell.grid_column}));
    if (!grid.length) return joined;
    const inFile = grid.join(t('list_separator'));
    return joined ? joined + (LANG === 'en' ? ' (' + inFile + ')' : '（' + inFile + '）') : inFile;
  }

  function renderFix(fix) {
    const line = el('p', {class: 'finding-fix' + (fix.safe ? ' safe' : '')},
      el('span', {class: 'fix-label', text: t(fix.safe ? 'fix_safe' : 'fix_unsafe')}),
      el('q', {class: 'fix-description', text: fix.description || ''}));
    const edits = Array.isArray(fix.edits) ? fix.edits : [];
    const shown = edits.slice(0, 3).map((e) => {
      const text = String(e.text || '');
      if (!text) return t('edit_delete');
      // Line breaks at the ends of an inserted heading are layout, not text to read.
      const display = text.replace(/^\n+|\n+$/g, '').replace(/\n/g, '⏎') || '⏎';
      return t(e.start === e.end ? 'edit_insert' : 'edit_replace', {text: display});
    });
    if (edits.length > shown.length) shown.push(t('edit_more', {n: edits.length - shown.length}));
    if (shown.length) line.append(' ', el('span', {class: 'fix-edits', text: shown.join(t('list_separator'))}));
    return line;
  }

  function ruleDoc(code) {
    if (!state.ruleDocs.has(code)) {
      const promise = fetch(apiUrl('/api/rules/' + encodeURIComponent(code)), {headers: {Accept: 'application/json'}})
        .then((answer) => (answer.ok ? answer.json() : Promise.reject(new Error(String(answer.status)))));
      promise.catch(() => state.ruleDocs.delete(code)); // a later click tries again
      state.ruleDocs.set(code, promise);
    }
    return state.ruleDocs.get(code);
  }

  function toggleRuleDoc(code, button, doc) {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    button.textContent = t(open ? 'rule_doc_hide' : 'rule_doc');
    doc.hidden = !open;
    if (!open || doc.dataset.loaded) return;
    doc.replaceChildren(el('p', {class: 'hint', text: t('rule_doc_loading')}));
    ruleDoc(code).then((rule) => {
      doc.dataset.loaded = '1';
      doc.replaceChildren(...renderRuleDoc(rule));
    }, () => doc.replaceChildren(el('p', {class: 'hint', text: t('rule_doc_failed')})));
  }

  function renderRuleDoc(rule) {
    const out = [el('p', {class: 'rule-doc-title'},
      el('code', {text: rule.code || ''}), ' ', el('strong', {text: rule.name || ''}),
      rule.category && state.categories.has(rule.category) ? ' · ' + state.categories.get(rule.category) : '')];
    if (rule.summary) out.push(el('p', {class: 'rule-doc-summary', text: rule.summary}));
    if (rule.explanation) {
      out.push(el('p', {class: 'rule-doc-label', text: t('rule_why')}));
      for (const para of String(rule.explanation).split(/\n\s*\n/)) out.push(el('p', {class: 'rule-doc-explanation', text: para}));
    }
    for (const [key, label] of [['bad', 'rule_bad'], ['good', 'rule_good']]) {
      if (!rule[key]) continue;
      out.push(el('p', {class: 'rule-doc-label', text: t(label)}), el('pre', {class: 'rule-doc-' + key, text: rule[key]}));
    }
    return out;
  }

  // ---------------------------------------------------------------- start

  function main() {
    setUpChoosing();
    $('upload-form').addEventListener('submit', start);
    $('clear').addEventListener('click', clearResults);
    loadOptions();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
  else main();
})();

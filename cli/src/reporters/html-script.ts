/**
 * The HTML report's script (plain ES2017, no dependencies): reads the embedded JSON and renders
 * totals, the failures summary, the status filter and search, and the suite list. Suites and
 * tests render their children only when expanded, 200 tests at a time, so a 10,000-test report
 * is interactive at once. Values are set as text, never as markup. When rendered, `data-ready` on
 * <html> holds the milliseconds since navigation start.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var app = document.getElementById('app');
  var CHUNK = 200;
  var state = { status: 'all', query: '', open: {}, limit: {} };
  var texts = [];
  var list;

  function el(tag, props, children) {
    var node = document.createElement(tag);
    for (var key in props || {}) {
      if (key === 'text') node.textContent = props[key];
      else if (key === 'className') node.className = props[key];
      else if (key.slice(0, 2) === 'on') node.addEventListener(key.slice(2), props[key]);
      else node.setAttribute(key, props[key]);
    }
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }
  function mark(outcome) {
    return el('span', { className: outcome, 'aria-label': outcome, text: outcome === 'passed' ? '\u2713' : outcome === 'skipped' ? '\u25cb' : '\u2717' });
  }
  function ms(value) {
    return value < 1000 ? Math.round(value) + ' ms' : (value / 1000).toFixed(2) + ' s';
  }
  function failed(outcome) {
    return outcome === 'failed' || outcome === 'errored';
  }
  function statusMatches(outcome) {
    if (state.status === 'all') return true;
    if (state.status === 'failed') return failed(outcome);
    return outcome === state.status;
  }
  function testText(s, t) {
    texts[s] = texts[s] || [];
    if (texts[s][t] === undefined) {
      var suite = data.suites[s];
      var test = suite.tests[t];
      texts[s][t] = [suite.name, suite.file, test.name, test.group || '']
        .concat(test.steps.map(function (step) { return step.name; }))
        .join('\n').toLowerCase();
    }
    return texts[s][t];
  }
  function visibleTests(s) {
    var suite = data.suites[s];
    var shown = [];
    for (var t = 0; t < suite.tests.length; t++) {
      if (statusMatches(suite.tests[t].outcome) && (!state.query || testText(s, t).indexOf(state.query) >= 0)) shown.push(t);
    }
    return shown;
  }
  function suiteHeadVisible(suite) {
    if (!statusMatches(suite.outcome)) return false;
    return !state.query || (suite.name + '\n' + suite.file).toLowerCase().indexOf(state.query) >= 0;
  }

  function header() {
    var totals = data.totals;
    var all = Math.max(1, totals.tests);
    var bar = el('div', { className: 'bar', role: 'img', 'aria-label': totals.passed + ' passed, ' + totals.failed + ' failed, ' + totals.skipped + ' skipped' }, [
      el('span', { className: 'passed', style: 'width:' + (100 * totals.passed) / all + '%' }),
      el('span', { className: 'failed', style: 'width:' + (100 * totals.failed) / all + '%' }),
      el('span', { className: 'skipped', style: 'width:' + (100 * totals.skipped) / all + '%' }),
    ]);
    return el('header', {}, [
      el('h1', { text: data.title }),
      el('div', { className: 'totals' }, [
        el('strong', { text: totals.tests + ' tests' }),
        el('span', { className: 'passed', text: totals.passed + ' passed' }),
        el('span', { className: 'failed', text: totals.failed + ' failed' }),
        el('span', { className: 'skipped', text: totals.skipped + ' skipped' }),
        el('span', { className: 'dim', text: ms(data.durationMs) + ' \u00b7 bluebook ' + data.version }),
      ]),
      bar,
      data.notRun.length ? el('p', { className: 'skipped', text: data.notRun.length + ' suite file(s) not run: ' + data.notRun.join(', ') }) : null,
    ]);
  }

  function failures() {
    var items = [];
    data.suites.forEach(function (suite, s) {
      if (suite.error) items.push({ id: 'suite' + s, label: suite.file + ' \u203a ' + suite.error[0] });
      suite.hooks.forEach(function (step) {
        if (failed(step.outcome)) items.push({ id: step.id, label: suite.name + ' \u203a ' + step.name });
      });
      suite.tests.forEach(function (test, t) {
        if (!failed(test.outcome)) return;
        var step = test.steps.filter(function (st) { return failed(st.outcome); })[0];
        items.push({ id: step ? step.id : 't' + s + '-' + t, label: suite.name + ' \u203a ' + test.name + (step ? ' \u203a ' + step.name : '') });
      });
    });
    if (!items.length) return null;
    var shown = items.slice(0, 500);
    return el('section', { className: 'failures', 'aria-labelledby': 'failures-title' }, [
      el('h2', { id: 'failures-title', text: 'Failures (' + items.length + ')' }),
      el('ul', {}, shown.map(function (item) {
        return el('li', {}, [el('a', { href: '#' + item.id, 'data-target': item.id, text: item.label, onclick: follow })]);
      })),
      items.length > shown.length ? el('p', { className: 'dim', text: '\u2026 and ' + (items.length - shown.length) + ' more (filter by "Failed" below)' }) : null,
    ]);
  }

  function controls() {
    var counts = { all: data.totals.tests, failed: data.totals.failed, passed: data.totals.passed, skipped: data.totals.skipped };
    var buttons = ['all', 'failed', 'passed', 'skipped'].map(function (status) {
      return el('button', {
        type: 'button', 'data-status': status, 'aria-pressed': String(state.status === status),
        text: status[0].toUpperCase() + status.slice(1) + ' (' + counts[status] + ')',
        onclick: function () { setStatus(status); },
      });
    });
    var timer;
    var search = el('input', {
      type: 'search', id: 'search', placeholder: 'Search suites, tests, steps', 'aria-label': 'Search suites, tests and steps',
      oninput: function () {
        clearTimeout(timer);
        timer = setTimeout(function () { state.query = search.value.trim().toLowerCase(); renderList(); }, 120);
      },
    });
    return el('div', { className: 'controls', role: 'toolbar', 'aria-label': 'Filter' }, [el('div', { role: 'group', 'aria-label': 'Status' }, buttons), search]);
  }
  function setStatus(status) {
    state.status = status;
    Array.prototype.forEach.call(document.querySelectorAll('[data-status]'), function (button) {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-status') === status));
    });
    renderList();
  }

  function toggle(expanded, parts, onToggle) {
    return el('button', { type: 'button', className: 'toggle', 'aria-expanded': String(expanded), onclick: onToggle }, parts);
  }

  function renderList() {
    list.textContent = '';
    var count = 0;
    data.suites.forEach(function (suite, s) {
      var tests = visibleTests(s);
      if (!tests.length && !((suite.tests.length === 0 || suite.error) && suiteHeadVisible(suite))) return;
      count++;
      list.appendChild(suiteNode(s, tests));
    });
    if (!count) list.appendChild(el('p', { className: 'empty', text: 'No tests match.' }));
  }

  function suiteNode(s, tests) {
    var suite = data.suites[s];
    var expanded = !!state.open[s] || !!state.query;
    var node = el('section', { className: 'suite', id: 'suite' + s, 'data-suite': suite.file });
    node.appendChild(toggle(expanded, [
      mark(suite.outcome),
      el('span', { className: 'name', text: suite.name }),
      el('span', { className: 'dim', text: suite.file + ' \u00b7 ' + tests.length + '/' + suite.tests.length + ' tests \u00b7 ' + ms(suite.durationMs) }),
    ], function () { state.open[s] = !expanded; replace(node, suiteNode(s, tests)); }));
    if (expanded) suiteBody(s, tests, node);
    return node;
  }

  function suiteBody(s, tests, node) {
    var suite = data.suites[s];
    if (suite.error) node.appendChild(pre(suite.error));
    suite.hooks.forEach(function (step) { node.appendChild(stepNode(step)); });
    var max = 1;
    tests.forEach(function (t) { max = Math.max(max, suite.tests[t].durationMs); });
    var limit = state.limit[s] || CHUNK;
    var group;
    tests.slice(0, limit).forEach(function (t) {
      var test = suite.tests[t];
      if (test.group && test.group !== group) node.appendChild(el('div', { className: 'group', text: 'each: ' + test.group }));
      group = test.group;
      node.appendChild(testNode(s, t, max));
    });
    if (tests.length > limit) {
      node.appendChild(el('button', {
        type: 'button', className: 'more', text: 'Show ' + Math.min(CHUNK, tests.length - limit) + ' more of ' + (tests.length - limit),
        onclick: function () { state.limit[s] = limit + CHUNK; replace(node, suiteNode(s, tests)); },
      }));
    }
  }

  function testNode(s, t, max) {
    var test = data.suites[s].tests[t];
    var key = s + '-' + t;
    var expanded = !!state.open[key];
    var node = el('div', { className: 'test ' + test.outcome, id: 't' + key, 'data-test': test.name });
    node.appendChild(toggle(expanded, [
      mark(test.outcome),
      el('span', { className: 'name', text: test.name }),
      test.note ? el('span', { className: 'dim', text: test.note }) : null,
      el('span', { className: 'dur', title: ms(test.durationMs) }, [el('span', { style: 'width:' + (100 * test.durationMs) / max + '%' })]),
      el('span', { className: 'dim', text: ms(test.durationMs) }),
    ], function () { state.open[key] = !expanded; replace(node, testNode(s, t, max)); }));
    if (expanded) test.steps.forEach(function (step) { node.appendChild(stepNode(step)); });
    return node;
  }

  function stepNode(step) {
    var node = el('div', { className: 'step ' + step.outcome, id: step.id, tabindex: '-1' }, [
      el('h4', {}, [mark(step.outcome), ' ', step.name, el('span', { className: 'dim', text: '  ' + step.summary + ' \u00b7 ' + ms(step.durationMs) })]),
    ]);
    if (step.detail.length) node.appendChild(pre(step.detail, true));
    if (step.request) node.appendChild(message('Request ' + step.request.method + ' ' + step.request.url, step.request, false));
    if (step.response) node.appendChild(message('Response ' + step.response.status, step.response, failed(step.outcome)));
    return node;
  }

  function message(title, record, open) {
    var node = el('details', open ? { open: '' } : {}, [el('summary', { text: title })]);
    if (record.headers.length) node.appendChild(pre(record.headers.map(function (h) { return h[0] + ': ' + h[1]; })));
    if (record.body !== undefined) node.appendChild(pre(record.body.split('\n')));
    if (record.note) node.appendChild(el('p', { className: 'dim', text: record.note }));
    return node;
  }

  function pre(lines, diff) {
    var node = el('pre');
    lines.forEach(function (line, i) {
      var kind = diff && /^\s*\+ /.test(line) ? 'add' : diff && /^\s*- /.test(line) ? 'del' : '';
      node.appendChild(kind ? el('span', { className: kind, text: line }) : document.createTextNode(line));
      if (i < lines.length - 1) node.appendChild(document.createTextNode('\n'));
    });
    return node;
  }

  function replace(node, next) {
    var focused = document.activeElement && node.contains(document.activeElement) && document.activeElement.classList.contains('toggle');
    node.parentNode.replaceChild(next, node);
    if (focused) next.querySelector('.toggle').focus();
  }

  function follow(event) {
    event.preventDefault();
    var id = event.currentTarget.getAttribute('data-target');
    try {
      history.replaceState(null, '', '#' + id);
    } catch (error) {
      // A sandboxed frame (the editor's webview) may refuse; the step is revealed all the same.
    }
    reveal(id);
  }

  function reveal(id) {
    var match = /^s(\d+)-(?:t(\d+)-\d+|h\d+)$/.exec(id) || /^t(\d+)-(\d+)$/.exec(id) || /^suite(\d+)$/.exec(id);
    if (!match) return;
    var s = Number(match[1]);
    if (!data.suites[s]) return;
    state.open[s] = true;
    if (match[2] !== undefined) {
      var t = Number(match[2]);
      state.open[s + '-' + t] = true;
      if (visibleTests(s).indexOf(t) < 0) {
        state.query = '';
        document.getElementById('search').value = '';
        state.status = 'all';
        setStatus('all');
      }
      var position = visibleTests(s).indexOf(t);
      state.limit[s] = Math.max(state.limit[s] || CHUNK, Math.ceil((position + 1) / CHUNK) * CHUNK);
    }
    renderList();
    var target = document.getElementById(id);
    if (!target) return;
    Array.prototype.forEach.call(document.querySelectorAll('.target'), function (node) { node.classList.remove('target'); });
    target.classList.add('target');
    if (target.getAttribute('tabindex') === null) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }

  function arrows(event) {
    if ((event.key !== 'ArrowDown' && event.key !== 'ArrowUp') || !event.target.classList.contains('toggle')) return;
    var toggles = Array.prototype.slice.call(list.querySelectorAll('.toggle'));
    var next = toggles[toggles.indexOf(event.target) + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  app.textContent = '';
  app.appendChild(header());
  var summary = failures();
  if (summary) app.appendChild(summary);
  app.appendChild(controls());
  list = el('div', { id: 'suites', onkeydown: arrows });
  app.appendChild(list);
  renderList();
  if (location.hash.length > 1) reveal(decodeURIComponent(location.hash.slice(1)));
  window.addEventListener('hashchange', function () { reveal(decodeURIComponent(location.hash.slice(1))); });
  document.documentElement.setAttribute('data-ready', String(Math.round(performance.now())));
})();
`;

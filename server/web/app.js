// The Vigie analyst interface: plain JavaScript and SVG over the JSON API of
// `vigie serve`, embedded in the binary. Rules that keep it safe and
// shareable:
//  * every text from the index is put in the page with textContent or
//    createTextNode, never as HTML (tweets contain <script> and
//    javascript: links); links to documents are kept only when http(s);
//  * the URL's query string holds the whole state of the view, so a link
//    reproduces it and the back button restores the previous one;
//  * on a server with an access token, the token is asked for once, kept in
//    this tab's sessionStorage (never in the URL) and sent as
//    "Authorization: Bearer" with every request; files the page offers for
//    download are fetched the same way, never linked to directly.
'use strict';

const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const LANG_NAMES = { ar: 'العربية', zh: '中文', en: 'English', fr: 'Français', ru: 'Русский', es: 'Español' };
const FACETS = ['lang', 'kind', 'source', 'topic', 'stance', 'sentiment', 'hashtag', 'week'];
// Facet name -> field of the query language that filters on one value.
const FACET_FIELD = { lang: 'lang', kind: 'kind', source: 'source', topic: 'topic', stance: 'stance',
                      sentiment: 'label', hashtag: 'hashtag', week: 'week', author: 'author' };
const PAGE = 20;
const COLORS = ['#1d4e89', '#c0392b', '#2e7d32', '#8e44ad'];

// ---- DOM helpers: text only ------------------------------------------------------------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

const SVGNS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  for (const c of children.flat(Infinity)) if (c !== undefined && c !== null) e.append(c instanceof Node ? c : String(c));
  return e;
}

function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

// A snippet carries the server's highlight markers <b>...</b> around
// matched words; everything else is text. Splitting on the markers and
// creating text nodes shows a document's own "<script>" literally.
function snippetNodes(s) {
  const out = [];
  let rest = s || '', inMark = false;
  while (rest.length) {
    const marker = inMark ? '</b>' : '<b>';
    const i = rest.indexOf(marker);
    const piece = i < 0 ? rest : rest.slice(0, i);
    if (piece) out.push(inMark ? el('mark', {}, piece) : document.createTextNode(piece));
    if (i < 0) break;
    rest = rest.slice(i + marker.length);
    inMark = !inMark;
  }
  return out;
}

function dirFor(lang) { return lang === 'ar' ? 'rtl' : 'auto'; }

function fmt(x, d = 2) { return x === null || x === undefined ? '–' : Number(x).toFixed(d); }
const LABEL_CLASS = { positive: 'pos', neutral: 'neu', negative: 'neg' };
// Means over documents of several languages have no one band: coloured by VADER's.
function sentimentClass(x) { return x === null || x === undefined ? '' : x >= 0.05 ? 'pos' : x <= -0.05 ? 'neg' : 'neu'; }

// ---- State in the URL ------------------------------------------------------------------------

function state() { return new URLSearchParams(location.search); }

function go(params, { replace = false } = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => x !== '' && p.append(k, x));
    else if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const url = '/?' + p.toString();
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

function stateObject(s) {
  const o = {};
  for (const k of new Set(s.keys())) {
    const all = s.getAll(k);
    o[k] = all.length > 1 || k === 'fq' || k === 'c' ? all : all[0];
  }
  return o;
}

window.addEventListener('popstate', render);
document.addEventListener('click', (ev) => {
  const a = ev.target.closest('a[data-view]');
  if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
  ev.preventDefault();
  go({ view: a.dataset.view });
});

// ---- API ---------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

const TOKEN_KEY = 'vigie.token';

function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }

// A GET of the API with the access token, if any; throws ApiError with the
// server's message for any status but 2xx.
async function request(path, params, accept) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else if (v !== undefined && v !== null && v !== '') p.set(k, v);
  }
  const qs = p.toString();
  const headers = { Accept: accept };
  if (token()) headers.Authorization = 'Bearer ' + token();
  const res = await fetch(path + (qs ? '?' + qs : ''), { headers });
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    throw new ApiError(res.status, (body && body.error) || 'HTTP ' + res.status);
  }
  return res;
}

async function api(path, params) {
  const res = await request(path, params, 'application/json');
  return res.json();
}

// Saves a Blob as a file (a same-page object URL: no second request, so
// nothing needs the token again).
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// The sign-in view, shown when the server answers 401: the token goes to
// sessionStorage (this tab only, gone when it closes) and the view of the
// URL is rendered again.
function signIn(root) {
  const refused = token() !== '';
  sessionStorage.removeItem(TOKEN_KEY);
  const form = el('form', { class: 'signin', id: 'signin' },
    el('h2', {}, 'Sign in'),
    el('p', {}, 'This server needs its access token (the first line of the file given to vigie serve --token-file). ',
      'It is kept in this browser tab until the tab is closed, and sent with every request.'),
    refused ? el('p', { class: 'error', role: 'alert', id: 'signin-refused' }, 'The server refused that token.') : null,
    el('label', {}, 'Access token', el('input', { name: 'token', type: 'password', autocomplete: 'current-password',
                                                  required: true, 'aria-label': 'access token' })),
    el('button', { type: 'submit', id: 'signin-submit' }, 'Sign in'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const t = form.elements.token.value.trim();
    if (!t) return;
    sessionStorage.setItem(TOKEN_KEY, t);
    render();
  });
  root.replaceChildren(form);
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  render();
}

function errorBox(e) { return el('pre', { class: 'error', role: 'alert' }, e.message || String(e)); }

// The query sent to the API: the typed query, then one field filter per
// active facet value (boolean fields filter the whole query).
function fullQuery(q, fq) {
  const parts = [];
  if (q && q.trim()) parts.push(fq.length ? '(' + q + ')' : q);
  for (const f of fq) parts.push(f);
  return parts.join(' ');
}

function filterTerm(facet, value) {
  const field = FACET_FIELD[facet] || facet;
  return /^[\p{L}\p{N}_.-]+$/u.test(value) ? field + ':' + value : field + ':"' + value.replace(/"/g, '') + '"';
}

// ---- Views ----------------------------------------------------------------------------------------

const views = { discover, doc: documentView, compare, topics: topicsView, saved: savedView, briefing };
let renderSeq = 0;

async function render() {
  const s = state();
  const view = views[s.get('view')] ? s.get('view') : 'discover';
  for (const a of document.querySelectorAll('.top nav a')) a.classList.toggle('current', a.dataset.view === view);
  const main = document.getElementById('main');
  const seq = ++renderSeq;
  const root = el('div', { class: 'view-' + view });
  let shown = view;
  try {
    await views[view](root, s, () => seq === renderSeq);
  } catch (e) {
    if (e.status === 401) {
      signIn(root);
      shown = 'signin';
    } else {
      root.append(errorBox(e));
    }
  }
  if (seq !== renderSeq) return;  // a newer navigation won
  const out = document.getElementById('signout');
  if (out) out.hidden = !token() || shown === 'signin';
  main.replaceChildren(root);
  document.body.dataset.ready = shown;
}

let fieldsCache = null;
async function fieldHelp() {
  if (!fieldsCache) fieldsCache = await api('/api/fields');
  return el('details', { class: 'help' },
    el('summary', {}, 'Query language'),
    el('p', {}, 'Words must all match (accents and case do not matter); "phrases", AND OR NOT, ',
      'NEAR, wildcards (cannab*), brackets, #tag, @user and fields. Example: ',
      el('code', {}, '"harm reduction" OR naloxone lang:es')),
    el('dl', {}, fieldsCache.fields.map((f) => [el('dt', {}, el('code', {}, f.name + ':')), el('dd', {}, f.help)])));
}

async function discover(root, s, current) {
  const q = s.get('q') || '', lang = s.get('lang') || '', from = s.get('from') || '', to = s.get('to') || '';
  const by = s.get('by') || 'week', saved = s.get('saved') || '';
  const cross = s.get('cross') || '';
  const fq = s.getAll('fq'), offset = Number(s.get('offset') || 0);
  const base = stateObject(s);
  delete base.offset;

  const form = el('form', { class: 'query', role: 'search' },
    el('label', {}, 'Query', el('input', { name: 'q', type: 'search', value: q, placeholder: 'cannabis AND (legalisation OR legalization)',
                                             'aria-label': 'query', autocomplete: 'off', dir: 'auto' })),
    el('label', {}, 'Language', el('select', { name: 'lang', 'aria-label': 'language' },
      el('option', { value: '' }, 'all languages'),
      LANGS.map((l) => el('option', { value: l, selected: l === lang }, l + ' – ' + LANG_NAMES[l])))),
    el('label', {}, 'From', el('input', { name: 'from', type: 'date', value: from })),
    el('label', {}, 'To', el('input', { name: 'to', type: 'date', value: to })),
    el('label', {}, 'Histogram by', el('select', { name: 'by' },
      ['day', 'week', 'month'].map((b) => el('option', { value: b, selected: b === by }, b)))),
    el('label', {}, 'Sentiment by', el('select', { name: 'cross', 'aria-label': 'sentiment by' },
      el('option', { value: '' }, '–'),
      ['lang', 'kind', 'topic', 'stance'].map((b) => el('option', { value: b, selected: b === cross }, b)))),
    el('button', { type: 'submit', id: 'run' }, 'Search'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    go({ view: 'discover', q: f.get('q'), lang: f.get('lang'), from: f.get('from'), to: f.get('to'), by: f.get('by'),
         cross: f.get('cross'), saved, fq });
  });
  root.append(form);
  root.append(await fieldHelp().catch((e) => { if (e.status === 401) throw e; return ''; }));

  if (saved || fq.length) {
    root.append(el('div', { class: 'filters' }, 'Filters: ',
      saved ? el('span', { class: 'chip' }, 'saved: ' + saved + ' ',
        el('button', { type: 'button', 'aria-label': 'remove saved query', onclick: () => go({ ...base, saved: '' }) }, '×')) : null,
      fq.map((f) => el('span', { class: 'chip filter' }, f + ' ',
        el('button', { type: 'button', 'aria-label': 'remove ' + f,
                       onclick: () => go({ ...base, fq: fq.filter((x) => x !== f) }) }, '×')))));
  }

  const query = fullQuery(q, fq);
  const searchParams = { q: query, lang, from, to, saved, facet: FACETS.join(','), facet_limit: 10, limit: PAGE, offset,
                         stats: cross };
  // lang= means the same in both endpoints (only documents in that language,
  // the query parsed in it); the histogram passes it too, so that both count
  // the same documents.
  const trendQuery = query;
  let results, trend;
  try {
    [results, trend] = await Promise.all([
      api('/api/search', searchParams),
      api('/api/trends', { q: trendQuery, lang, from, to, by, saved }),
    ]);
  } catch (e) {
    if (e.status === 401) throw e;  // render() asks for the token
    root.append(errorBox(e));
    return;
  }
  if (!current()) return;

  root.append(histogram(trend, by));
  if (cross && results.stats) root.append(crossedTable(cross, results.stats[cross], base, fq));
  const toolbar = el('div', { class: 'toolbar' },
    el('span', { class: 'count', id: 'count' }, results.count.toLocaleString('en') + ' matches'),
    el('button', { type: 'button', id: 'csv', onclick: () => downloadCsv(results) }, 'Export CSV'));
  root.append(toolbar);

  const facetsBox = el('aside', { class: 'facets', 'aria-label': 'facets' });
  for (const name of FACETS) {
    const values = results.facets[name] || {};
    const keys = Object.keys(values);
    if (!keys.length) continue;
    facetsBox.append(el('h3', {}, name));
    for (const v of keys) {
      const term = filterTerm(name, v);
      const active = fq.includes(term);
      facetsBox.append(el('button', {
        type: 'button', class: 'facet-value' + (active ? ' active' : ''), 'data-facet': name, 'data-value': v,
        'aria-pressed': active ? 'true' : 'false', dir: 'auto',
        onclick: () => go({ ...base, fq: active ? fq.filter((x) => x !== term) : [...fq, term] }),
      }, el('span', {}, name === 'lang' && LANG_NAMES[v] ? v + ' ' + LANG_NAMES[v] : v), el('span', { class: 'n' }, values[v])));
    }
  }
  const list = el('section', { class: 'results', 'aria-label': 'results' });
  for (const h of results.results) list.append(resultItem(h));
  if (!results.results.length) list.append(el('p', {}, 'Nothing matches.'));
  const pager = el('div', { class: 'pager' },
    el('button', { type: 'button', id: 'prev', disabled: offset <= 0, onclick: () => go({ ...base, offset: Math.max(0, offset - PAGE) }) }, '← Previous'),
    el('span', {}, results.count ? `${offset + 1}–${Math.min(offset + PAGE, results.count)} of ${results.count}` : ''),
    el('button', { type: 'button', id: 'next', disabled: offset + PAGE >= results.count, onclick: () => go({ ...base, offset: offset + PAGE }) }, 'Next →'));
  list.append(pager);
  root.append(el('div', { class: 'layout' }, facetsBox, list));
}

function resultItem(h) {
  const title = h.title || (h.snippet ? '' : h.id);
  const s = h.sentiment;
  return el('article', { class: 'result', lang: h.lang || undefined, dir: dirFor(h.lang) },
    el('h4', {}, el('a', { href: '/?view=doc&id=' + encodeURIComponent(h.kind + ':' + h.id), class: 'open-doc',
                           onclick: (ev) => { ev.preventDefault(); go({ view: 'doc', id: h.kind + ':' + h.id }); } },
                    title || '(' + h.kind + ') ' + h.id)),
    el('div', { class: 'meta', dir: 'ltr' },
      el('span', {}, h.date ? h.date.slice(0, 10) : 'undated'),
      el('span', {}, h.source), h.author ? el('span', {}, '@' + h.author.replace(/^@/, '')) : null,
      el('span', {}, h.lang), el('span', {}, h.kind),
      // A document's colour is its label (its language's band), as the text says.
      el('span', { class: h.label ? LABEL_CLASS[h.label] || '' : sentimentClass(s) },
        'sentiment ' + fmt(s) + (h.label ? ' (' + h.label + ')' : '')),
      h.stance ? el('span', {}, 'stance ' + h.stance) : null,
      h.topics && h.topics.length ? el('span', {}, 'topics ' + h.topics.join(', ')) : null),
    el('p', { class: 'snippet' }, snippetNodes(h.snippet)));
}

// Bars: matches per period; line and band: mean sentiment and its 95% CI
// (right axis, -1 .. 1).
function histogram(trend, by) {
  const series = trend.series || [];
  const W = 900, H = 220, L = 40, R = 40, T = 14, B = 36;
  const n = Math.max(series.length, 1), bw = (W - L - R) / n;
  const maxCount = Math.max(1, ...series.map((e) => e.count));
  const y = (c) => T + (H - T - B) * (1 - c / maxCount);
  const ys = (v) => T + (H - T - B) * (1 - (v + 1) / 2);
  const g = svg('svg', { class: 'chart', id: 'histogram', viewBox: `0 0 ${W} ${H}`, role: 'img',
                         'aria-label': `matches per ${by} with mean sentiment and its 95% confidence interval` });
  g.append(svg('line', { x1: L, x2: W - R, y1: ys(0), y2: ys(0), stroke: '#bbb', 'stroke-dasharray': '3 3' }));
  series.forEach((e, i) => {
    const x = L + i * bw;
    const bar = svg('rect', { class: 'bar', x: x + 1, y: y(e.count), width: Math.max(1, bw - 2), height: H - B - y(e.count),
                              fill: e.spike ? '#e67e22' : '#8fb3de' });
    bar.append(svg('title', {}, `${e.period}: ${e.count} matches, sentiment ${fmt(e.sentiment.mean)}` +
                                (e.sentiment.ci95 ? ` [${fmt(e.sentiment.ci95[0])}, ${fmt(e.sentiment.ci95[1])}]` : '') +
                                (e.spike ? ' (spike)' : '')));
    g.append(bar);
    const ci = e.sentiment.ci95;
    if (ci) g.append(svg('line', { class: 'ci', x1: x + bw / 2, x2: x + bw / 2, y1: ys(ci[0]), y2: ys(ci[1]), stroke: '#333', 'stroke-width': 1 }));
    if (i % Math.ceil(n / 12) === 0)
      g.append(svg('text', { x: x + bw / 2, y: H - B + 14, 'text-anchor': 'middle' }, e.period));
  });
  const pts = series.map((e, i) => (e.sentiment.mean === null ? null : [L + i * bw + bw / 2, ys(e.sentiment.mean)])).filter(Boolean);
  if (pts.length) g.append(svg('polyline', { class: 'mean', points: pts.map((p) => p.join(',')).join(' '), fill: 'none', stroke: '#c0392b', 'stroke-width': 2 }));
  for (const p of pts) g.append(svg('circle', { cx: p[0], cy: p[1], r: 2.5, fill: '#c0392b' }));
  g.append(svg('text', { x: 4, y: T + 8 }, String(maxCount)));
  g.append(svg('text', { x: 4, y: H - B }, '0'));
  g.append(svg('text', { x: W - R + 4, y: ys(1) + 8 }, '+1'));
  g.append(svg('text', { x: W - R + 4, y: ys(-1) }, '−1'));
  return el('figure', {},
    g,
    el('figcaption', { class: 'legend' },
      el('span', {}, `■ matches per ${by} (orange: spike)`), el('span', {}, '— mean sentiment with 95% CI (right axis)'),
      el('span', {}, `${trend.matches} matches, ${trend.undated} undated`)));
}

// Mean sentiment with its 95% CI and the stance split per value of one
// field: e.g. sentiment on cannabis regulation by language.
function crossedTable(field, values, base, fq) {
  const pct = (n, t) => (t ? Math.round((100 * n) / t) + '%' : '–');
  return el('table', { class: 'data', id: 'cross-table' },
    el('caption', {}, 'Sentiment and stance by ' + field),
    el('thead', {}, el('tr', {}, [field, 'matches', 'mean sentiment', '95% CI', 'pos / neu / neg', 'stance reform / prohibition / none']
      .map((h) => el('th', {}, h)))),
    el('tbody', {}, values.map((v) => {
      const st = v.stance, total = (st.reform || 0) + (st.prohibition || 0) + (st.none || 0);
      const term = filterTerm(field, v.value);
      return el('tr', {},
        el('td', { dir: 'auto' }, el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); go({ ...base, fq: fq.includes(term) ? fq : [...fq, term] }); } }, v.value)),
        el('td', { class: 'num' }, v.count),
        el('td', { class: 'num ' + sentimentClass(v.sentiment.mean) }, fmt(v.sentiment.mean, 3)),
        el('td', { class: 'num' }, v.sentiment.ci95 ? `[${fmt(v.sentiment.ci95[0])}, ${fmt(v.sentiment.ci95[1])}]` : '–'),
        el('td', { class: 'num' }, [v.sentiment.positive, v.sentiment.neutral, v.sentiment.negative].join(' / ')),
        el('td', { class: 'num' }, [st.reform || 0, st.prohibition || 0, st.none || 0].map((n) => pct(n, total)).join(' / ')));
    })));
}

function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function downloadCsv(results) {
  const cols = ['rank', 'id', 'date', 'lang', 'kind', 'source', 'author', 'title', 'url', 'sentiment', 'label', 'stance', 'snippet'];
  const rows = [cols.join(',')];
  for (const h of results.results) rows.push(cols.map((c) => csvField(c === 'snippet' ? (h.snippet || '').replace(/<\/?b>/g, '') : h[c])).join(','));
  rows.push('');
  rows.push('facet,value,count');
  for (const [f, values] of Object.entries(results.facets)) for (const [v, n] of Object.entries(values)) rows.push([f, v, n].map(csvField).join(','));
  saveBlob(new Blob([rows.join('\r\n') + '\r\n'], { type: 'text/csv' }), 'vigie-results.csv');
}

// ---- Document view --------------------------------------------------------------------------

async function documentView(root, s) {
  const id = s.get('id') || '';
  const d = await api('/api/document', { id });
  const r = d.document;
  root.append(el('p', {}, el('button', { type: 'button', onclick: () => history.back() }, '← Back')));
  root.append(el('h2', { dir: 'auto' }, r.title || r.id));
  const url = safeUrl(r.url);
  root.append(el('dl', { class: 'record', id: 'record' },
    ['id', 'kind', 'lang', 'date', 'source', 'author', 'engagement', 'sentiment', 'label', 'stance'].filter((k) => r[k] !== undefined)
      .map((k) => [el('dt', {}, k), el('dd', {}, String(r[k]))]),
    el('dt', {}, 'url'), el('dd', {}, url ? el('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, r.url) : (r.url || '–'))));
  root.append(el('div', { class: 'doc-text', id: 'doc-text', lang: r.lang, dir: dirFor(r.lang) }, r.text || ''));

  const ex = d.explanation;
  const box = el('section', { class: 'explanation', id: 'explanation' }, el('h3', {}, 'Why this sentiment'));
  box.append(el('p', {}, `Score ${fmt(ex.compound, 4)} by ${ex.model} (${ex.lang}), recomputed from the text as vigie score --explain does` +
    (r.sentiment !== undefined ? ` (stored when indexed: ${fmt(r.sentiment, 4)})` : '') +
    `; sum of items ${fmt(ex.sum, 3)}, punctuation ${fmt(ex.punctuation, 3)}.`));
  if (ex.items.length) {
    box.append(el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, ['word', 'lexicon', 'after rules', 'rules'].map((h) => el('th', {}, h)))),
      el('tbody', {}, ex.items.map((c) => el('tr', {},
        el('td', { dir: 'auto' }, c.term), el('td', { class: 'num' }, fmt(c.valence, 3)),
        el('td', { class: 'num ' + sentimentClass(c.final) }, fmt(c.final, 3)), el('td', {}, c.rules || '–'))))));
  } else {
    box.append(el('p', {}, 'No lexicon word moved the score.'));
  }
  root.append(box);
  const tbox = el('section', { class: 'topics-why' }, el('h3', {}, 'Topics and stance'));
  if (d.topics.length) {
    tbox.append(el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, el('th', {}, 'topic'), el('th', {}, 'aspect sentiment'))),
      el('tbody', {}, d.topics.map((t) => el('tr', {}, el('td', {}, el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); go({ view: 'discover', fq: ['topic:' + t.id] }); } }, t.id)),
        el('td', { class: 'num' }, fmt(t.aspect, 3)))))));
  } else {
    tbox.append(el('p', {}, 'No topic of the taxonomy.'));
  }
  tbox.append(el('p', {}, 'Stance: ' + (r.stance || 'none') + (d.stance_score !== null ? ` (confidence ${fmt(d.stance_score, 3)})` : '')));
  root.append(tbox);
}

// ---- Compare ------------------------------------------------------------------------------------------

async function compare(root, s, current) {
  const items = s.getAll('c').slice(0, 4);
  const by = s.get('by') || 'week';
  const inputs = [0, 1, 2, 3].map((i) => el('input', { name: 'c', value: items[i] || '', 'aria-label': 'series ' + (i + 1),
                                                        placeholder: i === 0 ? 'topic:harm_reduction' : i === 1 ? 'cannabis AND legalization' : '' }));
  const form = el('form', { class: 'query compare-inputs' }, inputs.map((x, i) => el('label', {}, 'Series ' + (i + 1), x)),
    el('label', {}, 'By', el('select', { name: 'by' }, ['day', 'week', 'month'].map((b) => el('option', { value: b, selected: b === by }, b)))),
    el('button', { type: 'submit', id: 'compare-run' }, 'Compare'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go({ view: 'compare', c: inputs.map((x) => x.value.trim()).filter(Boolean), by: form.elements.by.value });
  });
  root.append(form, el('p', { class: 'help' }, 'Up to four queries, or topics written topic:ID (see Topics).'));
  if (!items.length) return;
  const params = (c) => (/^topic:[\w-]+$/.test(c) ? { topic: c.slice(6), by } : { q: c, by });
  const all = await api('/api/trends', { by });
  const data = await Promise.all(items.map((c) => api('/api/trends', params(c))));
  if (!current()) return;
  const periods = all.series.map((e) => e.period);
  const W = 900, H = 240, L = 40, R = 10, T = 10, B = 34;
  const maxCount = Math.max(1, ...data.flatMap((d) => d.series.map((e) => e.count)));
  const x = (i) => L + (W - L - R) * (periods.length > 1 ? i / (periods.length - 1) : 0.5);
  const y = (c) => T + (H - T - B) * (1 - c / maxCount);
  const chart = svg('svg', { class: 'chart', id: 'compare-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'volume per period' });
  data.forEach((d, k) => {
    const byPeriod = new Map(d.series.map((e) => [e.period, e]));
    const pts = periods.map((p, i) => [x(i), y(byPeriod.has(p) ? byPeriod.get(p).count : 0)]);
    chart.append(svg('polyline', { class: 'series', points: pts.map((p) => p.join(',')).join(' '), fill: 'none', stroke: COLORS[k], 'stroke-width': 2 }));
  });
  periods.forEach((p, i) => { if (i % Math.ceil(periods.length / 10) === 0) chart.append(svg('text', { x: x(i), y: H - B + 14, 'text-anchor': 'middle' }, p)); });
  chart.append(svg('text', { x: 4, y: T + 8 }, String(maxCount)));
  root.append(el('figure', {}, chart, el('figcaption', { class: 'legend' },
    items.map((c, k) => el('span', { style: null }, el('b', { class: 'swatch-' + k }, '■ '), c)))));
  // CSP allows no inline style attribute; colour the swatches through the CSSOM.
  root.querySelectorAll('[class^=swatch-]').forEach((b) => { b.style.color = COLORS[Number(b.className.slice(7))]; });

  const rows = data.map((d, k) => {
    let n = 0, sum = 0, sumsq = 0;
    const stance = {};
    for (const e of d.series) {
      const m = e.sentiment;
      if (m.n && m.mean !== null) { n += m.n; sum += m.mean * m.n; }
      for (const [kk, v] of Object.entries(e.stance)) stance[kk] = (stance[kk] || 0) + v;
    }
    // CI of the pooled mean from the per-period CIs is not exact; the
    // table shows the pooled mean, the interval comes from Discover.
    const mean = n ? sum / n : null;
    const st = Object.values(stance).reduce((a, b) => a + b, 0) || 1;
    return el('tr', {},
      el('td', {}, el('b', { class: 'swatch-' + k }, '■ '), items[k]),
      el('td', { class: 'num' }, d.total), el('td', { class: 'num' }, all.total ? (100 * d.total / all.total).toFixed(1) + '%' : '–'),
      el('td', { class: 'num ' + sentimentClass(mean) }, fmt(mean, 3)),
      el('td', { class: 'num' }, ['reform', 'prohibition', 'none'].map((k2) => Math.round(100 * (stance[k2] || 0) / st) + '%').join(' / ')),
      el('td', {}, el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); go(/^topic:/.test(items[k]) ? { view: 'discover', fq: [items[k]] } : { view: 'discover', q: items[k] }); } }, 'Discover')));
  });
  root.append(el('table', { class: 'data', id: 'compare-table' },
    el('thead', {}, el('tr', {}, ['series', 'matches', 'share of voice', 'mean sentiment', 'stance reform / prohibition / none', ''].map((h) => el('th', {}, h)))),
    el('tbody', {}, rows)));
  root.querySelectorAll('[class^=swatch-]').forEach((b) => { b.style.color = COLORS[Number(b.className.slice(7))]; });
}

// ---- Topics, saved queries, briefing --------------------------------------------------------------

async function topicsView(root, s, current) {
  const [topics, all] = await Promise.all([api('/api/topics'), api('/api/trends', { by: 'week' })]);
  const last = all.series.length ? all.series[all.series.length - 1].period : '';
  const week = s.get('week') || last;
  const form = el('form', { class: 'query' }, el('label', {}, 'Week', el('input', { name: 'week', value: week, placeholder: '2019-W11' })),
    el('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); go({ view: 'topics', week: form.elements.week.value }); });
  root.append(form);
  const trends = await Promise.all(topics.map((t) => api('/api/trends', { topic: t.id, by: 'week' })));
  if (!current()) return;
  root.append(el('table', { class: 'data', id: 'topics-table' },
    el('thead', {}, el('tr', {}, ['topic', 'volume', 'change', 'sentiment', 'stance r/p/n', 'spike'].map((h) => el('th', {}, h)))),
    el('tbody', {}, topics.map((t, i) => {
      const series = trends[i].series;
      const k = series.findIndex((e) => e.period === week);
      const e = k >= 0 ? series[k] : null, prev = k > 0 ? series[k - 1] : null;
      const st = e ? e.stance : {};
      return el('tr', {},
        el('td', {}, el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); go({ view: 'discover', fq: ['topic:' + t.id] }); } }, t.label.en || t.id)),
        el('td', { class: 'num' }, e ? e.count : 0),
        el('td', { class: 'num' }, e && prev ? (e.count - prev.count >= 0 ? '+' : '') + (e.count - prev.count) : '–'),
        el('td', { class: 'num ' + sentimentClass(e && e.sentiment.mean) }, e ? fmt(e.sentiment.mean, 3) : '–'),
        el('td', { class: 'num' }, [st.reform || 0, st.prohibition || 0, st.none || 0].join(' / ')),
        el('td', {}, e && e.spike ? 'SPIKE ' + fmt(e.score, 1) : ''));
    }))));
}

async function savedView(root) {
  const saved = await api('/api/saved');
  root.append(el('h2', {}, 'Saved queries'));
  root.append(el('table', { class: 'data', id: 'saved-table' },
    el('thead', {}, el('tr', {}, ['name', 'description', 'query', ''].map((h) => el('th', {}, h)))),
    el('tbody', {}, saved.map((q) => el('tr', {},
      el('td', {}, q.name), el('td', {}, q.description), el('td', { dir: 'auto' }, el('code', {}, q.query)),
      el('td', {}, el('button', { type: 'button', onclick: () => go({ view: 'discover', saved: q.name }) }, 'Run')))))));
}

// The briefing page of the server (/report/WEEK), fetched with the token and
// shown inside this page: its markup is parsed inertly, links other than
// http(s) and anything active are dropped, and its own style sheet is
// applied to a shadow root through CSSOM (the page's policy allows no
// inline <style>). Print prints it alone; the downloads are the server's
// HTML and JSON, byte for byte.
async function briefing(root, s) {
  const week = s.get('week') || '';
  const form = el('form', { class: 'query' }, el('label', {}, 'ISO week', el('input', { name: 'week', value: week, placeholder: '2019-W11', required: true })),
    el('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); go({ view: 'briefing', week: form.elements.week.value.trim() }); });
  root.append(form);
  if (!week) return;
  const path = '/report/' + encodeURIComponent(week);
  const html = await (await request(path, null, 'text/html')).text();
  const status = el('span', { class: 'help', role: 'status' });
  const download = (what, name, type) => async () => {
    status.textContent = '';
    try {
      const res = what === 'json' ? await request('/api/report', { week }, 'application/json') : null;
      saveBlob(res ? await res.blob() : new Blob([html], { type }), name);
    } catch (e) {
      status.textContent = e.message;
    }
  };
  root.append(el('div', { class: 'toolbar' },
    el('button', { type: 'button', id: 'briefing-print', onclick: () => window.print() }, 'Print'),
    el('button', { type: 'button', id: 'briefing-html', onclick: download('html', 'vigie-' + week + '.html', 'text/html') }, 'Download HTML'),
    el('button', { type: 'button', id: 'briefing-json', onclick: download('json', 'vigie-' + week + '.json') }, 'Download JSON'),
    status));
  const host = el('div', { id: 'briefing-doc', class: 'briefing' });
  showBriefing(host, html);
  root.append(host);
}

function showBriefing(host, html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const css = Array.from(doc.querySelectorAll('style'), (x) => x.textContent).join('\n');
  for (const x of doc.querySelectorAll('script, style, link, meta, iframe, object, embed, base, form')) x.remove();
  for (const x of doc.body.querySelectorAll('*')) {
    for (const a of Array.from(x.attributes)) if (/^on/i.test(a.name) || a.name === 'style') x.removeAttribute(a.name);
    if (x.localName === 'a') {
      const href = safeUrl(x.getAttribute('href') || '');
      if (href) { x.setAttribute('href', href); x.setAttribute('rel', 'noopener noreferrer'); x.setAttribute('target', '_blank'); } else x.removeAttribute('href');
    }
  }
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  // The sheet was written for a whole page: its page-level rules apply to the host here.
  sheet.replaceSync(css.replace(/:root\b/g, ':host').replace(/(^|[{};,\s])(html|body)(?=\s*[{,])/g, '$1:host'));
  shadow.adoptedStyleSheets = [sheet];
  shadow.append(...Array.from(doc.body.childNodes, (n) => document.importNode(n, true)));
}

document.getElementById('signout').addEventListener('click', signOut);
render();

// Browser tests of the `vigie serve` interface in headless Chromium
// (Debian's chromium, driven by puppeteer-core). Each check compares what
// the page shows with what the API answers, so they fail when the page
// stops doing its job.
//
// usage: node ui_test.js BASE_URL SCREENSHOT_DIR CHROMIUM TOKEN_URL TOKEN DOWNLOAD_DIR
// (TOKEN_URL: the same index served with --token-file holding TOKEN)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const [base, shotDir, chromium, tokenBase, token, downloadDir] = process.argv.slice(2);
let passed = 0, failed = 0;
const shots = [];
function check(cond, what, detail) {
  if (cond) { passed++; console.log('ok: ' + what); } else { failed++; console.log('FAIL: ' + what + (detail ? ': ' + detail : '')); }
}

async function api(p) {
  const res = await fetch(base + p);
  return res.json();
}

// What the token server answers, with the token: status and bytes.
async function authed(p) {
  const res = await fetch(tokenBase + p, { headers: { Authorization: 'Bearer ' + token } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

// Waits (bounded) for a finished download in dir whose name starts with prefix.
async function downloaded(dir, name) {
  const file = path.join(dir, name);
  for (let i = 0; i < 200; i++) {
    if (fs.existsSync(file) && !fs.existsSync(file + '.crdownload')) return fs.readFileSync(file);
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vigie-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const dialogs = [], pageErrors = [], offsite = [];
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(30000);
    await page.setViewport({ width: 1280, height: 1100 });
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (r) => { if (![base, tokenBase, 'blob:', 'data:'].some((p) => r.url().startsWith(p))) offsite.push(r.url()); });
    const shot = async (name) => {
      const file = path.join(shotDir, name + '.png');
      await page.screenshot({ path: file, fullPage: true });
      shots.push(file);
    };
    const ready = (view) => page.waitForFunction((v) => document.body.dataset.ready === v, {}, view);
    const countText = () => page.$eval('#count', (e) => e.textContent);
    const countOf = (t) => Number(t.replace(/[^0-9]/g, ''));

    // 1. Run a query.
    await page.goto(base + '/');
    await ready('discover');
    await page.type('input[name=q]', 'cannabis');
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.click('#run');
    await ready('discover');
    const want = await api('/api/search?q=cannabis&limit=0');
    const n0 = countOf(await countText());
    check(n0 === want.count && n0 > 0, 'run a query: the page shows the API count', `${n0} vs ${want.count}`);
    const shown = await page.$$eval('article.result', (a) => a.length);
    check(shown === Math.min(20, want.count), 'run a query: one result per hit on the first page', String(shown));
    check(new URL(page.url()).searchParams.get('q') === 'cannabis', 'the URL holds the query');

    // 2. The histogram is drawn: one bar per period of /api/trends.
    const trend = await api('/api/trends?q=cannabis&by=week');
    const bars = await page.$$eval('#histogram rect.bar', (r) => r.length);
    check(bars === trend.series.length && bars > 0, 'histogram: one bar per week', `${bars} vs ${trend.series.length}`);
    const line = await page.$('#histogram polyline.mean');
    check(line !== null, 'histogram: the mean sentiment line is drawn');
    await shot('discover');

    // 3. Click a facet: the count becomes the facet's count; click again removes it.
    const facet = await page.$('button.facet-value[data-facet=lang][data-value=en]');
    const facetCount = Number(await facet.$eval('.n', (e) => e.textContent));
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await facet.click();
    await ready('discover');
    const n1 = countOf(await countText());
    check(n1 === facetCount && n1 < n0, 'click a facet: the count changes to the facet value\'s count', `${n0} -> ${n1}, facet ${facetCount}`);
    check((await page.$$('.chip.filter')).length === 1, 'click a facet: a filter chip appears');
    await shot('facet');

    // 4. The back button restores the previous view.
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.goBack();
    await ready('discover');
    check(countOf(await countText()) === n0 && (await page.$$('.chip.filter')).length === 0,
          'back button: the unfiltered results come back');
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.goForward();
    await ready('discover');
    const active = await page.$('button.facet-value.active[data-facet=lang][data-value=en]');
    check(countOf(await countText()) === n1 && active !== null, 'forward: the filter is back');
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await active.click();
    await ready('discover');
    check(countOf(await countText()) === n0, 'click the facet again: the filter is removed');

    // 5. Open a document and see its explanation.
    const firstId = await page.$eval('article.result a.open-doc', (a) => new URL(a.href).searchParams.get('id'));
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.click('article.result a.open-doc');
    await ready('doc');
    const doc = await api('/api/document?id=' + encodeURIComponent(firstId));
    check(await page.$eval('#doc-text', (e) => e.textContent) === doc.document.text, 'document: the full text is shown');
    const record = await page.$eval('#record', (e) => e.textContent);
    check(record.includes(doc.document.source) && record.includes(doc.document.date) && !record.includes('[object'),
          'document: the record\'s fields are shown', record.slice(0, 200));
    const rows = await page.$$eval('#explanation tbody tr', (r) => r.map((x) => x.children[0].textContent));
    check(rows.length === doc.explanation.items.length && rows.length > 0 &&
          rows.every((t, i) => t === doc.explanation.items[i].term),
          'document: the explanation lists the words behind the sentiment', JSON.stringify(rows));
    await shot('document');
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.goBack();
    await ready('discover');
    check(countOf(await countText()) === n0, 'back from the document: the results again');

    // 6. Compare two topics.
    await page.goto(base + '/?view=compare');
    await ready('compare');
    await page.type('input[aria-label="series 1"]', 'topic:harm_reduction');
    await page.type('input[aria-label="series 2"]', 'topic:cannabis_regulation');
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.click('#compare-run');
    await ready('compare');
    const lines = await page.$$eval('#compare-chart polyline.series', (p) => p.length);
    const totals = await page.$$eval('#compare-table tbody tr', (r) => r.map((x) => Number(x.children[1].textContent)));
    const hr = await api('/api/trends?topic=harm_reduction'), cr = await api('/api/trends?topic=cannabis_regulation');
    check(lines === 2, 'compare: two series on the chart', String(lines));
    check(totals.length === 2 && totals[0] === hr.total && totals[1] === cr.total, 'compare: the table gives each topic\'s matches',
          `${totals} vs ${hr.total},${cr.total}`);
    await shot('compare');

    // 7. A hostile document is shown as text, and no dialog opens.
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await page.goto(base + '/?view=discover&q=onerror');
    await ready('discover');
    const results = await page.$$eval('article.result', (a) => a.map((x) => x.textContent));
    check(results.some((t) => t.includes('alert(2)')), 'hostile: the document is found');
    check(await page.$$eval('main img, main script, main iframe', (e) => e.length) === 0, 'hostile: no element was injected');
    const hid = (await api('/api/search?q=onerror')).results[0];
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.click('article.result a.open-doc');
    await ready('doc');
    check(await page.$eval('#doc-text', (e) => e.textContent) === hostile, 'hostile: the text is shown literally');
    check((await page.$eval('#record', (e) => e.textContent)).includes('<b>hostile</b>'), 'hostile: the author is shown literally');
    check(hid && await page.$$eval('main img, main script', (e) => e.length) === 0, 'hostile: still no element in the document view');
    await new Promise((r) => setTimeout(r, 500));  // time for an onerror to fire, were there an <img>
    await shot('hostile');
    check(dialogs.length === 0, 'hostile: no dialog opened', JSON.stringify(dialogs));

    // 7b. Crossed facets: sentiment by language, as the API counts it.
    await page.goto(base + '/?view=discover&q=cannabis&cross=lang');
    await ready('discover');
    const crossRows = await page.$$eval('#cross-table tbody tr', (r) => r.map((x) => [x.children[0].textContent, Number(x.children[1].textContent), x.children[2].textContent]));
    const crossApi = (await api('/api/search?q=cannabis&limit=0&stats=lang')).stats.lang;
    check(crossRows.length === crossApi.length && crossRows.length > 1 &&
          crossRows.every((r, i) => r[0] === crossApi[i].value && r[1] === crossApi[i].count &&
                                    r[2] === (crossApi[i].sentiment.mean === null ? '–' : crossApi[i].sentiment.mean.toFixed(3))),
          'crossed facets: sentiment by language as /api/search?stats=lang gives it', JSON.stringify(crossRows));
    await shot('crossed');

    // 8. Arabic results are laid out right to left.
    await page.goto(base + '/?view=discover&fq=lang:ar');
    await ready('discover');
    const dirs = await page.$$eval('article.result', (a) => a.map((x) => getComputedStyle(x).direction));
    check(dirs.length > 0 && dirs.every((d) => d === 'rtl'), 'Arabic results are right to left', JSON.stringify(dirs.slice(0, 3)));
    await shot('arabic');

    // 9. Behind an access token: the page asks for it once, then works
    // without a proxy, every request carrying it.
    const sent = [];
    page.on('request', (r) => { if (r.url().startsWith(tokenBase + '/api/') || r.url().startsWith(tokenBase + '/report/')) sent.push(r.headers()['authorization'] || ''); });
    await page.goto(tokenBase + '/?view=discover&q=cannabis');
    await ready('signin');
    check(await page.$('article.result') === null && await page.$('#signin input[name=token]') !== null,
          'token: the page asks for the token and shows no result');
    await shot('signin');
    await page.type('#signin input[name=token]', 'not-the-token-0000');
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.click('#signin-submit');
    await ready('signin');
    check(await page.$('#signin-refused') !== null, 'token: a wrong token is refused, with a message');
    await page.type('#signin input[name=token]', token);
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.click('#signin-submit');
    await ready('discover');
    const tokenCount = JSON.parse((await authed('/api/search?q=cannabis&limit=0')).body).count;
    check(countOf(await countText()) === tokenCount && tokenCount === want.count, 'token: signed in, the query runs',
          `${await countText()} vs ${tokenCount}`);
    check(!page.url().includes(token) && await page.evaluate(() => localStorage.length) === 0 &&
          await page.evaluate(() => sessionStorage.getItem('vigie.token')) === token,
          'token: kept in sessionStorage only, never in the URL or localStorage');
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.reload();
    await ready('discover');
    check(countOf(await countText()) === tokenCount, 'token: asked once (a reload goes straight to the results)');
    // The CSV export: the results of the page, as the API gives them.
    const client = await browser.target().createCDPSession();
    await client.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloadDir });
    await page.click('#csv');
    const csv = await downloaded(downloadDir, 'vigie-results.csv');
    const pageIds = JSON.parse((await authed('/api/search?q=cannabis&limit=20')).body).results.map((h) => h.id);
    const csvIds = csv ? csv.toString('utf8').split('\r\n').slice(1, 1 + pageIds.length).map((l) => l.split(',')[1]) : [];
    check(csv !== null && JSON.stringify(csvIds) === JSON.stringify(pageIds), 'token: the CSV export holds the page\'s results',
          JSON.stringify(csvIds.slice(0, 3)));
    // The briefing: shown in the page, printable, downloadable.
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.goto(tokenBase + '/?view=briefing&week=2019-W11');
    await ready('briefing');
    const report = await authed('/report/2019-W11');
    const title = /<h1>([^<]*)<\/h1>/.exec(report.body.toString('utf8'));
    const brief = await page.$eval('#briefing-doc', (h) => {
      const r = h.shadowRoot;
      const card = r && r.querySelector('.card');
      return r && { h1: r.querySelector('h1') && r.querySelector('h1').textContent,
                    sections: r.querySelectorAll('section').length,
                    radius: card ? getComputedStyle(card).borderTopLeftRadius : '',
                    active: r.querySelectorAll('script, style, [onload], [onerror]').length };
    });
    check(report.status === 200 && brief && title && brief.h1 === title[1].replace(/&amp;/g, '&') && brief.sections > 3,
          'token: the briefing is shown in the page', JSON.stringify(brief));
    check(brief && brief.radius === '8px', 'token: the briefing keeps its own style sheet', brief && brief.radius);
    check(brief && brief.active === 0, 'token: nothing active comes in with the briefing');
    await shot('briefing');
    await page.emulateMediaType('print');
    const printed = await page.evaluate(() => ({
      nav: getComputedStyle(document.querySelector('.top')).display,
      toolbar: getComputedStyle(document.querySelector('.toolbar')).display,
      doc: getComputedStyle(document.getElementById('briefing-doc')).display }));
    check(printed.nav === 'none' && printed.toolbar === 'none' && printed.doc !== 'none',
          'token: printing prints the briefing alone', JSON.stringify(printed));
    await page.emulateMediaType(null);
    await page.click('#briefing-html');
    const html = await downloaded(downloadDir, 'vigie-2019-W11.html');
    check(html !== null && html.equals(report.body), 'token: Download HTML saves the server\'s briefing, byte for byte');
    await page.click('#briefing-json');
    const json = await downloaded(downloadDir, 'vigie-2019-W11.json');
    const reportJson = await authed('/api/report?week=2019-W11');
    check(json !== null && json.equals(reportJson.body), 'token: Download JSON saves /api/report, byte for byte');
    check(sent[0] === '', 'token: the first request went without it (none stored yet)', JSON.stringify(sent.slice(0, 2)));
    const after = sent.slice(sent.findIndex((a) => a === 'Bearer ' + token));
    check(after.length > 5 && after.every((a) => a === 'Bearer ' + token),
          'token: after sign-in, every API request carries it', JSON.stringify(after.filter((a) => a !== 'Bearer ' + token)));
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await page.click('#signout');
    await ready('signin');
    check(await page.evaluate(() => sessionStorage.getItem('vigie.token')) === null, 'token: Sign out forgets it');

    check(pageErrors.length === 0, 'no script error on any page', pageErrors.join(' | '));
    check(offsite.length === 0, 'no request leaves the server', offsite.join(' '));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => { failed++; console.log('FAIL: ' + (e && e.stack || e)); }).finally(() => {
  console.log('screenshots:');
  for (const s of shots) console.log('  ' + s);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
});

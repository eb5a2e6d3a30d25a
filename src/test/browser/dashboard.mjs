// Opens each dashboard page in headless Chromium, keeps a screenshot per page and prints, as JSON, what a person
// sees there; then presses the first dead letter's Retry button. Driven by DashboardBrowserTest.
// Usage: node dashboard.mjs BASE_URL OUT_DIR
import { chromium } from 'playwright-core';

const [base, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const result = {};
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const pages = { overview: '/dashboard', threads: '/dashboard/threads', threads2: '/dashboard/threads?page=2',
    actions: '/dashboard/actions' };
  for (const [name, path] of Object.entries(pages)) {
    const response = await page.goto(base + path);
    await page.screenshot({ path: `${out}/dashboard-${name}.png`, fullPage: true });
    result[name] = await page.evaluate(() => ({
      text: document.body.innerText,
      banner: document.querySelector('#dry-run')?.innerText ?? null,
      labels: [...document.querySelectorAll('.label')].map(e => e.innerText),
      comments: [...document.querySelectorAll('.comment')].map(e => e.innerText),
      commentHeadings: [...document.querySelectorAll('.comment strong, .comment h1, .comment h2, .comment h3')]
        .map(e => e.innerText),
      threadLinks: [...document.querySelectorAll('#threads td.thread a, #recent td.thread a')]
        .map(e => e.href),
      rows: document.querySelectorAll('#threads td.thread a').length,
      next: document.querySelector('a[rel=next]')?.getAttribute('href') ?? null,
      heatCells: document.querySelectorAll('#heatmap td.num').length,
      retryButtons: document.querySelectorAll('#dead-letters button').length,
      // the security teams' part: each private report's row, cell by cell, with its link and its theme label
      privateReports: Object.fromEntries(['waiting', 'reports'].map(table => [table,
        [...document.querySelectorAll(`#private-reports table.${table} tbody tr`)].map(tr => ({
          cells: [...tr.querySelectorAll('td')].map(td => td.innerText.trim()),
          link: tr.querySelector('td a')?.href ?? null,
          label: tr.querySelector('.label')?.innerText ?? null,
        }))])),
    }));
    result[name].status = response.status();
  }
  await page.goto(base + '/dashboard');
  if (await page.locator('#dead-letters button').count() > 0) {
    const [response] = await Promise.all([
      page.waitForNavigation(),
      page.locator('#dead-letters button').first().click(),
    ]);
    result.retry = { status: response.status(), url: page.url(),
      retryButtons: await page.locator('#dead-letters button').count() };
    await page.screenshot({ path: `${out}/dashboard-after-retry.png`, fullPage: true });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));

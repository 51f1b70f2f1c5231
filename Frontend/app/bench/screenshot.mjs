// Usage: node bench/screenshot.mjs <dashboard url> <out.png> [width] [height]
import { launch } from './browser.mjs';

const [url, out, width = '1440', height = '1000'] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  // Wait for the snapshot (a run badge) and then for the first chart, if the tab has charts.
  await page.waitForSelector('[data-testid="run-badge"]', { timeout: 60_000, state: 'attached' });
  await page.waitForSelector(process.env.WAIT_FOR ?? '[data-testid="chart-latest-value"]', { timeout: 30_000, state: 'attached' }).catch(() => {});
  await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 1500));
  await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
  console.log(JSON.stringify({ out, errors }));
} finally {
  await browser.close();
}

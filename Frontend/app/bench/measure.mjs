// Measures the dashboard in headless Chromium against a running system.
// Usage: node bench/measure.mjs <dashboard url> [seconds of live deltas] [memory samples every N s]
// Prints JSON: time to the first painted chart, per-frame chart work while deltas flow, long tasks, JS heap over time.
import { launch } from './browser.mjs';
import { wireBytes } from './wireBytes.mjs';

const [url, seconds = '10', sampleEvery = '0'] = process.argv.slice(2);

/** Runs in the page before the app: times every animation-frame callback (and the microtasks it queues, where uPlot redraws). */
function instrument() {
  const frames = [];
  const longTasks = [];
  const intervals = [];
  // A no-op loop of its own: the gaps between its callbacks are whole frames (script, style, layout, paint,
  // canvas raster at commit), so a gap over 16.7 ms is a frame the page did not make in time.
  let previous = 0;
  const tick = (time) => {
    if (previous) intervals.push(time - previous);
    previous = time;
    original(tick);
  };
  const original = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    original((time) => {
      const start = performance.now();
      callback(time);
      queueMicrotask(() => frames.push(performance.now() - start));
    });
  new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  const found = () => {
    if (window.__firstChartMs === undefined && document.querySelector('[data-testid="chart-latest-value"]')) {
      // The value is written in the same frame as the chart's first setData; the paint follows this frame.
      window.__firstChartMs = performance.now();
    }
  };
  new MutationObserver(found).observe(document, { childList: true, subtree: true });
  // When the page got the first snapshot's columns from the stream worker, and how long the worker took to read it
  // (from its log line): firstChart minus this is the page's own part of the first paint.
  const NativeWorker = window.Worker;
  window.Worker = function (url, options) {
    const worker = new NativeWorker(url, options);
    worker.addEventListener('message', (event) => {
      const data = event.data;
      if (data?.kind === 'snapshot' && window.__snapshotAtMs === undefined) window.__snapshotAtMs = performance.now();
      const read = data?.kind === 'activity' && /read in (\d+) ms/.exec(data.entry.message);
      if (read && window.__snapshotReadMs === undefined) window.__snapshotReadMs = Number(read[1]);
    });
    return worker;
  };
  original(tick);
  window.__bench = { frames, longTasks, intervals };
}

function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);
  return { count: sorted.length, p50: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), p99: +at(0.99).toFixed(2), max: +(sorted.at(-1) ?? 0).toFixed(2), over16: sorted.filter((v) => v > 16).length };
}

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const cdp = await page.context().newCDPSession(page);
  await page.addInitScript(instrument);
  // Every request the page (and its stream worker) makes for stream data, with the headers Chromium sent.
  const dataRequests = [];
  page.on('request', (request) => {
    if (/^\/(stream|snapshot)\b/.test(new URL(request.url()).pathname)) dataRequests.push(request);
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__firstChartMs !== undefined, null, { timeout: 120_000 });
  const { firstChartMs, snapshotAtMs, snapshotReadMs } = await page.evaluate(() => {
    // The page marks its first applied snapshot (wherever it was read); older builds are seen through the worker.
    const mark = performance.getEntriesByName('dashboard:first-snapshot')[0];
    return {
      firstChartMs: window.__firstChartMs,
      snapshotAtMs: mark?.startTime ?? window.__snapshotAtMs,
      snapshotReadMs: mark?.detail?.readMs === undefined ? window.__snapshotReadMs : Math.round(mark.detail.readMs),
    };
  });
  const navigation = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.toJSON());
  // The page's own start, from navigation: the HTML's answer, the app's script loaded, and the script run (DOMContentLoaded).
  const pageStart = await page.evaluate(() => {
    const html = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const script = resources.find((e) => /\/assets\/index-[^/]*\.js$/.test(e.name));
    // Where the entry loads the app's code apart (startApp-*.js), when that arrived too.
    const app = resources.find((e) => /\/assets\/startApp-[^/]*\.js$/.test(e.name));
    return {
      htmlResponseStartMs: Math.round(html?.responseStart ?? 0),
      htmlResponseEndMs: Math.round(html?.responseEnd ?? 0),
      scriptResponseEndMs: Math.round(script?.responseEnd ?? 0),
      appScriptResponseEndMs: app && Math.round(app.responseEnd),
      domContentLoadedMs: Math.round(html?.domContentLoadedEventEnd ?? 0),
    };
  });
  // When the page asked for its first snapshot and when the answer began, from navigation: the wait before the
  // request is the page's start, the time after the answer began is the transfer and the page's own work.
  const timeOrigin = await page.evaluate(() => performance.timeOrigin);
  const first = dataRequests[0]?.timing();
  const firstRequest = first && { startMs: Math.round(first.startTime - timeOrigin), responseStartMs: Math.round(first.startTime - timeOrigin + first.responseStart) };
  // The first two are the open tab's snapshot and the full one: fetched again here, as Chromium asked for them.
  // The full one is asked for once the open tab's has arrived, which may be after the first chart.
  for (let waited = 0; dataRequests.length < 2 && waited < 10_000; waited += 100) await page.waitForTimeout(100);
  const snapshotWireBytes = [];
  for (const request of dataRequests.slice(0, 2)) {
    snapshotWireBytes.push(await wireBytes(request.url(), await request.allHeaders()));
  }
  await page.waitForTimeout(2000);
  await page.evaluate(() => {
    window.__bench.frames.length = 0;
    window.__bench.longTasks.length = 0;
    window.__bench.intervals.length = 0;
  });
  const heap = [];
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    // usedSize is the JS heap; backingStorageSize the ArrayBuffers behind the typed-array columns.
    const { usedSize, backingStorageSize = 0 } = await cdp.send('Runtime.getHeapUsage');
    heap.push({ t: heap.length * Number(sampleEvery), jsMb: +(usedSize / 1048576).toFixed(1), buffersMb: +(backingStorageSize / 1048576).toFixed(1) });
  };
  const total = Number(seconds) * 1000;
  const every = Number(sampleEvery) * 1000;
  if (every > 0) {
    for (let t = 0; t < total; t += every) {
      await sample();
      await page.waitForTimeout(every);
    }
    await sample();
  } else {
    await page.waitForTimeout(total);
  }
  // Thread CPU time of each main-thread frame (script, style, layout, paint and the canvas raster at commit), read
  // from a trace: unlike wall time it does not grow when other processes take the machine's cores.
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,cc', transferMode: 'ReportEvents' });
  await page.waitForTimeout(5000);
  await cdp.send('Tracing.end');
  await traced;
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`);
  const frameCpu = events.filter((e) => onMain(e) && e.name === 'ProxyMain::BeginMainFrame').map((e) => (e.tdur ?? e.dur) / 1000);
  const taskCpu = events.filter((e) => onMain(e) && e.name === 'RunTask').reduce((sum, e) => sum + (e.tdur ?? e.dur) / 1000, 0);

  const { frames, longTasks, intervals, cards, status } = await page.evaluate(() => ({
    frames: window.__bench.frames,
    intervals: window.__bench.intervals,
    longTasks: window.__bench.longTasks,
    cards: document.querySelectorAll('[data-testid="chart-card"]').length,
    status: document.querySelector('[data-testid="connection-status"]')?.getAttribute('data-state'),
  }));
  console.log(
    JSON.stringify(
      {
        url,
        firstChartMs: Math.round(firstChartMs),
        // The worker's JSON parse and conversion of the first snapshot, then the page's apply and first draw.
        firstSnapshotReadMs: snapshotReadMs,
        firstSnapshotToChartMs: snapshotAtMs === undefined ? null : Math.round(firstChartMs - snapshotAtMs),
        domContentLoadedMs: Math.round(navigation?.domContentLoadedEventEnd ?? 0),
        pageStart,
        firstRequest,
        snapshotWireBytes,
        mountedChartCards: cards,
        connection: status,
        liveSeconds: Number(seconds),
        frameWorkMs: summarize(frames),
        frameIntervalMs: summarize(intervals),
        frameCpuMs: summarize(frameCpu),
        mainThreadBusyPercent: +((100 * taskCpu) / 5000).toFixed(1),
        longTasksMs: summarize(longTasks),
        heapMb: heap,
      },
      null,
      1,
    ),
  );
} finally {
  await browser.close();
}

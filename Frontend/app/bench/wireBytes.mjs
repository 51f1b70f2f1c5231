// The bytes a snapshot takes on the wire: the response body as sent (still compressed, if it was), without headers.
import { request as httpRequest } from 'node:http';

const SNAPSHOT_EVENT = 'event: snapshot\n';

/**
 * Requests `url` with the content-negotiation headers Chromium sent and counts the body's bytes: to the end of the
 * response, or for an SSE stream to the end of its first snapshot event (the stream itself never ends).
 */
export function wireBytes(url, headers) {
  const sent = {};
  for (const name of ['accept', 'accept-encoding']) if (headers[name]) sent[name] = headers[name];
  const { pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest(url, { headers: sent }, (response) => {
      const isStream = (response.headers['content-type'] ?? '').startsWith('text/event-stream');
      let bytes = 0;
      let tail = '';
      let inSnapshot = false;
      let finished = false;
      const done = () => {
        if (finished) return;
        finished = true;
        resolve({
          path: pathname + (search.length > 60 ? `${search.slice(0, 57)}...` : search),
          status: response.statusCode,
          contentEncoding: response.headers['content-encoding'] ?? 'identity',
          bytes,
          ms: Math.round(performance.now() - started),
        });
        req.destroy();
      };
      response.on('data', (chunk) => {
        if (finished) return;
        if (!isStream) {
          bytes += chunk.length;
          return;
        }
        // Frames are searched in the chunk plus the end of the previous one, so a boundary split between them is found.
        const text = tail + chunk.toString('latin1');
        let from = 0;
        if (!inSnapshot) {
          const at = text.indexOf(SNAPSHOT_EVENT);
          inSnapshot = at >= 0;
          from = at + SNAPSHOT_EVENT.length;
        }
        const end = inSnapshot ? text.indexOf('\n\n', from) : -1;
        if (end >= 0) {
          bytes += end + 2 - tail.length;
          done();
          return;
        }
        bytes += chunk.length;
        tail = text.slice(-SNAPSHOT_EVENT.length);
      });
      response.on('end', done);
      response.on('error', reject);
    });
    req.on('error', (error) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end();
  });
}

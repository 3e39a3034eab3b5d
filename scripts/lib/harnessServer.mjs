// Serves the pcf-start test harness for one built control, entirely from this machine.
//
// pcf-start's page loads React and ReactDOM from unpkg.com, so offline it renders nothing. This server hands out
// the same harness files (index.html, harness.js, lib/) and the control's build output, with the page's two CDN
// script tags pointed at React's UMD builds in node_modules. Nothing is fetched from the internet.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const require = createRequire(import.meta.url);
const harnessDir = path.dirname(require.resolve('pcf-start/package.json'));
const reactUmd = path.join(path.dirname(require.resolve('react/package.json')), 'umd', 'react.development.js');
const reactDomUmd = path.join(path.dirname(require.resolve('react-dom/package.json')), 'umd', 'react-dom.development.js');

const LOCAL_SCRIPTS = {
  '/__local/react.js': reactUmd,
  '/__local/react-dom.js': reactDomUmd,
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'text/xml; charset=utf-8',
  '.resx': 'text/xml; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The harness page with its CDN scripts replaced by local copies. */
export async function harnessPage() {
  const html = await readFile(path.join(harnessDir, 'index.html'), 'utf8');
  const patched = html
    .replace(/https:\/\/unpkg\.com\/react@[^"]+\/umd\/react\.development\.js/, '/__local/react.js')
    .replace(/https:\/\/unpkg\.com\/react-dom@[^"]+\/umd\/react-dom\.development\.js/, '/__local/react-dom.js');
  if (/unpkg\.com/.test(patched)) throw new Error('pcf-start index.html changed: it still loads scripts from a CDN');
  return patched;
}

async function firstFile(candidates) {
  for (const file of candidates) {
    try {
      if ((await stat(file)).isFile()) return file;
    } catch {
      // try the next place
    }
  }
  return undefined;
}

/**
 * The control's manifest as the harness should read it. The harness fills text properties without a default
 * with "val" and merges every resx it finds (the last language wins), so the harness profile supplies the
 * values (e.g. the emulator's URL) and only the chosen language's strings are listed.
 */
export function harnessManifest(xml, { values = {}, lcid = 1033 } = {}) {
  let patched = xml.replace(/<resx path="[^"]*\.(\d+)\.resx"[^>]*\/>/g, (tag, code) => (Number(code) === lcid ? tag : ''));
  patched = patched.replace(/<property\b[^>]*>/g, (tag) => {
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (!name || !(name in values)) return tag;
    const value = `default-value="${escapeXml(values[name])}"`;
    return /default-value="[^"]*"/.test(tag) ? tag.replace(/default-value="[^"]*"/, value) : tag.replace(/<property\b/, `<property ${value}`);
  });
  return patched;
}

function escapeXml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Starts the harness for `codePath` (e.g. out/controls/SyncStatusIcon) on `port` (0: any free port). */
export async function startHarness({ codePath, port = 0, host = '127.0.0.1', values = {}, lcid = 1033 }) {
  const page = await harnessPage();
  const root = path.resolve(codePath);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    if (pathname === '/' || pathname === '/index.html') {
      response.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' });
      response.end(page);
      return;
    }
    if (pathname === '/ControlManifest.xml') {
      const xml = await readFile(path.join(root, 'ControlManifest.xml'), 'utf8');
      response.writeHead(200, { 'Content-Type': TYPES['.xml'], 'Cache-Control': 'no-store' });
      response.end(harnessManifest(xml, { values, lcid }));
      return;
    }
    const safe = path.normalize(pathname).replace(/^(\.\.[/\\])+/, '');
    const file = LOCAL_SCRIPTS[pathname] ?? (await firstFile([path.join(harnessDir, safe), path.join(root, safe)]));
    if (!file || !(file.startsWith(harnessDir) || file.startsWith(root) || Object.values(LOCAL_SCRIPTS).includes(file))) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('Not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    response.end(await readFile(file));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}/`,
    port: actualPort,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

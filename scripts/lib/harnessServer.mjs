// Serves the pcf-start test harness for one built control, entirely from this machine.
//
// pcf-start's page loads React and ReactDOM from unpkg.com, so offline it renders nothing. This server hands out
// the same harness files (index.html, harness.js, lib/) and the control's build output, with the page's two CDN
// script tags pointed at React's UMD builds in node_modules. Nothing is fetched from the internet. It also sets the
// harness user's language (`--lang=`, or the page's language switch: `?lang=1031`), which pcf-start cannot.
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

/** The languages the suite ships strings for (LCID → BCP 47), as the harness's language switch offers them. */
export const HARNESS_LANGUAGES = { 1033: 'en-US', 1031: 'de-DE', 1036: 'fr-FR' };
const LANGUAGE_NAMES = { 1033: 'English', 1031: 'Deutsch', 1036: 'Français' };

/**
 * The harness page with its CDN scripts replaced by local copies, and a language switch: pcf-start has none (its
 * user is always 1033), so the switch reloads the page with `?lang=<lcid>`, which the server below honours.
 */
export async function harnessPage(lcid = 1033) {
  const html = await readFile(path.join(harnessDir, 'index.html'), 'utf8');
  const patched = html
    .replace(/https:\/\/unpkg\.com\/react@[^"]+\/umd\/react\.development\.js/, '/__local/react.js')
    .replace(/https:\/\/unpkg\.com\/react-dom@[^"]+\/umd\/react-dom\.development\.js/, '/__local/react-dom.js');
  if (/unpkg\.com/.test(patched)) throw new Error('pcf-start index.html changed: it still loads scripts from a CDN');
  if (!patched.includes('src="harness.js"') || !patched.includes('</body>')) throw new Error('pcf-start index.html changed: no harness.js script or body to patch');
  return patched.replace('src="harness.js"', `src="harness.js?lang=${lcid}"`).replace('</body>', `${languageSwitch(lcid)}</body>`);
}

function languageSwitch(lcid) {
  const options = Object.keys(HARNESS_LANGUAGES)
    .map((code) => `<option value="${code}"${Number(code) === lcid ? ' selected' : ''}>${LANGUAGE_NAMES[code]} (${code})</option>`)
    .join('');
  // Floating over the page, it would cover the control on a phone-sized window: there, `?lang=` does the same.
  return (
    '<style>@media (max-width: 599px) { #oss-language { display: none; } }</style>' +
    '<label id="oss-language" style="position:fixed;right:8px;top:6px;z-index:100000;background:#fff;border:1px solid #8a8886;' +
    'padding:4px 8px;font:12px Segoe UI,sans-serif">User language ' +
    `<select aria-label="User language" onchange="location.search='?lang='+this.value">${options}</select></label>`
  );
}

/**
 * pcf-start's harness.js with its user's language set: the harness hard-codes `languageId: 1033`, which is what
 * the controls read (`context.userSettings.languageId`) to format dates, numbers and sizes.
 */
export function harnessScript(js, lcid = 1033) {
  const english = 'languageId:1033,locale:"en-US",userName:"",securityRoles:[],pagingLimit:null,formatInfoCultureName:"en-US",formatInfoCultureId:1033';
  if (!js.includes(english)) throw new Error('pcf-start harness.js changed: its user settings are no longer where the language switch sets them');
  if (!js.includes(HARNESS_ZERO_USER)) throw new Error('pcf-start harness.js changed: its user id is no longer where the harness sets it');
  const locale = HARNESS_LANGUAGES[lcid] ?? 'en-US';
  return js.replace(english, english.replaceAll('1033', String(lcid)).replaceAll('en-US', locale)).replace(HARNESS_ZERO_USER, `userId:"{${HARNESS_USER_ID}}"`);
}

const HARNESS_ZERO_USER = 'userId:"{00000000-0000-0000-0000-000000000000}"';
/**
 * The emulator's signed-in user (EMULATOR_USER.userId in test/dataverse-emulator/tables.ts; a test keeps them
 * equal), as the harness's `context.userSettings.userId`. In an app the context's user is the one WhoAmI answers;
 * pcf-start's zero id made a start whose WhoAmI failed (offline, a busy server) open another user's, empty,
 * offline database, so the harness showed no queue where an app shows the user's.
 */
export const HARNESS_USER_ID = '8b6a2d4e-1f3c-4e5a-9b7d-0c1e2f3a4b5c';

/**
 * The language a request is for: `?lang=` on the page and on harness.js, else the page's (the Referer of the
 * manifest the harness fetches), else the server's default. Only languages the suite ships count.
 */
function requestLcid(request, url, fallback) {
  const fromQuery = (search) => {
    const lang = Number(new URLSearchParams(search).get('lang'));
    return lang in HARNESS_LANGUAGES ? lang : undefined;
  };
  let fromReferer;
  try {
    fromReferer = request.headers.referer ? fromQuery(new URL(request.headers.referer).search) : undefined;
  } catch {
    fromReferer = undefined;
  }
  return fromQuery(url.search) ?? fromReferer ?? fallback;
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
  await harnessPage(lcid);
  const root = path.resolve(codePath);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    const language = requestLcid(request, url, lcid);
    if (pathname === '/' || pathname === '/index.html') {
      response.writeHead(200, { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store' });
      response.end(await harnessPage(language));
      return;
    }
    if (pathname === '/harness.js') {
      const js = await readFile(path.join(harnessDir, 'harness.js'), 'utf8');
      response.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-store' });
      response.end(harnessScript(js, language));
      return;
    }
    if (pathname === '/ControlManifest.xml') {
      const xml = await readFile(path.join(root, 'ControlManifest.xml'), 'utf8');
      response.writeHead(200, { 'Content-Type': TYPES['.xml'], 'Cache-Control': 'no-store' });
      response.end(harnessManifest(xml, { values, lcid: language }));
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

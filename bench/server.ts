import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

const HTML = '<!doctype html><meta charset="utf-8"><title>bench</title><script src="/page.js"></script>';

/**
 * Serves the benchmark page and its bundle on loopback. The page has its own origin, as a control's page does
 * not share the emulator's; the emulator answers CORS (its preflights are cached for 600 s).
 */
export async function servePage(bundlePath: string): Promise<PageServer> {
  const server: Server = createServer((request, response) => {
    if (request.url === '/page.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' });
      response.end(readFileSync(bundlePath));
    } else if (request.url === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(HTML);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => { resolve(); })),
  };
}

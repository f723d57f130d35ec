// A static file server for the release bundle (dist/), on loopback only.
// It serves the same files at `/` and at a sub-path, as a course site would.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts serving `root` at `/` and under `subPath`; resolves to { origin,
 * close, requests }. `mounts` serves other folders at their own prefixes
 * (`{'/reveal/': 'node_modules/reveal.js/dist'}`: a real deck beside the app,
 * on the same origin, as a course site would host both).
 */
export async function serve(root, subPath = '/course/async/', mounts = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let base = root;
    const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
    if (mount) {
      base = mounts[mount];
      path = '/' + path.slice(mount.length);
    } else if (path.startsWith(subPath)) path = '/' + path.slice(subPath.length);
    let file = normalize(join(base, path));
    if (!file.startsWith(normalize(base) + sep) && file !== normalize(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The web build as the local server serves it, before and after `npm run build:web`. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { webFiles } from '../../local/web-files.ts';

const page = { accept: 'text/html,*/*;q=0.8' };

describe('the web build', () => {
  it('says how to build it while there is none, to browsers only', () => {
    const serve = webFiles(join(tmpdir(), 'no-such-build'), () => []);
    const reply = serve('/app/inspections', page)!;
    expect(reply.status).toBe(503);
    expect(reply.body.toString()).toContain('npm run build:web');
    expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(serve('/app/inspections', { accept: 'application/json' })).toBeUndefined();
  });

  it('serves files with their types, gzip to clients without brotli, nothing outside the build', () => {
    const root = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    const css = `body{color:#123}\n`.repeat(200);
    writeFileSync(join(root, 'assets', 'index-9c1d.css'), css);
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const serve = webFiles(root, () => ['http://127.0.0.1:4569']);

    const style = serve('/assets/index-9c1d.css', { accept: 'text/css', 'accept-encoding': 'gzip, deflate' })!;
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(style.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(style.body).toString()).toBe(css);
    expect(serve('/favicon.svg', {})!.headers['content-type']).toBe('image/svg+xml');

    const index = serve('/draws/drw_1', page)!;
    expect(index.body.toString()).toBe('<!doctype html><title>app</title>');
    // Presigned uploads and downloads go to the file store's origin.
    expect(index.headers['content-security-policy']).toContain("connect-src 'self' http://127.0.0.1:4569");
    expect(serve('/%2e%2e/%2e%2e/etc/passwd', {})).toBeUndefined();
    expect(serve('/%ff', page)).toBeUndefined();
  });
});

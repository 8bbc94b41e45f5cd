/**
 * The web app's build (`web/dist`) served the way CloudFront serves it from S3 when deployed: files with their
 * content types, hashed `/assets/*` cached for good, `index.html` revalidated, and any other page a browser asks
 * for answered with `index.html` (the app routes in the browser). Text is compressed once per file version.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { contentType } from 'mime-types';

export interface WebReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The pages' security headers. The app talks to its own origin and, for presigned uploads and downloads, to the
 * file store's (`fileOrigins`); `/auth/silent` may be framed by the app itself (iframe renewal), nothing else at all.
 */
export function pageHeaders(pathname: string, fileOrigins: readonly string[]): Record<string, string> {
  const files = fileOrigins.join(' ');
  const framing = pathname === '/auth/silent' ? "'self'" : "'none'";
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: blob: ${files}`.trim(),
      `connect-src 'self' ${files}`.trim(),
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      `frame-ancestors ${framing}`,
    ].join('; '),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
}

const notBuilt = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>检查码 Supervision Code</title></head>
<body><main><h1>网页应用尚未构建 · The web app is not built yet</h1>
<p>运行 <code>npm run build:web</code>，然后刷新本页。<span lang="en">Run <code>npm run build:web</code>, then reload this page.</span></p>
<p>接口仍可用：<a href="/openapi.json">/openapi.json</a> · <span lang="en">The API works meanwhile.</span></p></main></body></html>`;

const compressible = (type: string) => /^(text\/|application\/(javascript|json|manifest\+json|xml)|image\/svg\+xml)/.test(type);

export function webFiles(root: string, fileOrigins: () => readonly string[]) {
  const compressed = new Map<string, Buffer>();

  function encode(file: string, version: string, body: Buffer, acceptEncoding: string): { body: Buffer; encoding?: string } {
    const encoding = /\bbr\b/.test(acceptEncoding) ? 'br' : /\bgzip\b/.test(acceptEncoding) ? 'gzip' : undefined;
    if (!encoding || body.length < 1024) return { body };
    const key = `${encoding} ${file} ${version}`;
    if (!compressed.has(key)) {
      compressed.set(key, encoding === 'br' ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }) : gzipSync(body));
    }
    return { body: compressed.get(key)!, encoding };
  }

  function file(path: string, pathname: string, acceptEncoding: string): WebReply {
    const stat = statSync(path);
    const type = contentType(extname(path)) || 'application/octet-stream';
    const { body, encoding } = compressible(type) ? encode(path, `${stat.mtimeMs}:${stat.size}`, readFileSync(path), acceptEncoding) : { body: readFileSync(path) };
    const isPage = type.startsWith('text/html');
    return {
      status: 200,
      headers: {
        'content-type': type,
        'cache-control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        'last-modified': stat.mtime.toUTCString(),
        vary: 'accept-encoding',
        ...(encoding ? { 'content-encoding': encoding } : {}),
        ...(isPage ? pageHeaders(pathname, fileOrigins()) : { 'x-content-type-options': 'nosniff' }),
      },
      body,
    };
  }

  /**
   * The file at `pathname`, or `index.html` for a page a browser asks for (`Accept: text/html`), or undefined
   * (the caller answers 404). Never anything outside `root`.
   */
  return function serve(pathname: string, headers: { accept?: string; 'accept-encoding'?: string }): WebReply | undefined {
    const wantsPage = /\btext\/html\b/.test(headers.accept ?? '');
    const index = resolve(root, 'index.html');
    if (!existsSync(index)) {
      return wantsPage ? { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...pageHeaders(pathname, []) }, body: Buffer.from(notBuilt) } : undefined;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    const path = resolve(root, `.${decoded}`);
    const inside = path.startsWith(resolve(root) + sep);
    if (inside && existsSync(path) && statSync(path).isFile()) return file(path, decoded, headers['accept-encoding'] ?? '');
    // A missing hashed asset is a 404, not a page: the browser asked for a script or a style.
    if (wantsPage && !decoded.startsWith('/assets/')) return file(index, pathname, headers['accept-encoding'] ?? '');
    return undefined;
  };
}

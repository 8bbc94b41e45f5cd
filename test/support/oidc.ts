/**
 * Signing in to the local OpenID provider the way a browser running `oidc-client-ts` does, with plain fetch:
 * authorization code + PKCE (S256), following the redirects by hand with a cookie jar.
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';

export const clientId = 'supervision-code-web';

/** Cookies by name and path, sent where a browser would send them. */
export class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attributes.some((a) => a.toLowerCase().startsWith('expires=') && Date.parse(a.slice(8)) < Date.now());
      const key = `${name} ${path}`;
      if (expired || value === '') this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([key, c]) => `${key.split(' ')[0]}=${c.value}`)
      .join('; ');
  }
}

export interface Browser {
  jar: CookieJar;
  /** Requests `url`, following redirects while they stay on `baseUrl` and are not the app's own redirect URIs. */
  go(url: string, init?: RequestInit & { headers?: Record<string, string> }): Promise<{ response: Response; url: URL }>;
}

export function browser(baseUrl: string, headers: Record<string, string> = {}): Browser {
  const jar = new CookieJar();
  async function go(target: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
    let url = new URL(target, baseUrl);
    let request: RequestInit & { headers?: Record<string, string> } = init;
    for (let hops = 0; hops < 10; hops++) {
      const response = await fetch(url, { ...request, redirect: 'manual', headers: { accept: 'text/html', ...headers, ...request.headers, cookie: jar.header(url) } });
      jar.take(response);
      const location = response.headers.get('location');
      if (!location || response.status < 300 || response.status > 399) return { response, url };
      url = new URL(location, url);
      if (url.pathname.startsWith('/auth/')) return { response, url };
      request = {};
    }
    throw new Error(`Too many redirects, last at ${url.href}`);
  }
  return { jar, go };
}

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const authorizeUrl = (baseUrl: string, params: Record<string, string>) =>
  `${baseUrl}/oidc/auth?${new URLSearchParams({
    client_id: clientId,
    redirect_uri: `${baseUrl}/auth/callback`,
    response_type: 'code',
    scope: 'openid profile',
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    ...params,
  })}`;

export interface Tokens {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
}

export async function tokenRequest(baseUrl: string, body: Record<string, string>): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: clientId, ...body }),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * The whole sign-in: the authorization request (with `login_hint` naming the account, or `account` chosen on the
 * sign-in page), the code at the callback, and the code exchanged with its verifier.
 */
export async function signIn(baseUrl: string, who: { loginHint?: string; account?: string }, session = browser(baseUrl)): Promise<Tokens> {
  const { verifier, challenge } = pkce();
  const start = authorizeUrl(baseUrl, { code_challenge: challenge, code_challenge_method: 'S256', ...(who.loginHint ? { login_hint: who.loginHint } : {}) });
  let { url } = await session.go(start);
  if (who.account) {
    expect(url.pathname).toMatch(/^\/oidc\/interaction\//);
    ({ url } = await session.go(`${url.pathname}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ account: who.account }).toString(),
    }));
  }
  expect(url.pathname).toBe('/auth/callback');
  const code = url.searchParams.get('code');
  expect(code, `no code at ${url.href}`).toBeTruthy();
  const exchanged = await tokenRequest(baseUrl, { grant_type: 'authorization_code', code: code!, redirect_uri: `${baseUrl}/auth/callback`, code_verifier: verifier });
  expect(exchanged.status).toBe(200);
  return exchanged.body as Tokens;
}

export const claimsOf = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

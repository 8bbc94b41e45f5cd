/**
 * The local OpenID provider and the one origin it shares with the API and the web app: a company signs in with
 * code + PKCE and its ID token opens the API under /api, limited to its own inspections.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../local/demo-data.ts';
import { supervisor, useLocalStack } from '../support/api.ts';
import { entityBody, inspectionBody, inspectorBody } from '../support/fixtures.ts';
import { authorizeUrl, browser, claimsOf, clientId, pkce, signIn, tokenRequest } from '../support/oidc.ts';

const webRoot = mkdtempSync(join(tmpdir(), 'supervision-web-'));
mkdirSync(join(webRoot, 'assets'));
const indexHtml = '<!doctype html><html lang="zh-CN"><head><title>app</title><script type="module" src="/assets/app-3f2a1b.js"></script></head><body><div id="root"></div></body></html>';
writeFileSync(join(webRoot, 'index.html'), indexHtml);
const appScript = `export const app = ${JSON.stringify('x'.repeat(4000))};\n`;
writeFileSync(join(webRoot, 'assets', 'app-3f2a1b.js'), appScript);

const local = useLocalStack({ webRoot });
const inspections: Record<string, string> = {};

beforeAll(async () => {
  const { api } = local;
  for (const id of ['insp-wang', 'insp-li']) await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(id) });
  for (const entityId of ['demo-canteen', 'demo-bakery']) {
    await api.request('PUT', `/entities/${entityId}`, { as: supervisor, body: entityBody(entityId) });
    const created = await api.request('POST', '/inspections', { as: supervisor, body: inspectionBody(entityId, ['insp-wang', 'insp-li']) });
    expect(created.status).toBe(201);
    inspections[entityId] = created.body.id;
  }
});

describe('the local OpenID provider', () => {
  it('publishes its discovery document: code flow with S256 PKCE, keys where the verifier looks', async () => {
    const { baseUrl } = local.stack;
    const response = await fetch(`${baseUrl}/oidc/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = await response.json();
    expect(discovery).toMatchObject({
      issuer: `${baseUrl}/oidc`,
      authorization_endpoint: `${baseUrl}/oidc/auth`,
      token_endpoint: `${baseUrl}/oidc/token`,
      jwks_uri: `${baseUrl}/oidc/.well-known/jwks.json`,
      end_session_endpoint: `${baseUrl}/oidc/session/end`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.response_types_supported).toContain('code');
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(['role', 'entityId', 'inspectorId', 'department', 'name']));
    const jwks = await (await fetch(discovery.jwks_uri)).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('signs a company in with code + PKCE; its ID token opens its own inspections under /api and nothing else', async () => {
    const { baseUrl } = local.stack;
    const tokens = await signIn(baseUrl, { loginHint: 'demo-canteen-owner' });
    const claims = claimsOf(tokens.id_token);
    expect(claims).toMatchObject({ iss: `${baseUrl}/oidc`, aud: clientId, sub: 'demo-canteen-owner', role: 'company', entityId: 'demo-canteen' });
    expect(claims.name).toContain('Pujiang');
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);

    const bearer = { authorization: `Bearer ${tokens.id_token}` };
    const own = await fetch(`${baseUrl}/api/inspections`, { headers: bearer });
    expect(own.status).toBe(200);
    const { items } = await own.json();
    expect(items.map((i: { id: string }) => i.id)).toEqual([inspections['demo-canteen']]);
    expect((await fetch(`${baseUrl}/api/inspections/${inspections['demo-canteen']}`, { headers: bearer })).status).toBe(200);
    expect((await fetch(`${baseUrl}/api/inspections/${inspections['demo-bakery']}`, { headers: bearer })).status).toBe(404);
    // The root paths take the same token (scripts and tests use them).
    expect((await fetch(`${baseUrl}/inspections`, { headers: bearer })).status).toBe(200);
    // The access token is for the provider's own endpoints (opaque); the API reads the ID token only.
    expect([401, 403]).toContain((await fetch(`${baseUrl}/api/inspections`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status);

    // Silent renewal: the refresh token brings a new ID token with the same claims (and a rotated refresh token).
    expect(tokens.refresh_token).toBeTruthy();
    const renewed = await tokenRequest(baseUrl, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(renewed.status).toBe(200);
    expect(claimsOf(renewed.body.id_token)).toMatchObject({ role: 'company', entityId: 'demo-canteen' });
    expect(renewed.body.refresh_token).not.toBe(tokens.refresh_token);
  });

  it('refuses the code flow without PKCE and a code exchanged without its verifier', async () => {
    const { baseUrl } = local.stack;
    const { url } = await browser(baseUrl).go(authorizeUrl(baseUrl, { login_hint: 'insp-wang' }));
    expect(url.pathname).toBe('/auth/callback');
    expect(url.searchParams.get('error')).toBe('invalid_request');
    expect(url.searchParams.get('code')).toBeNull();

    const { challenge } = pkce();
    const { url: callback } = await browser(baseUrl).go(authorizeUrl(baseUrl, { login_hint: 'insp-wang', code_challenge: challenge, code_challenge_method: 'S256' }));
    const stolen = await tokenRequest(baseUrl, { grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: `${baseUrl}/auth/callback`, code_verifier: pkce().verifier });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error).toBe('invalid_grant');
  });

  it('lists every demo account on its sign-in page, in Chinese or English, the scanned company first', async () => {
    const { baseUrl } = local.stack;
    const { challenge } = pkce();
    const start = (params: Record<string, string>, headers: Record<string, string> = {}) =>
      browser(baseUrl, headers).go(authorizeUrl(baseUrl, { code_challenge: challenge, code_challenge_method: 'S256', ...params }));

    const { response, url } = await start({}, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(url.pathname).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const chinese = await response.text();
    expect(chinese).toContain('<html lang="zh-CN"');
    expect(chinese).toMatch(/<h1>登录检查码/);
    for (const account of demoAccounts) expect(chinese).toContain(`value="${account.id}"`);
    // The draw's street is folded away: twelve more companies would bury the others on a phone.
    expect(/<details>[^]*<\/details>/.exec(chinese)?.[0]).toContain('value="demo-street-12-owner"');
    const roles = new Set(demoAccounts.map((a) => `${a.principal.role}:${a.principal.department ?? '-'}`));
    expect([...roles]).toEqual(expect.arrayContaining(['supervisor:food-safety', 'supervisor:special-equipment', 'supervisor:-', 'company:-']));

    const english = await (await start({ ui_locales: 'en' })).response.text();
    expect(english).toContain('<html lang="en"');
    expect(english).toContain('Companies');
    // The page's own language link switches it.
    const session = browser(baseUrl, { 'accept-language': 'zh-CN' });
    const { url: interaction } = await session.go(authorizeUrl(baseUrl, { code_challenge: challenge, code_challenge_method: 'S256' }));
    const switched = await (await session.go(`${interaction.pathname}?lang=en`)).response.text();
    expect(switched).toContain('<h1>Sign in to Supervision Code');
    expect(switched).toContain(`action="${interaction.pathname}/login?lang=en"`);

    for (const [entityId, account] of [['demo-bakery', 'demo-bakery-owner'], ['demo-street-3', 'demo-street-3-owner']]) {
      const scanned = await (await start({ login_hint: entityId! }, { 'accept-language': 'en' })).response.text();
      expect(/<section class="suggested"[^]*?<\/section>/.exec(scanned)?.[0]).toContain(`value="${account}"`);
    }
  });

  it('signs in the account picked on the page', async () => {
    const tokens = await signIn(local.stack.baseUrl, { account: 'demo-food-chief' });
    expect(claimsOf(tokens.id_token)).toMatchObject({ sub: 'demo-food-chief', role: 'supervisor', department: 'food-safety' });
    const cityWide = claimsOf((await signIn(local.stack.baseUrl, { loginHint: 'demo-supervisor' })).id_token);
    expect(cityWide).toMatchObject({ role: 'supervisor' });
    expect(cityWide).not.toHaveProperty('department');
  });

  it('returns a cancelled sign-in to the app as access_denied, and refuses an account it does not know', async () => {
    const { baseUrl } = local.stack;
    const session = browser(baseUrl);
    const { url: page } = await session.go(authorizeUrl(baseUrl, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    const post = (step: string, body: Record<string, string>) =>
      session.go(`${page.pathname}/${step}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
    const unknown = await post('login', { account: 'someone-else' });
    expect(unknown.response.status).toBe(400);
    expect(await unknown.response.text()).toContain('value="demo-canteen-owner"');
    const { url } = await post('abort', {});
    expect(url.pathname).toBe('/auth/callback');
    expect(url.searchParams.get('error')).toBe('access_denied');
  });

  it("signs the app's own sign-out out at once (the page confirms itself), and returns to the app", async () => {
    const { baseUrl } = local.stack;
    const session = browser(baseUrl, { 'accept-language': 'en' });
    const tokens = await signIn(baseUrl, { loginHint: 'insp-li' }, session);
    // Without naming the app (another site's sign-out), the provider asks.
    const asked = await (await session.go(`${baseUrl}/oidc/session/end`)).response.text();
    expect(asked).toContain('<h1>Sign out?</h1>');
    const end = `${baseUrl}/oidc/session/end?${new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: `${baseUrl}/`, client_id: clientId })}`;
    const { response } = await session.go(end);
    expect(response.status).toBe(200);
    const confirm = await response.text();
    // The app asked for it: no second question, the form carries the answer and sends itself.
    expect(confirm).toContain('<h1>Signing out…</h1>');
    expect(confirm).toContain('<input type="hidden" name="logout" value="yes">');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[^']+'$/);
    const form = /<form[^>]*action="([^"]+)"[^>]*>[^]*?name="xsrf" value="([^"]+)"/.exec(confirm);
    expect(form).not.toBeNull();
    const { url } = await session.go(form![1]!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: form![2]!, logout: 'yes' }).toString(),
    });
    expect(url.href).toBe(`${baseUrl}/`);
    // The session is gone: the next sign-in shows the account list again instead of signing in silently.
    const { challenge } = pkce();
    const again = await session.go(authorizeUrl(baseUrl, { code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none' }));
    expect(again.url.searchParams.get('error')).toBe('login_required');
  });
});

describe('one origin for the app, the API and the sign-in', () => {
  it('serves the runtime configuration of the web contract', async () => {
    const { baseUrl } = local.stack;
    const response = await fetch(`${baseUrl}/config.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ apiBase: '/api', authority: `${baseUrl}/oidc`, clientId, timeZone: 'Asia/Shanghai', scope: 'openid profile' });
  });

  it('answers pages with the app and API paths with the API, never the other way round', async () => {
    const { baseUrl } = local.stack;
    const page = (path: string, headers: Record<string, string> = {}) => fetch(baseUrl + path, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...headers } });

    const deep = await page('/app/inspections/x');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(indexHtml);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    expect(deep.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(deep.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await page('/auth/silent')).headers.get('content-security-policy')).toContain("frame-ancestors 'self'");

    const missing = await page('/api/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
    expect((await page('/api/inspections')).status).toBe(401);
    expect((await page('/inspections')).status).toBe(401);
    expect((await page('/c/not-a-real-code')).headers.get('content-type')).toContain('text/html');
    expect(await (await page('/c/not-a-real-code')).text()).not.toBe(indexHtml);
    expect((await fetch(`${baseUrl}/nope`)).status).toBe(404);

    // The public draw pages are the app's for a browser, JSON for API clients at the same URL and under /api.
    expect(await (await page('/draws')).text()).toBe(indexHtml);
    expect((await fetch(`${baseUrl}/draws`)).headers.get('content-type')).toContain('application/json');
    expect((await page('/api/draws')).headers.get('content-type')).toContain('application/json');
  });

  it('serves hashed assets for good, compressed', async () => {
    const { baseUrl } = local.stack;
    const asset = await fetch(`${baseUrl}/assets/app-3f2a1b.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(await asset.text()).toBe(appScript);
    expect((await fetch(`${baseUrl}/assets/app-gone.js`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await fetch(`${baseUrl}/..%2f..%2fetc%2fpasswd`, { headers: { accept: '*/*' } })).status).toBe(404);
  });
});

/**
 * `npm start` as a user runs it: prints one ready line with a sample scan URL, serves it, keeps its data across
 * a restart without seeding twice, and leaves no DynamoDB Local process behind when stopped by SIGTERM or by
 * Ctrl-C (SIGINT to its whole process group).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/loopback.ts';
import { exitOf, javaProcessesFor, startLocally } from '../support/npm-start.ts';
import { claimsOf, signIn, tokenRequest } from '../support/oidc.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'supervision-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = (port: number, detached = false) => startLocally({ port, dataDir, detached });

const stop = (child: ChildProcess) => {
  child.kill('SIGTERM');
  return exitOf(child);
};

/** Ctrl-C in the terminal: SIGINT to every process of the group, as README's `kill -INT -<pgid>` does. */
const interrupt = (child: ChildProcess) => {
  process.kill(-child.pid!, 'SIGINT');
  return exitOf(child);
};

describe('npm start', () => {
  it('serves the demo scan page, keeps data across restarts and stops cleanly', async () => {
    const port = await freePort();
    const first = await start(port);
    expect(first.readyLine).toMatch(new RegExp(`^ready http://127\\.0\\.0\\.1:${port} — sample scan: http://127\\.0\\.0\\.1:${port}/c/[\\w-]{22}$`));
    const sample = first.readyLine.split('sample scan: ')[1]!;
    const page = await fetch(sample, { headers: { 'accept-language': 'zh-CN' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('已登记的合法检查');
    expect(first.output()).toMatch(/revoked\s+http/);
    // The demo draw's visits are over: anyone verifies it from its published files.
    const demoDraw = /Demo draw: (\S+)/.exec(first.output())![1]!;
    expect(((await (await fetch(`${demoDraw}/verify`)).json()) as { verified: boolean }).verified).toBe(true);

    const { token } = (await (
      await fetch(`http://127.0.0.1:${port}/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'supervisor', subject: 'me' }) })
    ).json()) as { token: string };
    const put = await fetch(`http://127.0.0.1:${port}/entities/kept-across-restarts`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'Kept Co.', segment: 'catering', district: 'Huangpu' }),
    });
    expect(put.status).toBe(201);
    const signedIn = await signIn(`http://127.0.0.1:${port}`, { loginHint: 'demo-canteen-owner' });

    expect(await stop(first.child)).toBe(0);
    expect(javaProcessesFor(dataDir)).toBe('');

    const second = await start(port, true);
    expect(second.readyLine.split('sample scan: ')[1]).toBe(sample);
    // The token survives too: the issuer key is kept in the data folder.
    const kept = await fetch(`http://127.0.0.1:${port}/entities/kept-across-restarts`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await kept.json()) as { name: string }).name).toBe('Kept Co.');
    // So does a browser's sign-in: its ID token still opens the seeded company's inspections, its refresh token renews.
    const own = await fetch(`http://127.0.0.1:${port}/api/inspections`, { headers: { authorization: `Bearer ${signedIn.id_token}` } });
    expect(((await own.json()) as { items: { entityId: string }[] }).items.map((i) => i.entityId)).toEqual(['demo-canteen', 'demo-canteen']);
    const renewed = await tokenRequest(`http://127.0.0.1:${port}`, { grant_type: 'refresh_token', refresh_token: signedIn.refresh_token! });
    expect(renewed.status).toBe(200);
    expect(claimsOf(renewed.body.id_token)).toMatchObject({ sub: 'demo-canteen-owner', entityId: 'demo-canteen' });
    expect(await interrupt(second.child)).toBe(0);
    expect(second.output()).toContain('SIGINT: stopping');
    expect(javaProcessesFor(dataDir)).toBe('');
  }, 240_000);
});

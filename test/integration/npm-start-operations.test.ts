/**
 * What an operator watching `npm start` sees: one masked JSON line per request, scan codes masked in the event
 * lines, and, when DynamoDB Local dies under it, a message saying so and a stop instead of endless 500s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanRateLimit } from '../../shared/api/limits.ts';
import { routeKey, routes } from '../../shared/api/routes.ts';
import { endpointsFile } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/loopback.ts';
import { exitOf, javaProcessesFor, startLocally, type StartedLocally } from '../support/npm-start.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'supervision-ops-'));
let local: StartedLocally;
beforeAll(async () => {
  // Heard as a developer hears it: not quieted as the test setup quiets the in-process stacks.
  local = await startLocally({ port: await freePort(), dataDir, env: { SUPERVISION_QUIET: 'false', LOG_LEVEL: 'INFO' } });
}, 120_000);
afterAll(() => {
  if (local?.child.exitCode === null) local.child.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

interface RequestLine {
  level: string;
  message: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  apiRequestId: string;
}

const linesAfterReady = () => local.output().split(`${local.readyLine}\n`)[1] ?? '';
const requestLines = () =>
  linesAfterReady()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as RequestLine)
    .filter((line) => line.message === 'request');

describe('npm start, operated', () => {
  it('logs each request as one JSON line with its route template and status, codes, tokens and phones masked', async () => {
    const sample = local.readyLine.split('sample scan: ')[1]!;
    const { origin, pathname } = new URL(sample);
    const code = pathname.split('/c/')[1]!;
    const { token } = (await (
      await fetch(`${origin}/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'supervisor', subject: 'ops' }) })
    ).json()) as { token: string };
    const phone = '13812345678';
    expect((await fetch(`${origin}/entities?name=${phone}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // Scan past the per-address limit: the refusals are logged too.
    const statuses: number[] = [];
    for (let i = 0; i <= scanRateLimit.requests; i++) statuses.push((await fetch(`${sample}?lang=en&phone=${phone}`, { headers: { accept: 'application/json' } })).status);
    expect(statuses.at(-1)).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const lines = requestLines();
    expect(lines.find((line) => line.route === routeKey(routes.listEntities))).toMatchObject({ level: 'INFO', method: 'GET', status: 200 });
    const scans = lines.filter((line) => line.route === routeKey(routes.resolveCode));
    expect(scans.map((line) => line.status)).toEqual(statuses);
    expect(scans[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(new Set(scans.map((line) => line.apiRequestId)).size).toBe(scans.length);
    const logged = linesAfterReady();
    for (const secret of [code, token, token.split('.')[1]!, phone]) expect(logged).not.toContain(secret);
  }, 60_000);

  it('masks the scan URL of a fired trigger in its event line', () => {
    const fired = local.output().split('\n').find((line) => line.startsWith('event trigger.fired'));
    expect(fired).toMatch(/scan http:\/\/127\.0\.0\.1:\d+\/c\/\[code\]$/);
  });

  it('stops with a message naming DynamoDB Local, and a failing exit code, when Java dies under it', async () => {
    // Java itself, as the system's out-of-memory killer would, not the shell that watches it.
    const java = javaProcessesFor(dataDir)
      .split('\n')
      .filter((pid) => spawnSync('ps', ['-o', 'comm=', '-p', pid], { encoding: 'utf8' }).stdout.trim() === 'java');
    expect(java).toHaveLength(1);
    process.kill(Number(java[0]), 'SIGKILL');
    expect(await exitOf(local.child)).toBe(1);
    expect(local.output()).toContain('DynamoDB Local (Java, http://127.0.0.1:');
    expect(local.output()).toContain('stopped unexpectedly: killed (exit code 137');
    expect(local.output()).toContain('the local stack stops now. Start it again with npm start');
    expect(existsSync(endpointsFile(dataDir))).toBe(false);
  }, 60_000);
});

/**
 * Bad input on every route of the route table gets a 4xx with a clear message, never a 500, and never writes
 * anything. Walks the table itself, so a new route is covered the day it is added.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routes, type RouteSpec } from '../../shared/api/routes.ts';
import { companyCaller, inspectorCaller, supervisor, useLocalStack } from '../support/api.ts';

const local = useLocalStack();

const callerFor = (route: RouteSpec) => {
  if (route.access === 'public') return undefined;
  const role = route.access[0]!;
  if (role === 'device') return { role, deviceId: 'device-x' };
  return role === 'company' ? companyCaller('ent-x') : role === 'inspector' ? inspectorCaller('insp-x') : role === 'supervisor' ? supervisor : { role };
};
const concretePath = (path: string, value = 'x1') => path.replace(/\{\w+\+?\}/g, value);
const withBody = Object.entries(routes as Record<string, RouteSpec>).filter(([, route]) => route.body);

describe('bad input', () => {
  it.each(withBody)('%s: refuses a body that is not JSON with 400', async (_id, route) => {
    const reply = await local.api.request(route.method, concretePath(route.path), {
      as: callerFor(route),
      rawBody: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/JSON/);
  });

  it.each(withBody)('%s: refuses a body sent as form data with 415 (or 400 locally for /dev/tokens)', async (id, route) => {
    const reply = await local.api.request(route.method, concretePath(route.path), {
      as: callerFor(route),
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reply.status).toBe(id === 'devToken' ? 400 : 415);
  });

  it.each(withBody.filter(([, route]) => !route.body!.safeParse({}).success))('%s: names every wrong field of an empty object', async (_id, route) => {
    const reply = await local.api.request(route.method, concretePath(route.path), { as: callerFor(route), body: {} });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.length).toBeGreaterThan(0);
    for (const detail of reply.body.error.details) expect(detail).toEqual({ path: expect.any(String), message: expect.any(String) });
  });

  it.each(withBody)('%s: refuses unknown fields, so a typo does not pass silently', async (_id, route) => {
    const reply = await local.api.request(route.method, concretePath(route.path), { as: callerFor(route), body: { unexpectedField: 1 } });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body.error.details)).toContain('unexpectedField');
  });

  it.each(Object.entries(routes as Record<string, RouteSpec>).filter(([, r]) => r.params))('%s: refuses a malformed path parameter', async (_id, route) => {
    // JSON clients get JSON errors; a browser scanning a code always gets a page (scan-edges.test.ts).
    const reply = await local.api.request(route.method, concretePath(route.path, '%20bad%2Fid%20'), { as: callerFor(route), body: {}, headers: { accept: 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_path');
  });

  it('never answers 5xx to arbitrary JSON on any route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.values(routes as Record<string, RouteSpec>)), fc.jsonValue({ maxDepth: 3 }), async (route, body) => {
        const reply = await local.api.request(route.method, concretePath(route.path), { as: callerFor(route), ...(route.method === 'GET' ? {} : { body }) });
        expect(reply.status, `${route.method} ${route.path} with ${JSON.stringify(body)}`).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a window that ends before it starts, and fewer than two inspectors, naming both', async () => {
    const reply = await local.api.request('POST', '/inspections', {
      as: supervisor,
      body: {
        entityId: 'e',
        departments: ['food-safety'],
        items: ['x'],
        window: { start: '2030-01-10', end: '2030-01-01' },
        inspectorIds: ['only-one'],
        contact: { name: 'a', phone: '+86 21 6000 1234' },
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['inspectorIds', 'window.end']);
  });

  it('refuses an inspection for an unregistered company or unknown inspectors with 422, writing nothing', async () => {
    const { api, stack } = local;
    const reply = await api.request('POST', '/inspections', {
      as: supervisor,
      headers: { 'idempotency-key': 'never-created' },
      body: {
        entityId: 'nobody',
        departments: ['food-safety'],
        items: ['x'],
        window: { start: '2030-01-01', end: '2030-01-02' },
        inspectorIds: ['ghost-1', 'ghost-2'],
        contact: { name: 'a', phone: '+86 21 6000 1234' },
      },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.message).toContain('PUT /entities/{id}');
    const { idFromIdempotencyKey } = await import('../../shared/ids.ts');
    expect(await stack.services.store.getInspection(idFromIdempotencyKey('ins', 'sup-1', 'never-created'))).toBeUndefined();
  });

  it('refuses an entity whose credit code fails its check digit', async () => {
    const reply = await local.api.request('PUT', '/entities/e-bad', {
      as: supervisor,
      body: { name: 'X', creditCode: '91310101MA1FPX0A10', segment: 'catering', district: 'Huangpu' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details[0].path).toBe('creditCode');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentedPath, routes, type RouteSpec } from '../../shared/api/routes.ts';

describe('the README', () => {
  it('lists every route of the route table, and no route that does not exist', () => {
    const readme = readFileSync('README.md', 'utf8');
    const listed = [...readme.matchAll(/^\| `(GET|POST|PUT|DELETE) ([^`]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
    expect(listed).toEqual(Object.values(routes as Record<string, RouteSpec>).map((r) => `${r.method} ${documentedPath(r)}`).sort());
  });
});

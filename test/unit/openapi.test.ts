import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../shared/api/openapi.ts';
import { documentedPath, routes, type RouteSpec } from '../../shared/api/routes.ts';

describe('the OpenAPI document', () => {
  it('documents every deployed route with its schemas and roles, and leaves local-only ones out', () => {
    const doc = openApiDocument({ includeLocalOnly: false });
    for (const route of Object.values(routes as Record<string, RouteSpec>)) {
      const operation = (doc.paths[documentedPath(route)] as Record<string, any> | undefined)?.[route.method.toLowerCase()];
      if (route.localOnly) expect(operation).toBeUndefined();
      else {
        expect(operation, `${route.method} ${route.path}`).toBeDefined();
        if (route.body) expect(operation.requestBody.content['application/json'].schema.type).toBe('object');
        if (route.access !== 'public') expect(operation['x-roles']).toEqual(route.access);
      }
    }
  });

  it('lists /dev/tokens in the local stack’s document', () => {
    expect(openApiDocument({ includeLocalOnly: true }).paths['/dev/tokens']).toBeDefined();
  });

  it('describes the window rule and the inspector minimum from the zod schemas', () => {
    const schema = (openApiDocument({ includeLocalOnly: false }).paths['/inspections'] as any).post.requestBody.content['application/json'].schema;
    expect(schema.properties.inspectorIds.minItems).toBe(2);
    expect(schema.required).toEqual(expect.arrayContaining(['entityId', 'departments', 'items', 'window', 'inspectorIds', 'contact']));
  });
});

/** The OpenAPI 3.1 document, generated from the route table and its zod schemas: it cannot drift from what runs. */
import * as z from 'zod/mini';
import { documentedPath, routes, type RouteSpec } from './routes.ts';

const jsonSchema = (schema: z.ZodMiniType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
};

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function operation(id: string, route: RouteSpec) {
  const pathParams = route.params ? ((jsonSchema(route.params).properties ?? {}) as Record<string, unknown>) : {};
  const query = route.query ? jsonSchema(route.query) : undefined;
  const queryRequired = new Set((query?.required as string[] | undefined) ?? []);
  const responses: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(route.responses)) {
    responses[status] = Number(status) < 300 ? { description } : { description, content: errorContent };
  }
  responses['400'] ??= { description: 'Bad input; details name each field', content: errorContent };
  if (route.body) {
    responses['413'] ??= { description: 'The record would be larger than can be stored; the message names what to shorten', content: errorContent };
  }
  if (route.access !== 'public') {
    responses['401'] = { description: 'No token, or one that does not verify (forged, malformed, expired, without exp)' };
    responses['403'] = { description: `A valid token whose role is not admitted (admits ${route.access.join(', ')}) or that is out of its department's scope` };
  }
  return {
    operationId: id,
    summary: route.summary,
    ...(route.access === 'public' ? { security: [] } : { security: [{ bearer: [] }], 'x-roles': route.access }),
    parameters: [
      ...Object.entries(pathParams).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
      ...Object.entries((query?.properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({ name, in: 'query', required: queryRequired.has(name), schema })),
      ...(route.headers ?? []).map((name) => ({ name, in: 'header', required: false, schema: { type: 'string' } })),
    ],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } } : {}),
    responses,
  };
}

export function openApiDocument(options: { includeLocalOnly: boolean; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, route] of Object.entries(routes as Record<string, RouteSpec>)) {
    if (route.localOnly && !options.includeLocalOnly) continue;
    (paths[documentedPath(route)] ??= {})[route.method.toLowerCase()] = operation(id, route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Supervision Code API',
      version: '1.0.0',
      description: 'Inspection codes for market supervision. Errors are {"error": {"code", "message", "details"?}}.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: errorSchema },
    },
  };
}

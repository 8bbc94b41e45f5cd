import type { Principal } from '../auth/principal.ts';
import { departmentsOfSegment, requireScope } from '../auth/scope.ts';
import type { EntityInput, InspectorInput, ListInspectorsQuery } from '../api/schemas.ts';
import { requireAccess } from '../inspections/access.ts';
import { notFound } from '../domain-error.ts';
import type { Entity, EntitySystemFields, Inspector } from '../inspections/model.ts';
import type { Services } from '../services.ts';

/**
 * PUT semantics: the request replaces what the registry owns (the grade is the system's); `created` tells 201 from 200.
 * A supervisor registers and replaces only companies of segments their department supervises, before and after.
 */
export async function upsertEntity(services: Services, principal: Principal, id: string, input: EntityInput): Promise<{ entity: Entity; created: boolean }> {
  const existing = await services.store.getEntity(id);
  if (existing) requireScope(principal, departmentsOfSegment(existing.segment), `entity ${id} (segment ${existing.segment})`);
  requireScope(principal, departmentsOfSegment(input.segment), `a company of segment ${input.segment}`);
  const entity: Entity = { ...input, id, updatedAt: services.now() };
  await services.store.putEntity(entity);
  const kept: EntitySystemFields = { ...(existing?.grade ? { grade: existing.grade } : {}), ...(existing?.lastInspectorIds ? { lastInspectorIds: existing.lastInspectorIds } : {}) };
  return { entity: { ...entity, ...kept }, created: !existing };
}

/** Supervisors read any entity; a company reads its own (another company's is "not found", not "forbidden"). */
export async function readEntity(services: Pick<Services, 'store'>, principal: Principal, id: string): Promise<Entity> {
  if (principal.role === 'company' && principal.entityId !== id) throw notFound('entity', id);
  requireAccess(principal.role === 'supervisor' || principal.role === 'company', 'Only supervisors and the company itself read an entity.');
  const entity = await services.store.getEntity(id);
  if (!entity) throw notFound('entity', id);
  return entity;
}

/**
 * The people of a department a supervisor may hand work to: its inspectors, as a picker shows them (who, where, for
 * what, whether active), a page at a time; only of the supervisor's own department (city-wide: any).
 */
export async function listInspectors(services: Pick<Services, 'store'>, principal: Principal, query: ListInspectorsQuery) {
  requireAccess(principal.role === 'supervisor', 'Only supervisors list the people of a department.');
  requireScope(principal, [query.department], `the inspectors of ${query.department}`);
  const { department, district, limit, cursor } = query;
  const page = await services.store.inspectorsOfDepartment(department, district, { limit, ...(cursor ? { cursor } : {}) });
  return { ...page, items: page.items.map(({ id, name, department, district, qualifications, active }) => ({ id, name, department, district, qualifications, active })) };
}

/** A supervisor registers and replaces only inspectors of their own department, before and after (no moving them out or in). */
export async function upsertInspector(services: Services, principal: Principal, id: string, input: InspectorInput): Promise<{ inspector: Inspector; created: boolean }> {
  const [existing] = await services.store.getInspectors([id]);
  if (existing) requireScope(principal, [existing.department], `inspector ${id} of ${existing.department}`);
  requireScope(principal, [input.department], `an inspector of ${input.department}`);
  const inspector: Inspector = { ...input, id, updatedAt: services.now() };
  await services.store.putInspector(inspector);
  return { inspector, created: !existing };
}

import type { Principal } from '../auth/principal.ts';
import type { EntityInput, InspectorInput } from '../api/schemas.ts';
import { requireAccess } from '../inspections/access.ts';
import { notFound } from '../domain-error.ts';
import type { Entity, EntitySystemFields, Inspector } from '../inspections/model.ts';
import type { Services } from '../services.ts';

/** PUT semantics: the request replaces what the registry owns (the grade is the system's); `created` tells 201 from 200. */
export async function upsertEntity(services: Services, id: string, input: EntityInput): Promise<{ entity: Entity; created: boolean }> {
  const existing = await services.store.getEntity(id);
  const entity: Entity = { ...input, id, updatedAt: services.now() };
  await services.store.putEntity(entity);
  const kept: EntitySystemFields = { ...(existing?.grade ? { grade: existing.grade } : {}), ...(existing?.lastInspectorIds ? { lastInspectorIds: existing.lastInspectorIds } : {}) };
  return { entity: { ...entity, ...kept }, created: !existing };
}

/** Supervisors read any entity; a company reads its own (another company's is "not found", not "forbidden"). */
export async function readEntity(services: Services, principal: Principal, id: string): Promise<Entity> {
  if (principal.role === 'company' && principal.entityId !== id) throw notFound('entity', id);
  requireAccess(principal.role === 'supervisor' || principal.role === 'company', 'Only supervisors and the company itself read an entity.');
  const entity = await services.store.getEntity(id);
  if (!entity) throw notFound('entity', id);
  return entity;
}

export async function upsertInspector(services: Services, id: string, input: InspectorInput): Promise<{ inspector: Inspector; created: boolean }> {
  const [existing] = await services.store.getInspectors([id]);
  const inspector: Inspector = { ...input, id, updatedAt: services.now() };
  await services.store.putInspector(inspector);
  return { inspector, created: !existing };
}

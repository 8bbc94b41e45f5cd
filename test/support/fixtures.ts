import { addDays, localDay } from '../../shared/dates.ts';
import { creditCodeCheckCharacter } from '../../shared/entities/credit-code.ts';
import { changeInspection } from '../../shared/inspections/service.ts';
import type { Services } from '../../shared/services.ts';
import type { ApiClient } from './api.ts';
import { supervisor } from './api.ts';

export const food = 'food-safety';
export const equipment = 'special-equipment';

export const validCreditCode = (first17 = '91310101MA1FPX0A1') => first17 + creditCodeCheckCharacter(first17);

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export const entityBody = (name = 'Test Catering Co.') => ({ name, creditCode: validCreditCode(), segment: 'catering', district: 'Huangpu' });

export const inspectorBody = (name: string, department = food) => ({
  name,
  department,
  district: 'Huangpu',
  certificateNo: `SH-${name.replace(/\W/g, '').toUpperCase().slice(0, 8)}-0001`,
  qualifications: ['catering'],
});

export const inspectionBody = (entityId: string, inspectorIds: string[], departments = [food], startInDays = 0) => ({
  entityId,
  departments,
  items: ['Kitchen hygiene', 'Food storage'],
  window: { start: isoDay(startInDays), end: isoDay(startInDays + 2) },
  inspectorIds,
  contact: { name: 'Duty office', phone: '+86 21 6000 1234' },
});

/**
 * The visit's day arrives: its window moved to start today on the authority's calendar. For a visit planned far
 * ahead so as not to join the demo's own (the company confirms and inspectors record only on a day of the window).
 */
export const arrivesToday = (services: Pick<Services, 'store' | 'timeZone'>, id: string) => {
  const today = localDay(new Date(), services.timeZone);
  return changeInspection(services.store, id, { subject: 'sup-1', role: 'supervisor' }, (current) => ({
    inspection: { ...current, window: { start: today, end: addDays(today, 2) } },
    outcome: undefined,
  }));
};

let counter = 0;

/** Registers a company, two food inspectors and an inspection; returns their ids. */
export async function planned(api: ApiClient, options: { departments?: string[] } = {}) {
  const n = ++counter;
  const entityId = `ent-${n}-${Math.random().toString(36).slice(2, 8)}`;
  const inspectorIds = [`insp-${n}-a`, `insp-${n}-b`];
  await api.request('PUT', `/entities/${entityId}`, { as: supervisor, body: entityBody(`Company ${n}`) });
  for (const id of inspectorIds) await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(`Inspector ${id}`) });
  const created = await api.request('POST', '/inspections', { as: supervisor, body: inspectionBody(entityId, inspectorIds, options.departments) });
  if (created.status !== 201) throw new Error(`planning failed: ${created.text}`);
  return { entityId, inspectorIds, inspectionId: created.body.id as string };
}

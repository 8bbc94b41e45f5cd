import type { Principal } from '../../shared/auth/principal.ts';
import type { Inspection } from '../../shared/inspections/model.ts';

/** An inspection as planned, for the pure-function tests. */
export const sampleInspection = (overrides: Partial<Inspection> = {}): Inspection => ({
  id: 'ins_1',
  entityId: 'ent-1',
  entityName: 'Pujiang <Demo> Catering & Co.',
  departments: ['food-safety'],
  items: ['Kitchen hygiene'],
  window: { start: '2030-03-01', end: '2030-03-03' },
  inspectors: [
    { id: 'insp-a', name: 'Wang Min', department: 'food-safety', certificateNo: 'SH-FS-20190321' },
    { id: 'insp-b', name: 'Li Qiang', department: 'food-safety', certificateNo: 'SH-FS-20200415' },
  ],
  contact: { name: 'Duty office', phone: '+86 21 6000 1234' },
  status: 'scheduled',
  createdBy: 'sup-1',
  createdAt: '2030-02-20T00:00:00.000Z',
  updatedAt: '2030-02-20T00:00:00.000Z',
  version: 1,
  rectifications: [],
  ...overrides,
});

export const as = {
  supervisor: { subject: 'sup-1', role: 'supervisor', department: 'food-safety' } as Principal,
  otherSupervisor: { subject: 'sup-2', role: 'supervisor', department: 'special-equipment' } as Principal,
  cityWideSupervisor: { subject: 'sup-3', role: 'supervisor' } as Principal,
  lead: { subject: 'insp-a', role: 'inspector', inspectorId: 'insp-a' } as Principal,
  strangerInspector: { subject: 'insp-z', role: 'inspector', inspectorId: 'insp-z' } as Principal,
  company: { subject: 'owner', role: 'company', entityId: 'ent-1' } as Principal,
  otherCompany: { subject: 'rival', role: 'company', entityId: 'ent-2' } as Principal,
};

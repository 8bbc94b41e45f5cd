/**
 * The bounds in the schemas hold an inspection under DynamoDB's 400 KB item limit: the largest one a user can
 * build — every list full, every text at its longest in 3-byte characters, every rectification round used — is
 * built here from `limits` and weighed as DynamoDB weighs an item.
 */
import { describe, expect, it } from 'vitest';
import { createInspectionBody, entityBody, finding, inspectorBody, limits, recordResultsBody, submitRectificationBody } from '../../shared/api/schemas.ts';
import type { Inspection } from '../../shared/inspections/model.ts';

/** DynamoDB's item size: UTF-8 bytes of names and strings, up to 21 bytes a number, 3 bytes a list or map plus 1 an element. */
function itemSize(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return 21;
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + itemSize(v), 0);
  return 3 + Object.entries(value as object).reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + 1 + itemSize(v), 0);
}

const chars = (n: number, prefix = '') => prefix + '示'.repeat(n - [...prefix].length);
const id = (i: number) => `${String(i).padStart(3, '0')}`.padEnd(64, 'x');
const at = '2030-03-01T00:00:00.000Z';
const many = <T>(n: number, of: (i: number) => T) => Array.from({ length: n }, (_, i) => of(i));

describe('the bounds of the schemas', () => {
  it('hold the largest inspection a user can build under DynamoDB\'s 400 KB item limit', () => {
    const plan = createInspectionBody.parse({
      entityId: id(0),
      departments: many(limits.departments, (i) => chars(limits.label, `d${i}`)),
      items: many(limits.checkItems, (i) => chars(limits.checkItem, `i${i}`)),
      window: { start: '2030-03-01', end: '2030-03-31' },
      inspectorIds: many(limits.inspectors, id),
      contact: { name: chars(limits.personName), phone: '+86 021 1234 5678 90' },
    });
    const inspector = inspectorBody.parse({ name: chars(limits.personName), department: chars(limits.label), district: chars(limits.label), certificateNo: 'C'.repeat(32), qualifications: [] });
    const results = recordResultsBody.parse({
      outcome: 'rectify',
      findings: many(limits.findings, (i) =>
        finding.parse({ item: chars(limits.checkItem, `f${i}`), description: chars(limits.findingText), severity: 'critical', guidance: chars(limits.findingText), deadline: '2030-04-30' }),
      ),
    });
    const submission = submitRectificationBody.parse({
      note: chars(limits.rectificationNote),
      files: many(limits.evidenceFiles, (i) => ({ name: `${i}${'示'.repeat(119 - String(i).length)}`, contentType: 'application/pdf', size: 25 * 1024 * 1024 })),
    });
    const inspection: Inspection = {
      id: id(1),
      entityId: plan.entityId,
      entityName: entityBody.parse({ name: chars(limits.name), segment: 's', district: 'd' }).name,
      departments: plan.departments,
      items: plan.items,
      window: plan.window,
      inspectors: plan.inspectorIds.map((inspectorId) => ({ id: inspectorId, name: inspector.name, department: inspector.department, certificateNo: inspector.certificateNo })),
      contact: plan.contact,
      status: 'rectifying',
      createdBy: id(2),
      createdAt: at,
      updatedAt: at,
      version: 1_000_000,
      code: 'c'.repeat(22),
      checkedIn: { by: id(3), at },
      result: { ...results, recordedBy: id(4), recordedAt: at },
      rectifications: many(limits.rectificationRounds, (round) => ({
        id: id(round),
        note: submission.note,
        evidence: submission.files.map((file, i) => ({ ...file, key: `evidence/${id(1)}/${id(round)}/${i}-${file.name}` })),
        submittedBy: id(5),
        submittedAt: at,
        status: 'rejected',
        review: { by: id(6), at, comment: chars(limits.comment) },
      })),
    };
    const size = itemSize({ pk: `INSPECTION#${inspection.id}`, sk: 'INSPECTION', ...inspection });
    // Room is left for what the system adds (a trigger's evidence, the keys of indexes).
    expect(size).toBeLessThan(350 * 1024);
  });
});

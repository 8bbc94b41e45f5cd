/**
 * What of a draw is public, and when. The parameters, the algorithm and the hashes (seed commitment, pool and
 * inspector snapshot hashes, outcome hash) are public as soon as they exist: they bind the draw. The files behind
 * the hashes — the pool (every company's grade), the inspectors (recusals, workload) and the outcome (who inspects
 * whom) — and the seed (with which a company could compute its own selection key) become public on the day after
 * the visit window ends, on the authority's calendar: no company learns before the visit that it was drawn, or who
 * will come. Supervisors (auditors) read them earlier. From then on anyone verifies the draw against the hashes
 * that were published before.
 */
import type { Principal } from '../auth/principal.ts';
import { addDays, localDay } from '../dates.ts';

import type { DrawRecord } from './record.ts';

/** The files a draw publishes, in the order a verifier needs them; `hash` names the record field holding each SHA-256. */
export const drawFileSpecs = [
  {
    name: 'pool',
    fileName: 'pool.ndjson',
    contentType: 'application/x-ndjson',
    hash: 'poolHash',
    describes: 'The pool frozen at announcement: one company per line (id, grade, district, last inspectors), sorted by id.',
  },
  {
    name: 'inspectors',
    fileName: 'inspectors.ndjson',
    contentType: 'application/x-ndjson',
    hash: 'inspectorsHash',
    describes: 'The inspectors frozen at announcement: one per line (id, department, district, qualifications, recusals, workload), sorted by id.',
  },
  {
    name: 'outcome',
    fileName: 'outcome.json',
    contentType: 'application/json',
    hash: 'outcomeHash',
    describes: 'The selection (companies, strata, keys) and the inspectors assigned to each company, as computed at execution.',
  },
] as const;

export type DrawFileSpec = (typeof drawFileSpecs)[number];

/** Whether the file is written yet: the snapshots at announcement, the outcome at execution (older draws have no outcome hash). */
export const fileExists = (file: DrawFileSpec, record: DrawRecord) => (file.name === 'outcome' ? record.summary !== undefined : record[file.hash] !== undefined);

/** The first day, on the authority's calendar, on which a draw's files and seed are public: the day after its window. */
export const filesPublicFrom = (record: Pick<DrawRecord, 'parameters'>) => addDays(record.parameters.window.end, 1);

export interface DrawDisclosure {
  /** The files and the seed are public to everyone now. */
  published: boolean;
  /** This reader may read the files and the seed now: everyone once published, supervisors at any time. */
  readable: boolean;
  filesPublicFrom: string;
  timeZone: string;
}

export function disclosure(record: Pick<DrawRecord, 'parameters'>, reader: Principal | undefined, now: string, timeZone: string): DrawDisclosure {
  const from = filesPublicFrom(record);
  const published = localDay(now, timeZone) >= from;
  return { published, readable: published || reader?.role === 'supervisor', filesPublicFrom: from, timeZone };
}

/** The sentence a person reads when the files are not public yet. */
export const notPublishedYet = ({ filesPublicFrom: from, timeZone }: Pick<DrawDisclosure, 'filesPublicFrom' | 'timeZone'>) =>
  `The draw's files are published on ${from} (${timeZone}, the authority's calendar), the day after the visit window ends, and the seed with them, so that no company learns before the visit that it was drawn or who inspects it. Their hashes are public now; anyone can verify the draw from ${from}.`;

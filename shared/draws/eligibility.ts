/**
 * Who may inspect a company, the one rule a draw (assign.ts), a trigger inspection and a supervisor planning by hand
 * all judge inspectors by. An inspector is eligible when they belong to one of the visit's departments, are
 * qualified for the company's segment, work in its district (unless any district will do), have not recused
 * themself from it, did not inspect it last time, and are below the workload cap in the window.
 */
import type { DrawParameters, PoolEntity, PoolInspector } from './model.ts';

/** The rule's parameters: what a draw, a trigger plan or a manual plan sets. */
export interface EligibilityRule {
  departments: readonly string[];
  segment: string;
  crossDistrict: boolean;
  workloadCap: number;
}

/** The rule a draw sets: its department and joint departments, its segment, and its district and workload limits. */
export const drawRule = (parameters: Pick<DrawParameters, 'department' | 'jointDepartments' | 'segment' | 'crossDistrict' | 'workloadCap'>): EligibilityRule => ({
  departments: [parameters.department, ...parameters.jointDepartments],
  segment: parameters.segment,
  crossDistrict: parameters.crossDistrict,
  workloadCap: parameters.workloadCap,
});

/** Why an inspector is not eligible for a company, in the order they are checked. */
export const ineligibilities = ['department', 'qualification', 'district', 'recused', 'last-inspector', 'workload'] as const;
export type Ineligibility = (typeof ineligibilities)[number];

/**
 * The reasons a supervisor planning by hand may set aside with a written justification: a colleague from another
 * district, last time's inspector or one at the workload cap can still be the right person (a specialist, a
 * follow-up). Department, qualification and recusal are hard for everyone, city-wide supervisors included.
 */
export const justifiable: readonly Ineligibility[] = ['district', 'last-inspector', 'workload'];

/** Whether a plan may assign the inspector: yes, only with a written justification, or not at all. */
export const standingOf = (reasons: readonly Ineligibility[]): 'eligible' | 'needs-justification' | 'refused' =>
  reasons.length === 0 ? 'eligible' : reasons.every((reason) => justifiable.includes(reason)) ? 'needs-justification' : 'refused';

/** What a draw's report says of each exclusion (these words are in published outcomes: never reword them). */
export const exclusionWords = { recused: 'recused', 'last-inspector': 'inspected it last time', workload: 'at the workload cap' } as const;
export type Exclusion = keyof typeof exclusionWords;

/** Each reason in English, for an API refusal (the console says them in the reader's language). */
export const ineligibilityWords: Record<Ineligibility, string> = {
  department: "not of the inspection's departments",
  qualification: "not qualified for the company's segment",
  district: 'works in another district',
  ...exclusionWords,
};

interface Judged {
  inspector: PoolInspector;
  entity: PoolEntity;
  rule: EligibilityRule;
  /** Inspections the inspector already holds in the window. */
  load: number;
}

const inDepartment = (inspector: PoolInspector, rule: EligibilityRule) => rule.departments.includes(inspector.department);
const qualifiedFor = (inspector: PoolInspector, rule: EligibilityRule) => inspector.qualifications.includes(rule.segment);

/**
 * Each reason, as the condition that raises it: declared once, read by the draw and the planner alike. A draw asks
 * only about the inspectors an index says a company's conflicts or the cap may exclude (assign.ts): a new reason
 * needs its place in that index too.
 */
const fails: Record<Ineligibility, (judged: Judged) => boolean> = {
  department: ({ inspector, rule }) => !inDepartment(inspector, rule),
  qualification: ({ inspector, rule }) => !qualifiedFor(inspector, rule),
  district: ({ inspector, entity, rule }) => !rule.crossDistrict && inspector.district !== entity.district,
  recused: ({ inspector, entity }) => inspector.recusals.includes(entity.id),
  'last-inspector': ({ inspector, entity }) => entity.lastInspectorIds.includes(inspector.id),
  workload: ({ load, rule }) => load >= rule.workloadCap,
};

/** Whether an inspector may be considered at all for this rule (department and segment), whatever the company. */
export const qualifies = (inspector: PoolInspector, rule: EligibilityRule) => inDepartment(inspector, rule) && qualifiedFor(inspector, rule);

/** The conflict or workload that keeps a qualified inspector of the right district from this company, if any. */
export const exclusionOf = (judged: Judged): Exclusion | undefined => (Object.keys(exclusionWords) as Exclusion[]).find((reason) => fails[reason](judged));

/** Every reason an inspector is not eligible for the company (none: eligible), for a planner to read. */
export const ineligibilityOf = (judged: Judged): Ineligibility[] => ineligibilities.filter((reason) => fails[reason](judged));

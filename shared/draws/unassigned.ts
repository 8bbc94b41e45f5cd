/**
 * Why a drawn company got no inspectors, read back from the published outcome's `reason` into codes and values, so
 * that each reader sees it in their language. The sentence itself cannot change: it is part of the outcome whose
 * hash every executed draw published (shared/draws/assign.ts writes it), so this reads exactly that grammar, and a
 * sentence it does not know stays as it is.
 */

/** Why inspectors were not eligible for the company, as assign.ts counts them. */
export const exclusions = { recused: 'recused', 'inspected it last time': 'lastTime', 'at the workload cap': 'workloadCap' } as const;
export type ExclusionCode = (typeof exclusions)[keyof typeof exclusions];

export type UnassignedProblem =
  | { code: 'noEligible'; department: string; segment: string; district?: string; excluded: { code: ExclusionCode; count: number }[] }
  | { code: 'tooFew'; eligible: number; required: number };

const noEligible = /^no eligible (\S+) inspector qualified for (\S+?)(?: in (.+?))?(?: \(((?:\d+ [a-z ]+)(?:, \d+ [a-z ]+)*)\))?$/;
const tooFew = /^only (\d+) eligible inspector\(s\), (\d+) required$/;
const excluded = /^(\d+) (.+)$/;

/** The problems a reason names, in its order; undefined if any part is not of the grammar assign.ts writes. */
export function unassignedProblems(reason: string): UnassignedProblem[] | undefined {
  const problems: UnassignedProblem[] = [];
  for (const part of reason.split('; ')) {
    const few = tooFew.exec(part);
    if (few) {
      problems.push({ code: 'tooFew', eligible: Number(few[1]), required: Number(few[2]) });
      continue;
    }
    const none = noEligible.exec(part);
    if (!none) return undefined;
    const counted = (none[4]?.split(', ') ?? []).map((item) => {
      const [, count, why] = excluded.exec(item) ?? [];
      const code = exclusions[why as keyof typeof exclusions];
      return code && { code, count: Number(count) };
    });
    if (counted.some((item) => !item)) return undefined;
    problems.push({ code: 'noEligible', department: none[1]!, segment: none[2]!, ...(none[3] ? { district: none[3] } : {}), excluded: counted as { code: ExclusionCode; count: number }[] });
  }
  return problems;
}

/** Why a drawn company got no inspectors, in the reader's language (the published sentence is English, and frozen). */
import { unassignedProblems } from '#shared/draws/unassigned.ts';
import type { I18n } from './i18n.tsx';

export function unassignedReason({ t, department, segment, district, list }: I18n, reason: string): string {
  const problems = unassignedProblems(reason);
  if (!problems) return reason;
  return list(
    problems.map((problem) => {
      if (problem.code === 'tooFew') return t('unassigned_tooFew', { eligible: problem.eligible, required: problem.required });
      const names = { department: department(problem.department), segment: segment(problem.segment) };
      const none = problem.district ? t('unassigned_noEligibleIn', { ...names, district: district(problem.district) }) : t('unassigned_noEligibleAny', names);
      const excluded = problem.excluded.map(({ code, count }) => t(`exclusion_${code}`, { count }));
      return excluded.length ? none + t('unassigned_excluded', { list: list(excluded) }) : none;
    }),
  );
}

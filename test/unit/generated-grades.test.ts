/** A generated city, read through the import kinds and graded by the shipped models as a scoring run does, spreads over A-D. */
import { describe, expect, it } from 'vitest';
import { generatedGradeSpread } from '../../shared/generate/grade-spread.ts';

describe('a generated city', () => {
  it('spreads over every grade, each at least 5 %', () => {
    const grades = generatedGradeSpread(3_000, 3);
    for (const grade of ['A', 'B', 'C', 'D'] as const) expect(grades[grade], grade).toBeGreaterThan(150);
  });
});

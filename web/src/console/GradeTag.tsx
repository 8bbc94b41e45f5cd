/** A credit grade as a tag: the letter itself says it, the colour only repeats it (D red, C orange). */
import { Tag } from 'antd';
import type { Entity } from '#shared/inspections/model.ts';
import { useConsoleText } from './text.ts';

export function GradeTag({ grade }: { grade: Entity['grade'] }) {
  const { c } = useConsoleText();
  if (!grade) return <>{c('notGraded')}</>;
  return <Tag color={grade === 'D' ? 'red' : grade === 'C' ? 'orange' : 'blue'}>{grade}</Tag>;
}

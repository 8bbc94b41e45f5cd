/** The printed documents of a visit, offered when they mean something: the notice until it closes (not for a cancelled one), the record once under way. */
import { Link } from 'react-router';
import type { CodeStatus } from '#shared/codes/code.ts';
import type { InspectionStatus } from '#shared/inspections/model.ts';
import { codeGone } from '../app/inspection.tsx';
import { useConsoleText } from './text.ts';

export function DocumentLinks({ inspection }: { inspection: { id: string; status: InspectionStatus; codeState?: CodeStatus | undefined } }) {
  const { c } = useConsoleText();
  const path = `/console/inspections/${encodeURIComponent(inspection.id)}`;
  return (
    <span className="links">
      {inspection.status !== 'closed' && !codeGone(inspection) && <Link to={`${path}/notice`}>{c('printNotice')}</Link>}
      {inspection.status !== 'scheduled' && <Link to={`${path}/record`}>{c('printRecord')}</Link>}
    </span>
  );
}

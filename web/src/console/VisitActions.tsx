/**
 * What a supervisor may do to a visit beside printing its papers: cancel it by revoking its code (a reason
 * required, the consequence said before), and on a cancelled visit issue a new code, which reopens it and leads to
 * the notice to print again. Offered only where the API would accept it: a supervisor acting for every department
 * on the visit (shared/inspections/access.ts), the visit awaiting its results with a code to revoke, or cancelled
 * and not yet closed.
 */
import { Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { CodeStatus } from '#shared/codes/code.ts';
import { supervisesWholeVisit } from '#shared/inspections/access.ts';
import type { InspectionStatus } from '#shared/inspections/model.ts';
import { useAuth } from '../app/auth.tsx';
import { useChange } from '../app/data.ts';
import { ConsoleErrorNotice } from './ConsoleError.tsx';
import { useConsoleText } from './text.ts';

type Visit = { id: string; entityName: string; departments: string[]; status: InspectionStatus; codeState?: CodeStatus | undefined };

export function VisitActions({ inspection }: { inspection: Visit }) {
  const { principal } = useAuth();
  if (!supervisesWholeVisit(inspection, principal)) return null;
  const awaiting = inspection.status === 'scheduled' || inspection.status === 'on-site';
  if (awaiting && inspection.codeState === 'active') return <CancelVisit inspection={inspection} />;
  if (inspection.status !== 'closed' && inspection.codeState === 'revoked') return <ReissueCode inspection={inspection} />;
  return null;
}

function CancelVisit({ inspection }: { inspection: Visit }) {
  const text = useConsoleText();
  const { c } = text;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const revoke = useChange('revokeCode');
  const company = text.text(inspection.entityName);
  return (
    <span className="visit-actions">
      <button type="button" className="secondary" onClick={() => setOpen(true)} aria-label={c('visitFor', { action: c('visitCancel'), company })}>
        {c('visitCancel')}
      </button>
      {revoke.error && <ConsoleErrorNotice error={revoke.error} />}
      <Modal
        open={open}
        title={c('visitCancelTitle', { company })}
        okText={c('visitCancelOk')}
        cancelText={c('visitKeep')}
        okButtonProps={{ disabled: !reason.trim() || revoke.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          revoke.mutate(
            { params: { id: inspection.id }, body: { reason: reason.trim() } },
            { onSuccess: () => setOpen(false), onError: () => setOpen(false) },
          )
        }
      >
        <p>{c('visitCancelConsequence')}</p>
        <label className="field">
          <span>{c('visitCancelReason')}</span>
          <textarea rows={3} value={reason} onChange={(event) => setReason(event.target.value)} required />
        </label>
      </Modal>
    </span>
  );
}

function ReissueCode({ inspection }: { inspection: Visit }) {
  const text = useConsoleText();
  const { c } = text;
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const issue = useChange('issueCode');
  const company = text.text(inspection.entityName);
  return (
    <span className="visit-actions">
      <button type="button" className="secondary" onClick={() => setOpen(true)} aria-label={c('visitFor', { action: c('visitReissue'), company })}>
        {c('visitReissue')}
      </button>
      {issue.error && <ConsoleErrorNotice error={issue.error} />}
      <Modal
        open={open}
        title={c('visitReissueTitle', { company })}
        okText={c('visitReissueOk')}
        cancelText={c('visitKeep')}
        okButtonProps={{ disabled: issue.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          issue.mutate(
            { params: { id: inspection.id }, body: { reissue: true } },
            { onSuccess: () => navigate(`/console/inspections/${encodeURIComponent(inspection.id)}/notice`), onError: () => setOpen(false) },
          )
        }
      >
        <p>{c('visitReissueConsequence')}</p>
      </Modal>
    </span>
  );
}

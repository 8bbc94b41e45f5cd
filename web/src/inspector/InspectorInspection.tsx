/**
 * The inspector's inspection on a phone: the code as a large QR for the company to scan, the results item by item
 * with photos, and the review of a rectification. Buttons show only where the API would accept them.
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Finding } from '#shared/api/schemas.ts';
import { isAssignedInspector } from '#shared/inspections/access.ts';
import { mayReview, refusal, resultOfCallersPart } from '#shared/inspections/lifecycle.ts';
import type { Inspection } from '#shared/inspections/model.ts';
import { useAuth } from '../app/auth.tsx';
import { useChange, useRead, useRefresh } from '../app/data.ts';
import { EvidenceForm } from '../app/evidence.tsx';
import { useI18n } from '../app/i18n.tsx';
import { CodeGone, codeGone, InspectionSummary, Results, Submissions, useMoment, type InspectionView } from '../app/inspection.tsx';
import { ErrorNotice, Loaded } from '../app/ui.tsx';
import { PhotoViewer } from './PhotoViewer.tsx';

export default function InspectorInspection() {
  const { id = '' } = useParams();
  const query = useRead('getInspection', { params: { id } });
  return <Loaded query={query}>{(inspection) => <InspectionForInspector inspection={inspection} />}</Loaded>;
}

function InspectionForInspector({ inspection }: { inspection: InspectionView }) {
  const { t } = useI18n();
  const { principal } = useAuth();
  // The API's own rules decide which buttons show: none the API would refuse.
  const stored = inspection as Inspection;
  const assigned = isAssignedInspector(stored, principal);
  const moment = useMoment(inspection.codeState);
  const canRecord =
    assigned &&
    !resultOfCallersPart(stored, principal!) &&
    (inspection.status === 'scheduled' || inspection.status === 'on-site') &&
    !refusal('record-results', stored, moment);
  const [recording, setRecording] = useState(false);
  return (
    <>
      <InspectionSummary inspection={inspection} />
      <CodeGone inspection={inspection} />
      {assigned ? <ShowCode inspection={inspection} /> : <p className="notice">{t('notAssigned')}</p>}
      {canRecord &&
        (recording ? (
          <ResultsForm inspection={inspection} />
        ) : (
          <button type="button" onClick={() => setRecording(true)}>
            {t('recordResults')}
          </button>
        ))}
      <Results inspection={inspection} />
      {inspection.result?.evidence && inspection.result.evidence.length > 0 && <PhotoViewer photos={inspection.result.evidence} />}
      {/* The company's photos stay in view once reviewed; the review itself only while it is this inspector's to give. */}
      <Submissions inspection={inspection}>
        {(submission) => (
          <>
            <PhotoViewer photos={submission.evidence} />
            {mayReview(stored, principal, submission) && <Review inspection={inspection} submission={submission} />}
          </>
        )}
      </Submissions>
    </>
  );
}

function ShowCode({ inspection }: { inspection: InspectionView }) {
  const { t } = useI18n();
  const issue = useChange('issueCode', { refresh: false });
  // A revoked or expired code is not shown again (the notice above says why); a supervisor issues a new one.
  if (inspection.status === 'closed' || codeGone(inspection)) return null;
  return (
    <section aria-labelledby="code">
      <h2 id="code">{t('codeTitle')}</h2>
      {issue.data ? (
        <figure className="qr">
          <img src={issue.data.qr.svg} alt={`${t('codeTitle')}: ${issue.data.url}`} width={320} height={320} />
          <figcaption>
            {t('codeHint')} <a href={issue.data.url}>{issue.data.url}</a>
          </figcaption>
        </figure>
      ) : (
        <button type="button" disabled={issue.isPending} onClick={() => issue.mutate({ params: { id: inspection.id }, body: {} })}>
          {inspection.code ? t('showCode') : t('issueCode')}
        </button>
      )}
      {issue.error && <ErrorNotice error={issue.error} />}
    </section>
  );
}

const severities = ['minor', 'major', 'critical'] as const;
const outcomes = ['compliant', 'rectify', 'non-compliant'] as const;

function ResultsForm({ inspection }: { inspection: InspectionView }) {
  const { t, text } = useI18n();
  const record = useChange('recordResults', { refresh: false });
  const refresh = useRefresh();
  // No outcome is chosen for the inspector: saving closes or opens rectification for good, so they choose.
  const [outcome, setOutcome] = useState<(typeof outcomes)[number]>();
  const blank = (): Finding => ({ item: inspection.items[0] ?? '', description: '', severity: 'minor', guidance: '', deadline: '' });
  const [findings, setFindings] = useState<Finding[]>([]);
  const change = (n: number, patch: Partial<Finding>) => setFindings((all) => all.map((f, i) => (i === n ? { ...f, ...patch } : f)));
  const chooseOutcome = (next: (typeof outcomes)[number]) => {
    setOutcome(next);
    if (next !== 'compliant' && findings.length === 0) setFindings([blank()]);
  };
  return (
    <section aria-labelledby="record">
      <h2 id="record">{t('recordResults')}</h2>
      <EvidenceForm
        withNote={false}
        photosLabel={t('evidencePhotos')}
        submitLabel={t('saveResults')}
        problem={outcome ? undefined : t('chooseOutcome')}
        confirmation={(files) => (
          <>
            <p>
              {t('confirmOutcome', { outcome: t(`outcome_${outcome!}`) })}
              {outcome !== 'compliant' && ` ${t('confirmFindings', { n: findings.length })}`} {t('confirmPhotos', { n: files.length })}
            </p>
            <p className="notice">{t('confirmFinal')}</p>
          </>
        )}
        send={(_note, files) =>
          record.mutateAsync({ params: { id: inspection.id }, body: { outcome: outcome!, findings: outcome === 'compliant' ? [] : findings, files } })
        }
        onDone={refresh}
      >
        <fieldset>
          <legend>{t('outcome')}</legend>
          {outcomes.map((o) => (
            <label key={o} className="choice">
              <input type="radio" name="outcome" value={o} required checked={outcome === o} onChange={() => chooseOutcome(o)} />
              {t(`outcome_${o}`)}
            </label>
          ))}
        </fieldset>
        {outcome && outcome !== 'compliant' &&
          findings.map((f, n) => (
            <fieldset key={n} className="finding-form">
              <legend>{t('findingN', { n: n + 1 })}</legend>
              <label className="field">
                <span>{t('findingItem')}</span>
                <select value={f.item} onChange={(e) => change(n, { item: e.target.value })}>
                  {inspection.items.map((item) => (
                    <option key={item} value={item}>
                      {text(item)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('findingDescription')}</span>
                <textarea rows={2} value={f.description} onChange={(e) => change(n, { description: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('findingSeverity')}</span>
                <select value={f.severity} onChange={(e) => change(n, { severity: e.target.value as Finding['severity'] })}>
                  {severities.map((s) => (
                    <option key={s} value={s}>
                      {t(`severity_${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('findingGuidance')}</span>
                <textarea rows={2} value={f.guidance} onChange={(e) => change(n, { guidance: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('findingDeadline')}</span>
                <input type="date" value={f.deadline} onChange={(e) => change(n, { deadline: e.target.value })} />
              </label>
              {findings.length > 1 && (
                <button type="button" className="secondary" onClick={() => setFindings((all) => all.filter((_, i) => i !== n))}>
                  {t('removeFinding', { n: n + 1 })}
                </button>
              )}
            </fieldset>
          ))}
        {outcome && outcome !== 'compliant' && (
          <button type="button" className="secondary" onClick={() => setFindings((all) => [...all, blank()])}>
            {t('addFinding')}
          </button>
        )}
      </EvidenceForm>
    </section>
  );
}

function Review({ inspection, submission }: { inspection: InspectionView; submission: InspectionView['rectifications'][number] }) {
  const { t } = useI18n();
  const review = useChange('reviewRectification');
  // Accepting may close the visit for good: it is confirmed, with an optional word; rejecting needs the reason.
  const [deciding, setDeciding] = useState<'accepted' | 'rejected'>();
  const [comment, setComment] = useState('');
  const params = { id: inspection.id, submissionId: submission.id };
  const rejecting = deciding === 'rejected';
  return (
    <div className="review" aria-label={t('reviewTitle')}>
      <h3>{t('reviewTitle')}</h3>
      {deciding ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const said = comment.trim();
            review.mutate({ params, body: { decision: deciding, ...(said || rejecting ? { comment: said } : {}) } });
          }}
        >
          {!rejecting && <p>{t('acceptConfirm')}</p>}
          <label className="field">
            <span>{t(rejecting ? 'rejectComment' : 'acceptComment')}</span>
            <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} required={rejecting} />
          </label>
          <div className="actions">
            <button type="submit" disabled={review.isPending}>
              {t(rejecting ? 'sendRejection' : 'confirmAccept')}
            </button>
            <button type="button" className="secondary" disabled={review.isPending} onClick={() => setDeciding(undefined)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setDeciding('accepted')}>
            {t('accept')}
          </button>
          <button type="button" className="secondary" onClick={() => setDeciding('rejected')}>
            {t('reject')}
          </button>
        </div>
      )}
      {review.error && <ErrorNotice error={review.error} />}
    </div>
  );
}

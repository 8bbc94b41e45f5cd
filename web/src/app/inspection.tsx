/** How an inspection reads, for the company and the inspector alike: what, when, who, and the results. */
import type { CodeStatus } from '#shared/codes/code.ts';
import { localDay } from '#shared/dates.ts';
import type { InspectionStatus } from '#shared/inspections/model.ts';
import type { VisitMoment } from '#shared/inspections/lifecycle.ts';
import type { Responses } from './api.ts';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import type { Key } from './messages.ts';

export type InspectionView = Responses['getInspection'];

/** What the API decides a move by ({@link refusal} in shared/inspections/lifecycle.ts): today on the authority's calendar and the code's state. */
export function useMoment(code: CodeStatus | undefined): VisitMoment {
  const { timeZone } = useI18n();
  return { today: localDay(new Date(), timeZone), code };
}

type VisitState = { status: InspectionStatus; codeState?: CodeStatus | undefined };

/** A visit not closed whose code was revoked or has expired: nothing more happens on it. */
export const codeGone = (visit: VisitState) => visit.status !== 'closed' && (visit.codeState === 'revoked' || visit.codeState === 'expired');

/** The state a list or page shows: a visit whose code was revoked or has expired says so, not "scheduled". */
export const stateKey = (visit: VisitState): Key => (codeGone(visit) ? `codeState_${visit.codeState as 'revoked' | 'expired'}` : `status_${visit.status}`);

/** Says why nothing more is offered on a visit whose code was revoked or has expired. */
export function CodeGone({ inspection }: { inspection: InspectionView }) {
  const { t } = useI18n();
  if (!codeGone(inspection)) return null;
  return (
    <p role="status" className="notice bad">
      {t(inspection.codeState === 'revoked' ? 'codeRevokedHint' : 'codeExpiredHint')}
    </p>
  );
}

export function InspectionSummary({ inspection }: { inspection: InspectionView }) {
  const { t, day, department, text, list } = useI18n();
  return (
    <section aria-labelledby="summary">
      <h1 id="summary">{text(inspection.entityName)}</h1>
      <p className={`status status-${inspection.status}`}>
        {t('status')}: <strong>{t(stateKey(inspection))}</strong>
      </p>
      <dl>
        <dt>{t('window')}</dt>
        <dd>
          <time dateTime={inspection.window.start}>{day(inspection.window.start)}</time> {t('to')}{' '}
          <time dateTime={inspection.window.end}>{day(inspection.window.end)}</time>
        </dd>
        <dt>{t('departments')}</dt>
        <dd>{list(inspection.departments.map(department))}</dd>
        <dt>{t('items')}</dt>
        <dd>
          <ul>
            {inspection.items.map((item) => (
              <li key={item}>{text(item)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('inspectors')}</dt>
        <dd>
          <ul>
            {inspection.inspectors.map((i) => (
              <li key={i.id}>
                {text(i.name)} · {department(i.department)}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('contact')}</dt>
        <dd>
          {text(inspection.contact.name)} · <a href={`tel:${inspection.contact.phone.replace(/[ -]/g, '')}`}>{inspection.contact.phone}</a>
        </dd>
      </dl>
    </section>
  );
}

export function Results({ inspection }: { inspection: InspectionView }) {
  const { t, day, text } = useI18n();
  const { result } = inspection;
  if (!result) return <p>{t('noResultsYet')}</p>;
  return (
    <section aria-labelledby="results">
      <h2 id="results">
        {t('results')}: {t(`outcome_${result.outcome}`)}
      </h2>
      {result.findings.length === 0 ? (
        <p>{t('noFindings')}</p>
      ) : (
        <ol className="findings">
          {result.findings.map((f, n) => (
            <li key={n} className={`finding severity-${f.severity}`}>
              <h3>{text(f.item)}</h3>
              <p>
                {t('severity')}: <strong>{t(`severity_${f.severity}`)}</strong>
              </p>
              <p>{text(f.description)}</p>
              <dl>
                <dt>{t('guidance')}</dt>
                <dd>{text(f.guidance)}</dd>
                <dt>{t('deadline')}</dt>
                <dd>
                  <time dateTime={f.deadline}>{day(f.deadline)}</time>
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The rectification submissions, newest first, with the reviewer's word; `children` adds per-submission actions. */
export function Submissions({ inspection, children }: { inspection: InspectionView; children?: (submission: InspectionView['rectifications'][number]) => React.ReactNode }) {
  const { t, instant } = useI18n();
  const { principal } = useAuth();
  if (inspection.rectifications.length === 0) return null;
  return (
    <section aria-labelledby="submissions">
      {/* The company reads its own submissions; staff read the company's. */}
      <h2 id="submissions">{t(principal?.role === 'company' ? 'submissions' : 'companySubmissions')}</h2>
      <ul className="submissions">
        {[...inspection.rectifications].reverse().map((r) => (
          <li key={r.id}>
            <p>
              <strong>{t(`rectification_${r.status}`)}</strong> · {t('submittedAt', { time: instant(r.submittedAt) })} · {t('files', { count: r.evidence.length })}
            </p>
            <p>{r.note}</p>
            {r.review && (
              <p>
                {t('reviewedAt', { time: instant(r.review.at) })}
                {r.review.comment && (
                  <>
                    {' '}
                    — {t('reviewComment')}: <q>{r.review.comment}</q>
                  </>
                )}
              </p>
            )}
            {children?.(r)}
          </li>
        ))}
      </ul>
    </section>
  );
}

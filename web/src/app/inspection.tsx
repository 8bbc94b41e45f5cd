/** How an inspection reads, for the company and the inspector alike: what, when, who, and the results. */
import type { Responses } from './api.ts';
import { useI18n } from './i18n.tsx';

export type InspectionView = Responses['getInspection'];

export function InspectionSummary({ inspection }: { inspection: InspectionView }) {
  const { t, day, department, text } = useI18n();
  return (
    <section aria-labelledby="summary">
      <h1 id="summary">{text(inspection.entityName)}</h1>
      <p className={`status status-${inspection.status}`}>
        {t('status')}: <strong>{t(`status_${inspection.status}`)}</strong>
      </p>
      <dl>
        <dt>{t('window')}</dt>
        <dd>
          <time dateTime={inspection.window.start}>{day(inspection.window.start)}</time> {t('to')}{' '}
          <time dateTime={inspection.window.end}>{day(inspection.window.end)}</time>
        </dd>
        <dt>{t('departments')}</dt>
        <dd>{inspection.departments.map(department).join('、')}</dd>
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
  if (inspection.rectifications.length === 0) return null;
  return (
    <section aria-labelledby="submissions">
      <h2 id="submissions">{t('submissions')}</h2>
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

/**
 * The inspection's printed documents, A4 and print-ready in the reader's language; "Print" gives the browser's
 * print dialog, where "Save as PDF" files them. A supervisor not over the inspection is not offered them.
 *
 * - The notice (检查通知书): whom, when, by which departments, what is checked, who comes, what to prepare, whom
 *   to call, the code's QR to verify the visit, and a seal area. The code is the inspection's own: asking for it
 *   again returns the same code.
 * - The on-site record (现场检查笔录): the visit, the outcome, each finding with what to fix and by when, and
 *   space for both signatures.
 */
import { useEffect, type ReactNode } from 'react';
import { useLocation, useParams } from 'react-router';
import { supervisesInspection } from '#shared/inspections/access.ts';
import type { Responses } from '../app/api.ts';
import { useAuth } from '../app/auth.tsx';
import { useChange, useRead } from '../app/data.ts';
import type { Key } from '../app/messages.ts';
import { Loaded, Loading } from '../app/ui.tsx';
import { useConsoleText, type ConsoleKey } from './text.ts';
import { ConsoleErrorNotice } from './ConsoleError.tsx';

type Inspection = Responses['getInspection'];

export default function Notice({ document }: { document: 'notice' | 'record' }) {
  const { id = '' } = useParams();
  const { principal } = useAuth();
  const { t } = useConsoleText();
  const query = useRead('getInspection', { params: { id } });
  return (
    <Loaded query={query}>
      {(inspection) =>
        !supervisesInspection(inspection, principal) ? (
          <p role="alert">{t('errorForbidden')}</p>
        ) : document === 'notice' ? (
          <NoticeSheet inspection={inspection} />
        ) : (
          <RecordSheet inspection={inspection} />
        )
      }
    </Loaded>
  );
}

/** The sheet with its print button, title and the visit every document names. */
function Sheet({ inspection, title, children }: { inspection: Inspection; title: string; children: ReactNode }) {
  const text = useConsoleText();
  const { c } = text;
  // The plan form opens the notice saying whether the plan joined a visit already planned.
  const joined = (useLocation().state as { joined?: boolean } | null)?.joined === true;
  return (
    <article className="notice-sheet" aria-labelledby="notice-title">
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          {c('print')}
        </button>
      </div>
      {joined && (
        // Just planned into a visit already there: said once, on screen only.
        <p className="notice no-print" role="status">
          {c('planJoined', { id: inspection.id, start: text.day(inspection.window.start), end: text.day(inspection.window.end), contact: `${inspection.contact.name} ${inspection.contact.phone}` })}
        </p>
      )}
      <h1 id="notice-title">{title}</h1>
      <p className="notice-number">{c('noticeNumber', { id: inspection.id })}</p>
      {children}
    </article>
  );
}

function Inspectors({ inspection }: { inspection: Inspection }) {
  const text = useConsoleText();
  return (
    <>
      <h2>{text.c('noticeInspectors')}</h2>
      <ul>
        {inspection.inspectors.map((inspector) => (
          <li key={inspector.id}>{text.c('noticeInspector', { name: text.text(inspector.name), department: text.department(inspector.department), certificate: inspector.certificateNo })}</li>
        ))}
      </ul>
    </>
  );
}

function RecordSheet({ inspection }: { inspection: Inspection }) {
  const text = useConsoleText();
  const { c, t } = text;
  const result = inspection.result;
  return (
    <Sheet inspection={inspection} title={c('recordTitle')}>
      <dl className="record-facts">
        <dt>{c('columnCompany')}</dt>
        <dd>{text.text(inspection.entityName)}</dd>
        <dt>{c('columnWindow')}</dt>
        <dd>
          {text.day(inspection.window.start)} – {text.day(inspection.window.end)}
        </dd>
        <dt>{t('drawDepartments')}</dt>
        <dd>{text.list(inspection.departments.map(text.department))}</dd>
        {inspection.checkedIn && (
          <>
            <dt>{c('recordCheckedIn')}</dt>
            <dd>{text.instant(inspection.checkedIn.at)}</dd>
          </>
        )}
      </dl>
      <Inspectors inspection={inspection} />
      {inspection.justifications && (
        <>
          <h2>{c('planRecordJustifications')}</h2>
          <ul>
            {inspection.justifications.map((justification) => (
              <li key={justification.at}>
                {c('planRecordJustification', {
                  inspectors: text.list(justification.inspectors.map((i) => c('planRecordInspector', { name: text.text(i.name), reasons: text.list(i.reasons.map((r) => c(`planRecordReason_${r}` as ConsoleKey))) }))),
                  text: justification.text,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{c('noticeItems')}</h2>
      <ol>
        {inspection.items.map((item) => (
          <li key={item}>{text.text(item)}</li>
        ))}
      </ol>
      <h2>{c('recordOutcome')}</h2>
      {result ? (
        <>
          <p>
            <strong>{t(`outcome_${result.outcome}` as Key)}</strong> · {c('recordRecordedAt', { time: text.instant(result.recordedAt) })}
          </p>
          {result.findings.length > 0 && (
            <ol>
              {result.findings.map((finding, n) => (
                <li key={n}>
                  <strong>{text.text(finding.item)}</strong> ({t(`severity_${finding.severity}` as Key)})
                  <br />
                  {finding.description}
                  <br />
                  {c('recordGuidance', { guidance: finding.guidance, deadline: text.day(finding.deadline) })}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : (
        <p>{c('recordNoResult')}</p>
      )}
      <div className="notice-foot">
        <div className="seal signature">
          <span>{c('recordInspectorsSign')}</span>
          <span>{c('noticeDate')}</span>
        </div>
        <div className="seal signature">
          <span>{c('recordCompanySign')}</span>
          <span>{c('noticeDate')}</span>
        </div>
      </div>
    </Sheet>
  );
}

function NoticeSheet({ inspection }: { inspection: Inspection }) {
  const text = useConsoleText();
  const { c } = text;
  const issue = useChange('issueCode', { refresh: false });
  const { mutate } = issue;
  useEffect(() => mutate({ params: { id: inspection.id }, body: {} }), [mutate, inspection.id]);
  if (issue.error) return <ConsoleErrorNotice error={issue.error} />;
  if (!issue.data) return <Loading />;
  const code = issue.data;
  return (
    <Sheet inspection={inspection} title={c('noticeTitle')}>
      <p>
        <strong>{c('noticeTo', { company: text.text(inspection.entityName) })}</strong>
      </p>
      <p>
        {c('noticeBody', {
          departments: text.list(inspection.departments.map(text.department)),
          start: text.day(inspection.window.start),
          end: text.day(inspection.window.end),
        })}
      </p>
      <h2>{c('noticeItems')}</h2>
      <ol>
        {inspection.items.map((item) => (
          <li key={item}>{text.text(item)}</li>
        ))}
      </ol>
      <Inspectors inspection={inspection} />
      <h2>{c('noticeMaterials')}</h2>
      <ul>
        {c('noticeMaterialList')
          .split('|')
          .map((material) => (
            <li key={material}>{material}</li>
          ))}
      </ul>
      <h2>{c('noticeContact')}</h2>
      <p>{c('noticeContactLine', { name: text.text(inspection.contact.name), phone: inspection.contact.phone })}</p>
      <div className="notice-foot">
        <figure className="notice-qr">
          <img src={code.qr.svg} alt={c('noticeQrAlt')} width={140} height={140} />
          <figcaption>
            {c('noticeVerify')}
            <br />
            <span className="hash">{code.url}</span>
          </figcaption>
        </figure>
        <div className="seal" aria-label={c('noticeSeal')}>
          <span>{c('noticeSeal')}</span>
          <span>{c('noticeDate')}</span>
        </div>
      </div>
    </Sheet>
  );
}

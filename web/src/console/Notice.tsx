/**
 * The inspection notice (检查通知书), A4 and print-ready in the reader's language: whom, when, by which departments,
 * what is checked, who comes, what to prepare, whom to call, the code's QR to verify the visit, and a seal area.
 * "Print" gives the browser's print dialog, where "Save as PDF" files it. The code is the inspection's own: asking
 * for it again returns the same code; a supervisor not over the inspection is not offered the page.
 */
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { supervisesInspection } from '#shared/inspections/access.ts';
import type { Responses } from '../app/api.ts';
import { useAuth } from '../app/auth.tsx';
import { useChange, useRead } from '../app/data.ts';
import { ErrorNotice, Loaded, Loading } from '../app/ui.tsx';
import { useConsoleText } from './text.ts';

type Inspection = Responses['getInspection'];

export default function Notice() {
  const { id = '' } = useParams();
  const query = useRead('getInspection', { params: { id } });
  return <Loaded query={query}>{(inspection) => <NoticeSheet inspection={inspection} />}</Loaded>;
}

function NoticeSheet({ inspection }: { inspection: Inspection }) {
  const text = useConsoleText();
  const { c, t } = text;
  const { principal } = useAuth();
  const allowed = supervisesInspection(inspection, principal);
  const issue = useChange('issueCode', { refresh: false });
  const { mutate } = issue;
  useEffect(() => {
    if (allowed) mutate({ params: { id: inspection.id } });
  }, [allowed, mutate, inspection.id]);
  if (!allowed) return <p role="alert">{t('errorForbidden')}</p>;
  if (issue.error) return <ErrorNotice error={issue.error} />;
  if (!issue.data) return <Loading />;
  const code = issue.data;
  return (
    <article className="notice-sheet" aria-labelledby="notice-title">
      <div className="actions no-print">
        <button type="button" onClick={() => window.print()}>
          {c('print')}
        </button>
      </div>
      <h1 id="notice-title">{c('noticeTitle')}</h1>
      <p className="notice-number">{c('noticeNumber', { id: inspection.id })}</p>
      <p>
        <strong>{c('noticeTo', { company: text.text(inspection.entityName) })}</strong>
      </p>
      <p>
        {c('noticeBody', {
          departments: inspection.departments.map(text.department).join('、'),
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
      <h2>{c('noticeInspectors')}</h2>
      <ul>
        {inspection.inspectors.map((inspector) => (
          <li key={inspector.id}>{c('noticeInspector', { name: text.text(inspector.name), department: text.department(inspector.department), certificate: inspector.certificateNo })}</li>
        ))}
      </ul>
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
    </article>
  );
}

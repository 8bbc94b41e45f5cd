/** The company's inspection on its phone: what happens, confirm the visit, read the findings, send rectification. */
import { useParams } from 'react-router';
import { useChange, useRead, useRefresh } from '../app/data.ts';
import { EvidenceForm } from '../app/evidence.tsx';
import { useI18n } from '../app/i18n.tsx';
import { refusal } from '#shared/inspections/lifecycle.ts';
import type { Inspection as Stored } from '#shared/inspections/model.ts';
import { CodeGone, codeGone, InspectionSummary, Results, Submissions, useMoment, type InspectionView } from '../app/inspection.tsx';
import { ErrorNotice, Loaded } from '../app/ui.tsx';

export default function CompanyInspection() {
  const { id = '' } = useParams();
  const query = useRead('getInspection', { params: { id } });
  return <Loaded query={query}>{(inspection) => <Inspection inspection={inspection} code={inspection.code} />}</Loaded>;
}

function Inspection({ inspection, code }: { inspection: InspectionView; code: string | undefined }) {
  const { t, instant, day } = useI18n();
  const checkIn = useChange('checkIn');
  // The API's own rule decides whether the visit may be confirmed today.
  const refused = refusal('check-in', inspection as Stored, useMoment(inspection.codeState));
  const submit = useChange('submitRectification', { refresh: false });
  const refresh = useRefresh();
  return (
    <>
      <InspectionSummary inspection={inspection} />
      <CodeGone inspection={inspection} />
      {inspection.status === 'scheduled' && !refused && (
        <section aria-labelledby="check-in">
          <h2 id="check-in">{t('checkInTitle')}</h2>
          <p>{t('checkInHint')}</p>
          <button type="button" disabled={checkIn.isPending} onClick={() => checkIn.mutate({ params: { id: inspection.id } })}>
            {t('checkIn')}
          </button>
          {checkIn.error && <ErrorNotice error={checkIn.error} />}
        </section>
      )}
      {inspection.status === 'scheduled' && refused && !codeGone(inspection) && (
        <p className="notice">{t('checkInWindow', { start: day(inspection.window.start), end: day(inspection.window.end) })}</p>
      )}
      {inspection.checkedIn && <p className="notice ok">{t('checkedInAt', { time: instant(inspection.checkedIn.at) })}</p>}
      <Results inspection={inspection} />
      {(inspection.status === 'rectifying' || submit.isSuccess) && (
        <section aria-labelledby="rectify">
          <h2 id="rectify">{t('rectifyTitle')}</h2>
          <EvidenceForm
            noteLabel={t('note')}
            photosLabel={t('photos')}
            submitLabel={t('submitRectification')}
            send={(note, files) => submit.mutateAsync({ params: { id: inspection.id }, body: { note, files } })}
            onDone={refresh}
          />
        </section>
      )}
      <Submissions inspection={inspection} />
      {code && (
        <p>
          <a href={`/c/${encodeURIComponent(code)}`}>{t('scanPage')}</a>
        </p>
      )}
    </>
  );
}

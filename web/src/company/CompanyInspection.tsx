/** The company's inspection on its phone: what happens, confirm the visit, read the findings, send rectification. */
import { useParams, useSearchParams } from 'react-router';
import { useChange, useRead, useRefresh } from '../app/data.ts';
import { EvidenceForm } from '../app/evidence.tsx';
import { useI18n } from '../app/i18n.tsx';
import { InspectionSummary, Results, Submissions, type InspectionView } from '../app/inspection.tsx';
import { ErrorNotice, Loaded } from '../app/ui.tsx';

export default function CompanyInspection() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const query = useRead('getInspection', { params: { id } });
  return <Loaded query={query}>{(inspection) => <Inspection inspection={inspection} code={search.get('code') ?? inspection.code} />}</Loaded>;
}

function Inspection({ inspection, code }: { inspection: InspectionView; code: string | undefined }) {
  const { t, instant } = useI18n();
  const checkIn = useChange('checkIn');
  const submit = useChange('submitRectification', { refresh: false });
  const refresh = useRefresh();
  return (
    <>
      <InspectionSummary inspection={inspection} />
      {inspection.status === 'scheduled' && (
        <section aria-labelledby="check-in">
          <h2 id="check-in">{t('checkInTitle')}</h2>
          <p>{t('checkInHint')}</p>
          <button type="button" disabled={checkIn.isPending} onClick={() => checkIn.mutate({ params: { id: inspection.id } })}>
            {t('checkIn')}
          </button>
          {checkIn.error && <ErrorNotice error={checkIn.error} />}
        </section>
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

/** The company's camera alerts, newest first, each answered with what was done and photos. */
import { useState } from 'react';
import { useChange, useRead, useRefresh } from '../app/data.ts';
import { EvidenceForm } from '../app/evidence.tsx';
import { useI18n } from '../app/i18n.tsx';
import type { Responses } from '../app/api.ts';
import { Loaded } from '../app/ui.tsx';

type Alert = Responses['listAlerts']['items'][number];

export default function CompanyAlerts() {
  const { t } = useI18n();
  const query = useRead('listAlerts', { query: { limit: 50 } });
  return (
    <>
      <h1>{t('alertsTitle')}</h1>
      <Loaded query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('noAlerts')}</p>
          ) : (
            <ul className="list plain">
              {items.map((alert) => (
                <AlertItem key={alert.id} alert={alert} />
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}

function AlertItem({ alert }: { alert: Alert }) {
  const { t, instant } = useI18n();
  const [answering, setAnswering] = useState(false);
  const respond = useChange('respondToAlert', { refresh: false });
  const refresh = useRefresh();
  const headingId = `alert-${alert.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`alert_${alert.type}`)}</h2>
      <p>{t('alertAt', { camera: alert.cameraId, time: instant(alert.at) })}</p>
      <p>
        <strong>{alert.status === 'answered' ? t('answered') : t('open')}</strong>
      </p>
      {alert.evidence && 'downloadUrl' in alert.evidence && (
        <p>
          <a href={alert.evidence.downloadUrl}>{t('snapshot')}</a>
        </p>
      )}
      {alert.response && <p>{alert.response.note}</p>}
      {alert.status === 'open' &&
        (answering ? (
          <EvidenceForm
            noteLabel={t('answerNote')}
            photosLabel={t('photos')}
            submitLabel={t('sendAnswer')}
            send={(note, files) => respond.mutateAsync({ params: { id: alert.id }, body: { note, files } })}
            onDone={refresh}
          />
        ) : (
          <button type="button" onClick={() => setAnswering(true)}>
            {t('answerAlert')}
          </button>
        ))}
    </li>
  );
}

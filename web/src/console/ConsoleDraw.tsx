/**
 * A draw as its department runs it: the commitment from the first moment, the frozen pool, then the draw with its
 * public beacon once the supervisor confirmed it (it cannot be undone), the strata and issuance progress, and who
 * was drawn (a page at a time, with the CSV of all), or abandoning it with a reason. Moves are offered to a
 * supervisor of the drawing department only, as the API allows; verification is on the public page.
 */
import { Descriptions, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { actsFor } from '#shared/auth/scope.ts';
import type { Responses } from '../app/api.ts';
import { useAuth } from '../app/auth.tsx';
import { useChange, useRead } from '../app/data.ts';
import { Loaded } from '../app/ui.tsx';
import { ConsoleErrorNotice } from './ConsoleError.tsx';
import { StrataTable } from './DrawPreview.tsx';
import { DrawResultsList } from './DrawResults.tsx';
import { useConsoleText } from './text.ts';

type Draw = Responses['getDraw'];

export default function ConsoleDraw() {
  const { id = '' } = useParams();
  const query = useRead('getDraw', { params: { id } });
  const moving = query.data?.status === 'preparing' || query.data?.status === 'executing';
  const { refetch } = query;
  // The pool snapshot and the issuance run as jobs: follow them until they are done.
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(() => void refetch(), 1000);
    return () => clearInterval(timer);
  }, [moving, refetch]);
  return <Loaded query={query}>{(draw) => <DrawDetail draw={draw} />}</Loaded>;
}

function DrawDetail({ draw }: { draw: Draw }) {
  const text = useConsoleText();
  const { c, t } = text;
  const { principal } = useAuth();
  const runs = actsFor(principal, [draw.parameters.department]);
  const execute = useChange('executeDraw');
  const abandon = useChange('abandonDraw');
  const [beacon, setBeacon] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  // Fixed once the pool is frozen: which beacon the draw must be executed with.
  const spec = draw.beaconSpec;
  // Executing without the beacon's value (or, for drand, without a signature's shape) is refused: not offered until given.
  const beaconGiven = spec?.source === 'drand-quicknet' ? /^[0-9a-f]{96}$/i.test(beacon.trim()) : beacon.trim() !== '';
  return (
    <>
      <h1>{text.text(draw.parameters.title)}</h1>
      <p role="status">
        <strong>{t(`draw_${draw.status}`)}</strong>
      </p>
      <section aria-label={t('drawRule')}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'department', label: c('drawDepartment'), children: text.list([draw.parameters.department, ...draw.parameters.jointDepartments].map(text.department)) },
            { key: 'segment', label: c('columnSegment'), children: text.segment(draw.parameters.segment) },
            { key: 'districts', label: t('drawDistricts'), children: draw.parameters.districts.length ? text.list(draw.parameters.districts.map(text.district)) : t('allDistricts') },
            { key: 'window', label: c('columnWindow'), children: `${text.day(draw.parameters.window.start)} – ${text.day(draw.parameters.window.end)}` },
            { key: 'pool', label: t('drawPool'), children: draw.poolSize === undefined ? c('poolPending') : c('poolLine', { count: draw.poolSize, inspectors: draw.inspectorCount ?? 0 }) },
          ]}
        />
        <dl>
          <dt>{t('commitment')}</dt>
          <dd className="hash">{draw.commitment}</dd>
          <dt>{c('beaconAnnounced')}</dt>
          <dd>
            {spec
              ? spec.source === 'drand-quicknet'
                ? c('beaconSpec_drand-quicknet', { round: spec.round, at: text.instant(spec.at) })
                : c('beaconSpec_operator', { at: text.instant(spec.at) })
              : c(`beacon_${draw.beaconSource ?? 'operator'}`)}
          </dd>
        </dl>
      </section>
      {draw.strata && <StrataTable strata={draw.strata} caption={c('strata')} />}
      {draw.summary && <p>{c('summaryLine', draw.summary)}</p>}
      {draw.issuance && (
        <p className="draw-progress">
          <label>
            <span>{c('issuance', { done: draw.issuance.done, total: draw.issuance.total })}</span>
            <progress max={Math.max(draw.issuance.total, 1)} value={draw.issuance.total ? draw.issuance.done : 1} />
          </label>
        </p>
      )}
      {runs && draw.status === 'announced' && (
        <section aria-labelledby="draw-execute">
          <h2 id="draw-execute">{c('executeTitle')}</h2>
          {spec && (
            <p className="hint" id="beacon-help">
              {spec.source === 'drand-quicknet' ? (
                <>
                  {c('beaconHelp_drand-quicknet', { at: text.instant(spec.at) })}{' '}
                  <a href={spec.url} target="_blank" rel="noreferrer" className="hash">
                    {spec.url}
                  </a>
                </>
              ) : (
                c('beaconHelp_operator', { at: text.instant(spec.at) })
              )}
            </p>
          )}
          <label className="field">
            <span>{spec?.source === 'drand-quicknet' ? c('beaconLabel_drand-quicknet', { round: spec.round }) : spec ? c('beaconLabel_operator') : c('beaconLabel')}</span>
            <input value={beacon} onChange={(event) => setBeacon(event.target.value)} aria-describedby={spec ? 'beacon-help' : undefined} required />
          </label>
          {!beaconGiven && (
            <p className="hint" id="beacon-needed">
              {c(spec?.source === 'drand-quicknet' ? 'drawBeaconNeeded_drand-quicknet' : 'drawBeaconNeeded')}
            </p>
          )}
          {execute.error && <ConsoleErrorNotice error={execute.error} />}
          <button type="button" disabled={execute.isPending || !beaconGiven} aria-describedby={beaconGiven ? undefined : 'beacon-needed'} onClick={() => setConfirming(true)}>
            {c('execute')}
          </button>
          <Modal
            open={confirming}
            title={c('drawConfirmTitle')}
            okText={c('drawConfirmOk')}
            cancelText={c('drawConfirmCancel')}
            onCancel={() => setConfirming(false)}
            onOk={() => {
              setConfirming(false);
              execute.mutate({ params: { id: draw.id }, body: { beacon } });
            }}
          >
            <p>{c('drawConfirmBody', { pool: draw.poolSize ?? 0, inspectors: draw.inspectorCount ?? 0, beacon })}</p>
            <p>
              <strong>{c('drawConfirmIrreversible')}</strong>
            </p>
          </Modal>
        </section>
      )}
      {runs && (draw.status === 'announced' || draw.status === 'preparing') && (
        <section aria-labelledby="draw-abandon">
          <h2 id="draw-abandon">{c('abandonTitle')}</h2>
          <label className="field">
            <span>{c('abandonReason')}</span>
            <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
          </label>
          {abandon.error && <ConsoleErrorNotice error={abandon.error} />}
          <button type="button" className="secondary" disabled={abandon.isPending || !reason.trim()} onClick={() => abandon.mutate({ params: { id: draw.id }, body: { reason } })}>
            {c('abandon')}
          </button>
        </section>
      )}
      {draw.abandoned && (
        <p>
          {t('abandonedBecause')}: {draw.abandoned.reason}
        </p>
      )}
      {draw.summary && <DrawResultsList draw={draw} />}
      <p className="actions">
        <Link to={`/draws/${encodeURIComponent(draw.id)}`}>{c('results')}</Link>
      </p>
    </>
  );
}

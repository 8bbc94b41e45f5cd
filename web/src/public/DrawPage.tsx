/**
 * One draw in plain words — the rule, the pool, the commitment, when it was announced and drawn — its results, and
 * its verification run in this browser by the same sc-draw/1 verifier the server and the command line use.
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import type { DrawOutcome } from '#shared/draws/model.ts';
import { checkReceipt, parseReceipt, receiptOf } from '#shared/draws/receipt.ts';
import { verifyDraw, type Check } from '#shared/draws/verify.ts';
import { ApiError, type Responses } from '../app/api.ts';
import { useRead } from '../app/data.ts';
import { useI18n } from '../app/i18n.tsx';
import { unassignedReason } from '../app/unassigned.ts';
import type { Key } from '../app/messages.ts';
import { ErrorNotice, Loaded } from '../app/ui.tsx';

type Draw = Responses['getDraw'];

export default function DrawPage() {
  const { id = '' } = useParams();
  const query = useRead('getDraw', { params: { id } });
  return <Loaded query={query}>{(draw) => <DrawRecord draw={draw} />}</Loaded>;
}

const percent = (basisPoints: number) => basisPoints / 100;

/** A check's name in the catalogue, or as the verifier named it (a newer verifier may add checks). */
const checkKey = (name: string, prefix: 'check_' | 'checkMeaning_') => `${prefix}${name}` as Key;

function DrawRecord({ draw }: { draw: Draw }) {
  const { t, instant, day, department, segment, district, text, list } = useI18n();
  const { parameters: p, rule } = { parameters: draw.parameters, rule: draw.parameters.rule };
  const ruleText =
    rule.kind === 'ratio'
      ? t('ruleRatio', { A: percent(rule.basisPoints.A), B: percent(rule.basisPoints.B), C: percent(rule.basisPoints.C), D: percent(rule.basisPoints.D), ungraded: rule.ungradedAs })
      : t('ruleCount', { count: rule.count, ...rule.weights });
  return (
    <>
      <h1>{text(p.title)}</h1>
      <p className={`status draw-${draw.status}`}>
        <strong>{t(`draw_${draw.status}`)}</strong>
      </p>
      <section aria-labelledby="record">
        <h2 id="record">{t('drawRule')}</h2>
        <p>{ruleText}</p>
        <dl>
          <dt>{t('drawSegment')}</dt>
          <dd>{segment(p.segment)}</dd>
          <dt>{t('drawDistricts')}</dt>
          <dd>{p.districts.length ? list(p.districts.map(district)) : t('allDistricts')}</dd>
          <dt>{t('drawWindow')}</dt>
          <dd>
            {day(p.window.start)} {t('to')} {day(p.window.end)}
          </dd>
          <dt>{t('drawDepartments')}</dt>
          <dd>{list([p.department, ...p.jointDepartments].map(department))}</dd>
          {draw.poolSize !== undefined && (
            <>
              <dt>{t('drawPool')}</dt>
              <dd>{t('poolSize', { count: draw.poolSize, inspectors: draw.inspectorCount ?? 0 })}</dd>
            </>
          )}
          <dt>{t('commitment')}</dt>
          <dd>
            <code className="hash">{draw.commitment}</code>
            <p className="hint">{t('commitmentHint')}</p>
          </dd>
          <dt>{t('announcedAt')}</dt>
          <dd>{instant(draw.announcedAt ?? draw.createdAt)}</dd>
          {draw.beaconSpec && (
            <>
              <dt>{t('beaconFixedTitle')}</dt>
              <dd>
                {draw.beaconSpec.source === 'operator' ? (
                  t('beaconOperator', { at: instant(draw.beaconSpec.at) })
                ) : (
                  <a href={draw.beaconSpec.url}>{t('beaconDrand', { round: draw.beaconSpec.round, at: instant(draw.beaconSpec.at) })}</a>
                )}
              </dd>
            </>
          )}
          {draw.executedAt && (
            <>
              <dt>{t('executedAt')}</dt>
              <dd>{instant(draw.executedAt)}</dd>
              <dt>{t('beacon')}</dt>
              <dd>{draw.beacon ? <code className="hash">{draw.beacon}</code> : t('noBeacon')}</dd>
            </>
          )}
          {draw.abandoned && (
            <>
              <dt>{t('abandonedBecause')}</dt>
              <dd>
                {draw.abandoned.reason} ({instant(draw.abandoned.at)})
              </dd>
            </>
          )}
        </dl>
      </section>
      {draw.summary && <DrawResults id={draw.id} filesDate={draw.publication.filesPublicFrom} />}
      <Receipt draw={draw} />
      <Files draw={draw} filesDate={draw.publication.filesPublicFrom} />
      <Verify draw={draw} filesDate={draw.publication.filesPublicFrom} />
    </>
  );
}

function DrawResults({ id, filesDate }: { id: string; filesDate: string }) {
  const i18n = useI18n();
  const { t, day, department, text, list } = i18n;
  const query = useRead('drawResults', { params: { id } });
  return (
    <section aria-labelledby="results">
      <h2 id="results">{t('drawResults')}</h2>
      <Loaded query={query}>
        {(results) =>
          'note' in results && results.note ? (
            <p>{t('filesLater', { date: day(filesDate) })}</p>
          ) : (
          <>
            <ul className="list plain">
              {results.companies.map((c) => (
                <li key={c.entityId}>
                  <strong>{text(c.entityName ?? c.entityId)}</strong>
                  <span>{list(c.departments.map(department))}</span>
                  <span>
                    {c.status === 'pending' ? t('status_scheduled') : t(`status_${c.status}` as Key)}
                    {'outcome' in c && c.outcome ? ` · ${t(`outcome_${c.outcome}`)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
            {'unassigned' in results && results.unassigned && results.unassigned.length > 0 && (
              <>
                <h3>{t('unassignedTitle')}</h3>
                <ul>
                  {results.unassigned.map((u) => (
                    <li key={u.entityId}>
                      {u.entityId}: {unassignedReason(i18n, u.reason)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
          )
        }
      </Loaded>
    </section>
  );
}

/** The announcement to keep, built by the same code as `verify-draw --save-receipt`; shown once the pool is frozen. */
function Receipt({ draw }: { draw: Draw }) {
  const { t, instant } = useI18n();
  if (!draw.poolHash || !draw.announcedAt) return null;
  const save = () => {
    const receipt = receiptOf(draw, new Date().toISOString(), window.location.href);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: 'application/json' }));
    link.download = `${draw.id}-receipt.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <section aria-labelledby="receipt">
      <h2 id="receipt">{t('receiptTitle')}</h2>
      <p>
        {t('announcedAt')}: {instant(draw.announcedAt)}
      </p>
      <p>{t('receiptHint')}</p>
      <button type="button" onClick={save}>
        {t('receiptDownload')}
      </button>
      <p className="hint">{t('receiptCli')}</p>
    </section>
  );
}

/**
 * Saves a published file under its name. The files come from the files bucket, another origin, where browsers ignore
 * `download` and open JSON in the tab instead: fetched and handed over as a blob, it downloads. Without script, or
 * if the fetch fails, the link opens the file as before.
 */
async function saveFile(event: React.MouseEvent<HTMLAnchorElement>, href: string, name: string) {
  event.preventDefault();
  try {
    const response = await fetch(href);
    if (!response.ok) throw new Error(`${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch {
    window.location.assign(href);
  }
}

function Files({ draw, filesDate }: { draw: Draw; filesDate: string }) {
  const { t, day } = useI18n();
  const { files } = draw;
  if (!draw.poolHash) return null;
  const links: [Key, string | undefined, string][] = [
    ['filePool', files.pool, 'pool.ndjson'],
    ['fileInspectors', files.inspectors, 'inspectors.ndjson'],
    ['fileOutcome', files.outcome, 'outcome.json'],
  ];
  return (
    <section aria-labelledby="files">
      <h2 id="files">{t('filesTitle')}</h2>
      <dl>
        <dt>pool.ndjson SHA-256</dt>
        <dd>
          <code className="hash">{draw.poolHash}</code>
        </dd>
        <dt>inspectors.ndjson SHA-256</dt>
        <dd>
          <code className="hash">{draw.inspectorsHash}</code>
        </dd>
      </dl>
      {files.pool ? (
        <ul>
          {links
            .filter(([, href]) => href)
            .map(([label, href, name]) => (
              <li key={name}>
                <a href={href} download={`${draw.id}-${name}`} onClick={(event) => void saveFile(event, href!, `${draw.id}-${name}`)}>
                  {t(label)}
                </a>
              </li>
            ))}
        </ul>
      ) : (
        <p>{t('filesLater', { date: day(filesDate) })}</p>
      )}
    </section>
  );
}

async function download(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status}`);
  return response.text();
}

/** A check's finding in the reader's language: the catalogue's sentence with the verifier's values, lists listed and times on the authority's clock. */
function useCheckDetail(): (check: Check) => string {
  const { t, list, instant, district, department } = useI18n();
  const label = (name: string) => (name === 'districts' ? district : name === 'departments' ? department : (x: string) => x);
  return ({ said, detail }) => {
    if (!said) return detail;
    const values = Object.fromEntries(
      Object.entries(said.values).map(([name, value]) => [name, Array.isArray(value) ? list(value.map(label(name))) : typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? instant(value) : value]),
    );
    return t(`checkDetail_${said.key}` as Key, values);
  };
}

function Verify({ draw, filesDate }: { draw: Draw; filesDate: string }) {
  const { t, day, list } = useI18n();
  const detail = useCheckDetail();
  const [checks, setChecks] = useState<{ verified: boolean; checks: Check[] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [receiptCheck, setReceiptCheck] = useState<Check>();
  const { pool, inspectors, outcome } = draw.files;
  if (draw.status !== 'executed' && draw.status !== 'executing') {
    return (
      <section aria-labelledby="verify">
        <h2 id="verify">{t('verifyTitle')}</h2>
        <p>{t('notExecuted')}</p>
      </section>
    );
  }
  if (!pool || !inspectors || !outcome || !draw.seed) {
    return (
      <section aria-labelledby="verify">
        <h2 id="verify">{t('verifyTitle')}</h2>
        <p>{t('verifyLater', { date: day(filesDate) })}</p>
      </section>
    );
  }
  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      const [poolText, inspectorsText, outcomeText] = await Promise.all([download(pool!), download(inspectors!), download(outcome!)]);
      const result = verifyDraw(
        { ...draw, poolHash: draw.poolHash!, poolSize: draw.poolSize!, inspectorsHash: draw.inspectorsHash!, outcome: JSON.parse(outcomeText) as DrawOutcome },
        poolText,
        inspectorsText,
        outcomeText,
      );
      setChecks(result);
    } catch (caught) {
      // fetch rejects with a TypeError when the connection drops.
      setError(caught instanceof TypeError ? new ApiError('network', caught.message) : (caught as Error));
    } finally {
      setBusy(false);
    }
  }
  async function compare(file: File | undefined) {
    if (!file) return;
    try {
      setReceiptCheck(checkReceipt(parseReceipt(await file.text()), draw));
    } catch (caught) {
      setReceiptCheck({ name: 'receipt', passed: false, detail: (caught as Error).message });
    }
  }
  const all = checks && { verified: checks.verified && receiptCheck?.passed !== false, checks: [...checks.checks, ...(receiptCheck ? [receiptCheck] : [])] };
  const failed = all?.checks.filter((c) => !c.passed) ?? [];
  return (
    <section aria-labelledby="verify">
      <h2 id="verify">{t('verifyTitle')}</h2>
      <p>{t('verifyHint')}</p>
      <button type="button" disabled={busy} onClick={() => void run()}>
        {busy ? t('verifying') : t('verifyButton')}
      </button>
      <label>
        {t('receiptCheck')} <input type="file" accept="application/json,.json" onChange={(event) => void compare(event.target.files?.[0])} />
      </label>
      {error && <ErrorNotice error={error} onRetry={() => void run()} />}
      {all && (
        <>
          <p role="status" className={`notice ${all.verified ? 'ok' : 'bad'}`}>
            {all.verified ? t('verified') : t('notVerified', { checks: list(failed.map((c) => t(checkKey(c.name, 'check_')))) })}
          </p>
          <ul className="checks">
            {all.checks.map((c) => (
              <li key={c.name} className={c.passed ? 'pass' : 'fail'}>
                <strong>
                  <span aria-hidden="true">{c.passed ? '✓' : '✗'}</span> {t(checkKey(c.name, 'check_'))}: {c.passed ? t('passed') : t('failed')}
                </strong>
                <p>{t(checkKey(c.name, 'checkMeaning_'))}</p>
                <p className="hint detail">{detail(c)}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

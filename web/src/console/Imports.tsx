/**
 * Imports from the browser: choose what the file holds (the kinds, named and described in the reader's language, come
 * from shared/imports/kind-labels.ts through GET /imports), pick a CSV or NDJSON file, upload it straight to the files
 * bucket with the presigned URL (with its progress), then follow the job's progress and download the report of the
 * rows it rejected.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { importUploadBody, maxImportBytes } from '#shared/api/schemas.ts';
import type { Responses } from '../app/api.ts';
import { useChange, useRead, useRefresh } from '../app/data.ts';
import { putWithProgress } from '../app/evidence.tsx';
import { Loaded } from '../app/ui.tsx';
import { ListTable } from './ListControls.tsx';
import { useConsoleText } from './text.ts';
import { ConsoleErrorNotice } from './ConsoleError.tsx';

type Page = Responses['listImports'];
type ImportEntry = Page['items'][number];

const finished = (status: ImportEntry['status']) => status === 'done' || status === 'failed';
/** Waiting for a file whose upload link has expired: it will not come. */
const abandoned = (entry: Pick<ImportEntry, 'status' | 'uploadBy'>) => entry.status === 'waiting' && entry.uploadBy !== undefined && Date.parse(entry.uploadBy) < Date.now();

export default function Imports() {
  const { c } = useConsoleText();
  const [shown, setShown] = useState<string>();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  // The list follows imports under way by itself.
  const list = useRead('listImports', { query: { limit: 10, ...(cursor ? { cursor } : {}) } }, { refetchInterval: (page) => (page?.items.some((i) => !finished(i.status) && !abandoned(i)) ? 3000 : false) });
  return (
    <>
      <h1>{c('importsTitle')}</h1>
      <p>{c('importsIntro')}</p>
      <Loaded query={list}>
        {(page) => (
          <>
            <UploadForm kinds={page.kinds} onStarted={setShown} />
            {shown && <ImportProgressView id={shown} />}
            <Recent page={page} onShow={setShown} cursors={cursors} setCursors={setCursors} />
          </>
        )}
      </Loaded>
    </>
  );
}

function UploadForm({ kinds, onStarted }: { kinds: Page['kinds']; onStarted: (id: string) => void }) {
  const { c, percent, language } = useConsoleText();
  const request = useChange('requestImport', { refresh: false });
  const refresh = useRefresh();
  const [kind, setKind] = useState(kinds[0]?.name ?? '');
  const [file, setFile] = useState<File>();
  const [fraction, setFraction] = useState<number>();
  const [problem, setProblem] = useState<string>();
  const described = kinds.find((k) => k.name === kind);

  async function start(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    if (!file) return setProblem(c('importsChooseFile'));
    // The API's own rules for the file, said in the reader's language before anything is sent.
    if (!importUploadBody.shape.fileName.safeParse(file.name).success) return setProblem(c('importsNotCsv'));
    if (file.size === 0) return setProblem(c('importsEmpty'));
    if (!importUploadBody.shape.size.safeParse(file.size).success) return setProblem(c('importsTooLarge', { max: `${maxImportBytes / 1024 ** 3} GB` }));
    const started = await request.mutateAsync({ body: { kind, fileName: file.name, size: file.size } }).catch(() => undefined);
    if (!started) return; // request.error says why
    setFraction(0);
    try {
      await putWithProgress(started.upload, file, setFraction);
      onStarted(started.id);
      refresh();
    } catch (error) {
      setProblem(c('importsUploadFailed', { reason: (error as Error).message }));
    } finally {
      setFraction(undefined);
    }
  }

  return (
    <form onSubmit={(event) => void start(event)} noValidate>
      <label>
        {c('importsKind')}
        <select value={kind} onChange={(event) => setKind(event.target.value)} aria-describedby="import-columns">
          {kinds.map((k) => (
            <option key={k.name} value={k.name}>
              {k.label[language].name}
            </option>
          ))}
        </select>
      </label>
      <p id="import-columns" className="hint">
        {c('importsColumns')} {described?.label[language].description}
      </p>
      <label>
        {c('importsFile')}
        <input type="file" accept=".csv,.ndjson,.jsonl,text/csv" onChange={(event) => setFile(event.target.files?.[0])} aria-describedby="import-file-hint" />
      </label>
      <p id="import-file-hint" className="hint">
        {c('importsFileHint')}
      </p>
      <button type="submit" disabled={fraction !== undefined || request.isPending}>
        {c('importsStart')}
      </button>
      {fraction !== undefined && (
        <p>
          <label>
            {c('importsUploading', { percent: percent(fraction) })}
            <progress max={1} value={fraction} />
          </label>
        </p>
      )}
      {request.error && <ConsoleErrorNotice error={request.error} />}
      {problem && (
        <div className="notice bad" role="alert">
          {problem}
        </div>
      )}
    </form>
  );
}

function ImportProgressView({ id }: { id: string }) {
  const { c, number } = useConsoleText();
  const query = useRead('getImport', { params: { id } }, { refetchInterval: (progress) => (progress && (finished(progress.status) || abandoned(progress)) ? false : 1000) });
  const refresh = useRefresh();
  const status = query.data?.status;
  // The list beside it shows the outcome too.
  useEffect(() => {
    if (status && finished(status)) refresh();
  }, [status]);
  return (
    <section aria-labelledby="import-progress-title">
      <Loaded query={query}>
        {(progress) => (
          <>
            <h2 id="import-progress-title">{c('importsProgressTitle', { file: progress.fileName })}</h2>
            <p role="status">{abandoned(progress) ? c('importsNeverUploaded') : c(`importsStatus_${progress.status}`)}</p>
            <dl className="record-facts">
              <dt>{c('importsRows')}</dt>
              <dd>{number(progress.rows)}</dd>
              <dt>{c('importsImported')}</dt>
              <dd>{number(progress.imported)}</dd>
              <dt>{c('importsRejected')}</dt>
              <dd>{number(progress.rejected)}</dd>
            </dl>
            {'report' in progress &&
              (progress.rejected > 0 ? (
                <>
                  <a className="button" href={progress.report.url} download>
                    {c('importsReport', { count: number(progress.rejected) })}
                  </a>
                  <p className="hint">{c('importsReportHint')}</p>
                </>
              ) : (
                <p className="notice ok">{c('importsAllGood', { count: number(progress.imported) })}</p>
              ))}
            {progress.status === 'failed' && (
              <div className="notice bad" role="alert">
                <p lang="en">{progress.error}</p>
                <p>{c('importsFailedHint')}</p>
              </div>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

function Recent({ page, onShow, cursors, setCursors }: { page: Page; onShow: (id: string) => void; cursors: (string | undefined)[]; setCursors: (next: (string | undefined)[]) => void }) {
  const { c, number, instant, language } = useConsoleText();
  // A kind the list names but this API no longer offers (renamed since) is shown by its key.
  const kindName = (kind: string) => page.kinds.find((k) => k.name === kind)?.label[language].name ?? kind;
  return (
    <section aria-labelledby="imports-recent">
      <h2 id="imports-recent">{c('importsRecent')}</h2>
      {page.items.length === 0 && !page.cursor ? (
        <p>{c('importsNone')}</p>
      ) : (
        <ListTable<ImportEntry>
          rowKey="id"
          dataSource={page.items}
          pagination={false}
          columns={[
            {
              title: c('importsColumnFile'),
              key: 'file',
              render: (_, entry) => (
                <button type="button" className="link" aria-label={c('importsShow', { file: entry.fileName })} onClick={() => onShow(entry.id)}>
                  {entry.fileName}
                </button>
              ),
            },
            { title: c('importsColumnKind'), key: 'kind', render: (_, entry) => kindName(entry.kind) },
            { title: c('importsColumnStatus'), key: 'status', render: (_, entry) => (abandoned(entry) ? c('importsNeverUploaded') : c(`importsStatus_${entry.status}`)) },
            { title: c('importsColumnCounts'), key: 'counts', render: (_, entry) => `${number(entry.imported)} / ${number(entry.rejected)}` },
            { title: c('importsColumnWhen'), key: 'when', render: (_, entry) => instant(entry.createdAt) },
          ]}
        />
      )}
      {(cursors.length > 1 || page.cursor) && (
        <nav className="actions pager" aria-label={c('pageN', { n: cursors.length })}>
          <button type="button" className="secondary" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            {c('previousPage')}
          </button>
          <span>{c('pageN', { n: cursors.length })}</span>
          <button type="button" className="secondary" disabled={!page.cursor} onClick={() => setCursors([...cursors, page.cursor])}>
            {c('nextPage')}
          </button>
        </nav>
      )}
    </section>
  );
}

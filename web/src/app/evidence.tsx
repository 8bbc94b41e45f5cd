/**
 * Evidence from a phone: photos taken with the camera, sent straight to the files bucket with the presigned PUT
 * URLs the API hands back, each with its own progress bar and a retry when the connection drops.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { EvidenceFile } from '#shared/api/schemas.ts';
import { evidenceFile } from '#shared/api/schemas.ts';
import { useI18n } from './i18n.tsx';
import { ErrorNotice } from './ui.tsx';

export interface Upload {
  name: string;
  url: string;
  headers: Record<string, string>;
}

/** One PUT with upload progress (fetch cannot report it); rejects on a dropped connection or a refusal. */
export function putWithProgress(upload: Upload, file: Blob, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', upload.url);
    for (const [name, value] of Object.entries(upload.headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status >= 200 && request.status < 300 ? resolve() : reject(new Error(`upload answered ${request.status}`)));
    request.onerror = request.onabort = request.ontimeout = () => reject(new Error('connection lost'));
    request.send(file);
  });
}

/**
 * The files as the API's schema describes them: names a phone made up are cleaned of what the schema refuses and
 * made distinct (phones call every photo image.jpg), so each upload URL is found by its file's name.
 */
export function describeFiles(files: File[]): EvidenceFile[] {
  const seen = new Set<string>();
  return files.map((file, index) => {
    let name = file.name.replace(/[/\\\u0000-\u001f]/g, '_').slice(-100) || 'photo.jpg';
    if (seen.has(name)) name = `${index + 1}-${name}`;
    seen.add(name);
    return { name, contentType: file.type as EvidenceFile['contentType'], size: file.size };
  });
}

type Progress = { fraction: number; state: 'uploading' | 'done' | 'failed' };

interface Props {
  noteLabel?: string;
  submitLabel: string;
  photosLabel: string;
  /** Sends the note and the files' descriptions; answers with one upload per file, in order. */
  send(note: string, files: EvidenceFile[]): Promise<{ uploads: Upload[] }>;
  /** Every photo is up. */
  onDone(): void;
  /** Whether the note is needed (rectification, answers) or not sent at all (results take their own fields). */
  withNote?: boolean;
  /** Fields of the form that come before the photos. */
  children?: ReactNode;
  /** What is still missing or wrong in the fields before the photos, said to the user; nothing is sent until fixed. */
  problem?: string;
  /** What will be saved, shown for a second look before anything is sent (for a record that cannot be undone). */
  confirmation?: (files: File[]) => ReactNode;
}

export function EvidenceForm({ noteLabel, submitLabel, photosLabel, send, onDone, withNote = true, children, problem, confirmation }: Props) {
  const { t } = useI18n();
  const [checked, setChecked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  /** Per file, where to upload it; none for a file the store already holds (evidence is write-once). */
  const [uploads, setUploads] = useState<(Upload | undefined)[]>();
  const [progress, setProgress] = useState<Progress[]>([]);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const unsupported = files.filter((f) => !evidenceFile.shape.contentType.safeParse(f.type).success);

  const setOne = (index: number, next: Progress) => setProgress((all) => all.map((p, i) => (i === index ? next : p)));
  async function upload(index: number, target: Upload): Promise<boolean> {
    setOne(index, { fraction: 0, state: 'uploading' });
    try {
      await putWithProgress(target, files[index]!, (fraction) => setOne(index, { fraction, state: 'uploading' }));
      setOne(index, { fraction: 1, state: 'done' });
      return true;
    } catch {
      setOne(index, { fraction: 0, state: 'failed' });
      return false;
    }
  }
  async function uploadAll(targets: (Upload | undefined)[]) {
    const results = await Promise.all(targets.map((target, i) => (target ? upload(i, target) : (setOne(i, { fraction: 1, state: 'done' }), true))));
    return results.every(Boolean);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (unsupported.length > 0 || busy) return;
    setChecked(true);
    setError(undefined);
    if (problem) return;
    if (confirmation && !confirming) return setConfirming(true);
    setBusy(true);
    setError(undefined);
    try {
      const described = describeFiles(files);
      const answer = await send(note.trim(), described);
      const targets = described.map((file) => answer.uploads.find((u) => u.name === file.name));
      setUploads(targets);
      setProgress(files.map(() => ({ fraction: 0, state: 'uploading' })));
      if (await uploadAll(targets)) onDone();
    } catch (caught) {
      setError(caught as Error);
      // Corrected fields get a fresh second look.
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  async function retry(index: number) {
    const target = uploads?.[index];
    if (!target) return;
    if ((await upload(index, target)) && progress.every((p, i) => i === index || p.state === 'done')) onDone();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {children}
      {withNote && (
        <label className="field">
          <span>{noteLabel}</span>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} required rows={3} disabled={Boolean(uploads)} />
        </label>
      )}
      <label className="field file">
        <span>{photosLabel}</span>
        <span className="hint">{t('photosHint')}</span>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          disabled={Boolean(uploads)}
          onChange={(e) => setFiles((current) => [...current, ...Array.from(e.target.files ?? [])].slice(0, 10))}
        />
      </label>
      {unsupported.map((f) => (
        <p key={f.name} role="alert" className="notice bad">
          {t('unsupportedPhoto', { name: f.name })}
        </p>
      ))}
      {files.length > 0 && (
        <ul className="photos">
          {files.map((file, i) => {
            const p = progress[i];
            return (
              <li key={`${file.name}-${i}`}>
                <span className="name">{file.name}</span>
                {p ? (
                  <>
                    <progress max={1} value={p.fraction} aria-label={t('uploadProgress', { name: file.name })} />
                    <span>{p.state === 'done' ? t('uploaded') : p.state === 'failed' ? t('uploadFailed') : t('uploading')}</span>
                    {p.state === 'failed' && (
                      <button type="button" onClick={() => void retry(i)}>
                        {t('retryUpload', { name: file.name })}
                      </button>
                    )}
                  </>
                ) : (
                  <button type="button" className="secondary" onClick={() => setFiles((all) => all.filter((_, n) => n !== i))}>
                    {t('removePhoto', { name: file.name })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {progress.some((p) => p.state === 'failed') && (
        <p role="alert" className="notice bad">
          {t('someFailed')}
        </p>
      )}
      {progress.length > 0 && progress.every((p) => p.state === 'done') && (
        <p role="status" className="notice ok">
          {t('allUploaded')}
        </p>
      )}
      {checked && problem && (
        <p role="alert" className="notice bad">
          {problem}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      {confirming && !uploads && confirmation ? (
        <section className="confirm" role="group" aria-labelledby="confirm-title">
          <h3 id="confirm-title">{t('confirmTitle')}</h3>
          {confirmation(files)}
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t('confirmSave')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
              {t('confirmBack')}
            </button>
          </div>
        </section>
      ) : (
        !uploads && (
          <button type="submit" disabled={busy}>
            {submitLabel}
          </button>
        )
      )}
    </form>
  );
}

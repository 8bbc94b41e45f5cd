/** "Export CSV": the rows the caller gathers (all pages of the list under its filters) as a file Excel opens in Chinese. */
import { useState } from 'react';
import type { Cell } from '#shared/exports/csv.ts';
import { useConsoleText } from './text.ts';
import { ConsoleErrorNotice } from './ConsoleError.tsx';

/**
 * Every item of a list the API pages by cursor, a page after another (what the file holds is what the list shows);
 * `progress` hears how many items have come so far.
 */
export async function everyPage<T>(read: (cursor: string | undefined) => Promise<{ items: T[]; cursor?: string }>, progress?: (count: number) => void): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    progress?.(items.length);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

/**
 * `rows` gathers the file's rows and may tell how many it has so far: a long export shows that it is getting on.
 * `filtered`: the list has filters, and the button says the file follows them; a list without filters says nothing of them.
 */
export function ExportButton({ fileName, rows, filtered = false }: { fileName: string; rows: (progress: (count: number) => void) => Promise<{ header: string[]; rows: Cell[][] }>; filtered?: boolean }) {
  const { c, number } = useConsoleText();
  const [busy, setBusy] = useState(false);
  const [count, setCount] = useState<number>();
  const [error, setError] = useState<Error>();
  async function save() {
    setBusy(true);
    setCount(undefined);
    setError(undefined);
    try {
      // The CSV writer loads on the first export, not with the list.
      const [table, { toCsv }] = await Promise.all([rows(setCount), import('#shared/exports/csv.ts')]);
      const url = URL.createObjectURL(new Blob([toCsv(table.header, table.rows)], { type: 'text/csv;charset=utf-8' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      link.click();
      // The download has taken the data by the next task.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" className="secondary" disabled={busy} onClick={() => void save()}>
        {busy ? c('exporting') : c(filtered ? 'exportCsvFiltered' : 'exportCsv')}
      </button>
      <span role="status">{busy && count !== undefined ? c('exportProgress', { count: number(count) }) : ''}</span>
      {error && <ConsoleErrorNotice error={error} />}
    </>
  );
}

/** Paging through a list the API reads by cursor: previous, page n, next. */
import { useState } from 'react';
import { useConsoleText } from './text.ts';

/**
 * The cursors of the pages seen so far (so "previous" needs no cursor backwards), starting again at page one when
 * `filters` (what the list is read under) change.
 */
export function useCursorPages(filters: string) {
  const { c } = useConsoleText();
  const [pages, setPages] = useState<{ filters: string; cursors: (string | undefined)[] }>({ filters, cursors: [undefined] });
  const cursors = pages.filters === filters ? pages.cursors : [undefined];
  return {
    cursor: cursors.at(-1),
    /** The controls under the page shown, `next` being the cursor it came with. */
    controls: (next: string | undefined) => (
      <nav className="actions pager" aria-label={c('pageN', { n: cursors.length })}>
        <button type="button" className="secondary" disabled={cursors.length === 1} onClick={() => setPages({ filters, cursors: cursors.slice(0, -1) })}>
          {c('previousPage')}
        </button>
        <span>{c('pageN', { n: cursors.length })}</span>
        <button type="button" className="secondary" disabled={!next} onClick={() => setPages({ filters, cursors: [...cursors, next] })}>
          {c('nextPage')}
        </button>
      </nav>
    ),
  };
}

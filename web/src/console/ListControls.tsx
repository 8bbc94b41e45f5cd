/** What every server-paged console list has: filters kept in the address (a link reopens the same list) and cursor pages. */
import { Table, type TableColumnsType, type TableProps } from 'antd';
import { useState, type TdHTMLAttributes } from 'react';
import { useSearchParams } from 'react-router';
import { isValidCreditCode } from '#shared/entities/credit-code.ts';
import { Loaded } from '../app/ui.tsx';
import { useConsoleText } from './text.ts';

/** The list's filters as the address holds them, and a way to change one (an empty value removes it). */
export function useSearchFilters() {
  const [search, setSearch] = useSearchParams();
  const choose = (name: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };
  return { search, choose };
}

export function FilterSelect(props: { label: string; value: string | undefined; options: [string, string][]; anyLabel?: string; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <select value={props.value ?? ''} onChange={(event) => props.onChange(event.target.value)}>
        {props.anyLabel && <option value="">{props.anyLabel}</option>}
        {props.options.map(([value, shown]) => (
          <option key={value} value={value}>
            {shown}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The cursors of the pages seen so far, for "previous page"; a new filter (another address) starts again at page one. */
export function useCursorPages() {
  const [search] = useSearchParams();
  const key = search.toString();
  const [pages, setPages] = useState<{ key: string; cursors: (string | undefined)[] }>({ key, cursors: [undefined] });
  const cursors = pages.key === key ? pages.cursors : [undefined];
  return {
    cursor: cursors.at(-1),
    number: cursors.length,
    back: () => setPages({ key, cursors: cursors.slice(0, -1) }),
    forward: (next: string | undefined) => setPages({ key, cursors: [...cursors, next] }),
  };
}

export function Pager({ pages, next }: { pages: ReturnType<typeof useCursorPages>; next: string | undefined }) {
  const { c } = useConsoleText();
  return (
    <nav className="actions pager" aria-label={c('pageN', { n: pages.number })}>
      <button type="button" className="secondary" disabled={pages.number === 1} onClick={pages.back}>
        {c('previousPage')}
      </button>
      <span>{c('pageN', { n: pages.number })}</span>
      <button type="button" className="secondary" disabled={!next} onClick={() => pages.forward(next)}>
        {c('nextPage')}
      </button>
    </nav>
  );
}

/**
 * A list as a table at a desk and, on a phone (narrower than antd's `sm`, 576 px), each row a card of its cells, each
 * under its column's name (console.css): every column stays readable and no list scrolls sideways.
 */
export function ListTable<T extends object>({ columns, ...props }: Omit<TableProps<T>, 'columns' | 'scroll' | 'className'> & { columns: TableColumnsType<T> }) {
  const named = columns.map((column) => ({
    ...column,
    onCell: (record: T, index?: number) => ({ ...column.onCell?.(record, index), 'data-label': typeof column.title === 'string' ? column.title : '' }) as TdHTMLAttributes<HTMLElement>,
  }));
  return <Table<T> {...props} className="cards-on-phone" scroll={{ x: 'max-content' }} columns={named} />;
}

/** One page of a list as a table (or what to say when it is empty), with its pager. */
export function PagedTable<T extends { id: string }>(props: {
  query: { data?: { items: T[]; cursor?: string }; error: Error | null; refetch(): unknown };
  pages: ReturnType<typeof useCursorPages>;
  empty: string;
  /** Said instead of `empty` when the page is empty but the server has more to look through (a filtered read). */
  emptyWithMore?: string;
  columns: TableColumnsType<T>;
}) {
  return (
    <Loaded query={props.query}>
      {(page) => (
        <>
          {page.items.length === 0 ? (
            <p>{page.cursor && props.emptyWithMore ? props.emptyWithMore : props.empty}</p>
          ) : (
            <ListTable<T> rowKey="id" dataSource={page.items} pagination={false} columns={props.columns} />
          )}
          <Pager pages={props.pages} next={page.cursor} />
        </>
      )}
    </Loaded>
  );
}

/** The next page of a list read page by page, below what is shown; nothing once the list is all there. */
export function ShowMore({ pages }: { pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  const { c } = useConsoleText();
  if (!pages.hasNextPage) return null;
  return (
    <button type="button" className="secondary" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
      {c('companiesShowMore')}
    </button>
  );
}

/** What was typed in a company search box: a credit code when it is one (spaces and case as typed), else part of a name. */
export function companySearch(typed: string): { creditCode: string } | { name: string } | {} {
  const compact = typed.replace(/\s+/g, '').toUpperCase();
  if (isValidCreditCode(compact)) return { creditCode: compact };
  const name = typed.trim();
  return name ? { name } : {};
}

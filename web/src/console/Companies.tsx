/**
 * The companies a supervisor's department supervises: search by name or credit code, filter by segment, district and
 * grade, a page at a time by the API's cursor (the server reads a bounded stretch each page; the city has millions),
 * each company a link to its page; the CSV holds every page under the same filters.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { creditGrade } from '#shared/api/schemas.ts';
import { localDay } from '#shared/dates.ts';
import { districtIds } from '#shared/labels.ts';
import type { Input, Responses } from '../app/api.ts';
import { useApi, useRead } from '../app/data.ts';
import { everyPage, ExportButton } from './ExportButton.tsx';
import { companySearch, FilterSelect, PagedTable, useCursorPages, useSearchFilters } from './ListControls.tsx';
import { GradeTag } from './GradeTag.tsx';
import { useScope } from './scope.ts';
import { useConsoleText } from './text.ts';
import { useHereAsFrom } from './way-back.ts';

type CompanyRow = Responses['listEntities']['items'][number];

export default function Companies() {
  const text = useConsoleText();
  const here = useHereAsFrom();
  const { c } = text;
  const scope = useScope();
  const api = useApi();
  const { search, choose } = useSearchFilters();
  const typed = search.get('q') ?? '';
  const [draft, setDraft] = useState(typed);
  const filter: NonNullable<Input<'listEntities'>['query']> = {
    ...companySearch(typed),
    ...(search.get('segment') ? { segment: search.get('segment')! } : {}),
    ...(search.get('district') ? { district: search.get('district')! } : {}),
    ...(search.get('grade') ? { grade: search.get('grade') as CompanyRow['grade'] } : {}),
  };
  const pages = useCursorPages();
  const query = useRead('listEntities', { query: { ...filter, limit: 25, ...(pages.cursor ? { cursor: pages.cursor } : {}) } });
  const select = (name: 'segment' | 'district' | 'grade', label: string, options: [string, string][], anyLabel: string) => (
    <FilterSelect label={label} value={search.get(name) ?? undefined} options={options} anyLabel={anyLabel} onChange={(value) => choose(name, value)} />
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    choose('q', draft.trim());
  };
  /** Every company under these filters, page after page through the server's cursor. */
  async function allRows(progress: (count: number) => void) {
    const companies = await everyPage((cursor) => api.call('listEntities', { query: { ...filter, limit: 100, ...(cursor ? { cursor } : {}) } }), progress);
    return {
      header: [c('columnCompany'), c('creditCode'), c('filterSegment'), c('filterDistrict'), c('creditGrade'), c('score'), c('companiesAsOf'), 'id'],
      rows: companies.map((company) => [
        text.text(company.name),
        company.creditCode ?? '',
        text.segment(company.segment),
        text.district(company.district),
        company.grade ?? '',
        company.score === undefined ? '' : Math.round(company.score * 10) / 10,
        company.asOf ?? '',
        company.id,
      ]),
    };
  }

  return (
    <>
      <h1>{c('companiesTitle')}</h1>
      <section aria-labelledby="filters" className="console-filters">
        <h2 id="filters">{c('filters')}</h2>
        <form role="search" className="actions company-search" onSubmit={submit}>
          <label className="field">
            <span>{c('companiesSearch')}</span>
            <input type="search" value={draft} onChange={(event) => setDraft(event.target.value)} />
          </label>
          <button type="submit">{c('companiesSearchButton')}</button>
        </form>
        <div className="filter-row">
          {select('segment', c('filterSegment'), scope.segments.map((segment) => [segment, text.segment(segment)]), c('all'))}
          {select('district', c('filterDistrict'), districtIds.map((district) => [district, text.district(district)]), c('all'))}
          {select('grade', c('creditGrade'), creditGrade.options.map((grade) => [grade, grade]), c('companiesGradeAny'))}
        </div>
      </section>
      <div className="actions pager">
        <p className="hint">{c('companiesHint')}</p>
        <ExportButton fileName={`companies-${localDay(new Date(), text.timeZone)}.csv`} rows={allRows} filtered />
      </div>
      <PagedTable<CompanyRow>
        query={query}
        pages={pages}
        empty={c('companiesNone')}
        emptyWithMore={c('companiesSearchOn')}
        columns={[
          {
            title: c('columnCompany'),
            key: 'name',
            render: (_, company) => <Link to={`/console/companies/${encodeURIComponent(company.id)}`} state={here}>{text.text(company.name)}</Link>,
          },
          { title: c('creditCode'), key: 'code', render: (_, company) => company.creditCode ?? '—' },
          { title: c('filterSegment'), key: 'segment', render: (_, company) => text.segment(company.segment) },
          { title: c('filterDistrict'), key: 'district', render: (_, company) => text.district(company.district) },
          { title: c('creditGrade'), key: 'grade', render: (_, company) => <GradeTag grade={company.grade} /> },
          { title: c('score'), key: 'score', render: (_, company) => (company.score === undefined ? '—' : text.number(Math.round(company.score * 10) / 10)) },
          { title: c('companiesAsOf'), key: 'asOf', render: (_, company) => (company.asOf ? text.day(company.asOf) : '—') },
        ]}
      />
    </>
  );
}

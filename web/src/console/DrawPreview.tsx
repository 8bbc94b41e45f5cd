/**
 * What a draw draws, as tables: per stratum (the wizard's preview, then the draw's own strata once executed), the
 * pool per district and grade, and the inspectors who can be sent — so a supervisor sees the counts before
 * committing to anything.
 */
import type { ReactNode } from 'react';
import type { Responses } from '../app/api.ts';
import { useConsoleText } from './text.ts';

type Preview = Responses['previewDraw'];
const gradeColumns = ['A', 'B', 'C', 'D', 'ungraded'] as const;

/** Each stratum's pool and how many are drawn from it (a grade; `all` for a fixed count). */
export function StrataTable({ strata, caption }: { strata: Preview['strata']; caption: string }) {
  const { c, number } = useConsoleText();
  return (
    <ScrollingTable label={caption}>
      <table className="plain-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c('stratum')}</th>
            <th scope="col">{c('pool')}</th>
            <th scope="col">{c('quota')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(strata)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([stratum, { pool, quota }]) => (
            <tr key={stratum}>
              <th scope="row">{stratum === 'all' ? c('drawStratumAll') : c('drawStratumGrade', { grade: stratum })}</th>
              <td>{number(pool)}</td>
              <td>{number(quota)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollingTable>
  );
}

/** A table wider than a phone scrolls in its frame, which a keyboard reaches too (it is focusable, and named). */
function ScrollingTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function DrawPreviewTables({ preview }: { preview: Preview }) {
  const text = useConsoleText();
  const { c, number } = text;
  const capacity = preview.inspectors.reduce((sum, { capacity }) => sum + capacity, 0);
  // Every department sends one inspector per company at least: one without anyone available leaves all unassigned.
  // Inspectors are sent only where they work (unless any district will do): the totals above can hide a district none can reach.
  const shortIn = preview.reach.filter((row) => row.short);
  const short = capacity < preview.needed || preview.inspectors.some((row) => row.available === 0) || shortIn.length > 0;
  const reachDistrict = (district: string) => (district === '*' ? c('drawPreviewReachAll') : text.district(district));
  return (
    <section aria-labelledby="draw-preview" className="draw-preview">
      <h2 id="draw-preview">{c('drawPreviewTitle')}</h2>
      <p className="hint">{c('drawPreviewHint')}</p>
      {preview.countedAsOf && <p className="hint">{c('drawPreviewCountedAsOf', { day: text.day(preview.countedAsOf) })}</p>}
      <p role="status">
        <strong>{c('drawPreviewPool', { count: number(preview.poolSize), expected: number(preview.expected) })}</strong>
      </p>
      {preview.poolSize > 0 && <StrataTable strata={preview.strata} caption={c('drawPreviewStrata')} />}
      {preview.districts.length > 0 && (
        <ScrollingTable label={c('drawPreviewDistricts')}>
          <table className="plain-table">
            <caption>{c('drawPreviewDistricts')}</caption>
            <thead>
              <tr>
                <th scope="col">{c('filterDistrict')}</th>
                <th scope="col">{c('pool')}</th>
                {gradeColumns.map((grade) => (
                  <th key={grade} scope="col">
                    {grade === 'ungraded' ? c('notGraded') : c('drawStratumGrade', { grade })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.districts.map((row) => (
                <tr key={row.district}>
                  <th scope="row">{text.district(row.district)}</th>
                  <td>{number(row.pool)}</td>
                  {gradeColumns.map((grade) => (
                    <td key={grade}>{number(row.grades[grade])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollingTable>
      )}
      <ScrollingTable label={c('drawPreviewInspectors')}>
        <table className="plain-table">
          <caption>{c('drawPreviewInspectors')}</caption>
          <thead>
            <tr>
              <th scope="col">{c('drawDepartment')}</th>
              <th scope="col">{c('drawPreviewActive')}</th>
              <th scope="col">{c('drawPreviewQualified')}</th>
              <th scope="col">{c('drawPreviewAvailable')}</th>
              <th scope="col">{c('drawPreviewCapacity')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.inspectors.map((row) => (
              <tr key={row.department}>
                <th scope="row">{text.department(row.department)}</th>
                <td>{number(row.active)}</td>
                <td>{number(row.qualified)}</td>
                <td>{number(row.available)}</td>
                <td>{number(row.capacity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollingTable>
      {preview.reach.length > 0 && (
        <ScrollingTable label={c('drawPreviewReach')}>
          <table className="plain-table">
            <caption>{c('drawPreviewReach')}</caption>
            <thead>
              <tr>
                <th scope="col">{c('filterDistrict')}</th>
                <th scope="col">{c('drawPreviewReachExpected')}</th>
                {preview.inspectors.map(({ department }) => (
                  <th key={department} scope="col">
                    {c('drawPreviewReachDepartment', { department: text.department(department) })}
                  </th>
                ))}
                <th scope="col">{c('drawPreviewReachStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.reach.map((row) => (
                <tr key={row.district}>
                  <th scope="row">{reachDistrict(row.district)}</th>
                  <td>{number(row.expected)}</td>
                  {row.departments.map(({ department, available, capacity }) => (
                    <td key={department}>
                      {number(available)} / {number(capacity)}
                    </td>
                  ))}
                  <td>{row.short ? <strong>{c('drawPreviewReachShort')}</strong> : c('drawPreviewReachOk')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollingTable>
      )}
      <p className="hint">{c('drawPreviewReachHint')}</p>
      {preview.ungradedAs && <p className="hint">{c('drawPreviewUngradedAs', { grade: preview.ungradedAs })}</p>}
      <div className={short ? 'notice bad' : 'hint'}>
        <p>
          {c('drawPreviewNeeded', { needed: number(preview.needed), capacity: number(capacity) })}
          {short && ` ${c('drawPreviewShort')}`}
        </p>
        {shortIn.length > 0 && <p>{c('drawPreviewReachShortIn', { districts: shortIn.map((row) => reachDistrict(row.district)).join(', ') })}</p>}
        {short && <p>{c('drawPreviewReachAdvice')}</p>}
      </div>
    </section>
  );
}

/**
 * A chart people look at (or only its description while there is no data), with the same figures for people who cannot: Apache ECharts (only the parts used, SVG,
 * `aria` on, in the reader's language) under a heading, its description read out and shown, and its table.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useConsoleText } from './text.ts';

echarts.use([BarChart, LineChart, PieChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartProps {
  id: string;
  title: string;
  description: string;
  option: ChartOption;
  table: { head: string[]; rows: (string | number)[][] };
  height?: number;
}

/** Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito), dark enough on white. */
export const palette = ['#0072b2', '#e69f00', '#009e73', '#d55e00', '#cc79a7', '#56b4e9', '#994f00', '#000000'];

export function Chart({ id, title, description, option, table, height = 320 }: ChartProps) {
  const { c, language } = useConsoleText();
  const element = useRef<HTMLDivElement>(null);
  const empty = table.rows.length === 0;
  useEffect(() => {
    if (empty) return;
    const chart = echarts.init(element.current!, undefined, { renderer: 'svg', locale: language === 'en' ? 'EN' : 'ZH' });
    chart.setOption({ color: palette, aria: { enabled: true, label: { description } }, tooltip: {}, ...option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [empty, option, description, language]);
  return (
    <section className="chart" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-description`}>{description}</p>
      {!empty && (
        <>
          <div ref={element} className="chart-canvas" style={{ height }} role="img" aria-describedby={`${id}-description`} aria-label={title} />
          <details>
            <summary>{c('showTable')}</summary>
            <div className="table-wrap">
              <table className="plain-table">
                <caption>{title}</caption>
                <thead>
                  <tr>
                    {table.head.map((cell) => (
                      <th key={cell} scope="col">
                        {cell}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row) => (
                    <tr key={String(row[0])}>
                      {row.map((cell, n) =>
                        n === 0 ? (
                          <th key={n} scope="row">
                            {cell}
                          </th>
                        ) : (
                          <td key={n}>{cell}</td>
                        ),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

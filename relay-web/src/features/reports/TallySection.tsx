import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Tally } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { CHART, tooltipStyle } from './chartStyle.ts';
import { useMediaQuery } from '../../hooks/useMediaQuery.ts';
import { byCount, CHARTS_NARROW, countText, percentText, shareOf, shortLabel, total } from './reportFormat.ts';

export interface TallySectionProps {
  id: string;
  icon: IconName;
  title: string;
  /** The first column's heading (service, item, district). */
  keyHeading: string;
  tallies: readonly Tally[];
  /** A key's name in the reader's language. */
  name(key: string): string;
  /** Shows the key itself before each name in the table (dispatch item codes). */
  showCode?: boolean;
  /** Characters of a name on the chart's axis (fewer on a phone). */
  labelChars: number;
}

/** A name on the axis on one line: already shortened, so never wrapped (the chart's own wrapping guesses widths). */
function NameTick({ x, y, payload }: { x: number | string; y: number | string; payload: { value: unknown } }): ReactElement {
  return (
    <text x={Number(x) - 4} y={y} dy={5} textAnchor="end" fill={CHART.ink} fontSize={14}>
      {String(payload.value)}
    </text>
  );
}

/**
 * Cases counted by one key: a bar chart, largest first, and the same numbers in a table (with each share)
 * for screen readers, keyboards and anyone reading exact figures. The chart itself is one image for
 * assistive technology, named to point at the table.
 */
export function TallySection({ id, icon, title, keyHeading, tallies, name, showCode = false, labelChars }: TallySectionProps): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const narrow = useMediaQuery(CHARTS_NARROW);
  const chars = narrow ? Math.min(labelChars, lang.startsWith('en') ? 12 : 6) : labelChars;
  const rows = byCount(tallies);
  const sum = total(tallies);
  const data = rows.map((r) => ({ key: r.key, label: shortLabel(name(r.key), chars), name: name(r.key), count: r.count }));
  // About one em per Chinese character and a little over half an em per Latin letter, at 14 px.
  const axisWidth = 16 + chars * (lang.startsWith('en') ? 9 : 15);
  return (
    <section className="panel report-section" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>
        <Icon name={icon} /> {title}
      </h2>
      <div className="report-section__body">
        <figure className="report-chart" role="img" aria-label={t('reports.chartNote', { title })}>
          <ResponsiveContainer width="100%" height={40 + data.length * 32}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 4 }} accessibilityLayer={false}>
              <CartesianGrid horizontal={false} stroke={CHART.grid} />
              <XAxis type="number" allowDecimals={false} tick={{ fill: CHART.ink, fontSize: 14 }} stroke={CHART.axis} tickFormatter={(v: number) => countText(v, lang)} />
              <YAxis type="category" dataKey="label" width={axisWidth} interval={0} tick={NameTick} stroke={CHART.axis} />
              <Tooltip cursor={{ fill: CHART.hover }} contentStyle={tooltipStyle} formatter={(v) => [countText(Number(v), lang), t('reports.col.count')]} labelFormatter={(_, p) => String(p[0]?.payload?.name ?? '')} />
              <Bar dataKey="count" fill={CHART.primary} isAnimationActive={false}>
                <LabelList dataKey="count" position="right" fill={CHART.ink} fontSize={14} formatter={(v) => countText(Number(v), lang)} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <div className="table-wrap" role="region" aria-label={title} tabIndex={0}>
          <table className="table report-table">
            <caption className="visually-hidden">
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{keyHeading}</th>
                <th scope="col" className="num">
                  {t('reports.col.count')}
                </th>
                <th scope="col" className="num">
                  {t('reports.col.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-key={r.key} data-count={r.count}>
                  <th scope="row">
                    {showCode && <span className="report-code">{r.key}</span>}
                    {name(r.key)}
                  </th>
                  <td className="num">{countText(r.count, lang)}</td>
                  <td className="num">{percentText(shareOf(r.count, sum), lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('reports.col.total')}</th>
                <td className="num">{countText(sum, lang)}</td>
                <td className="num">{sum > 0 ? percentText(1, lang) : '—'}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </div>
    </section>
  );
}

import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { QUEUE_RULES } from '@sign-relay/shared';
import type { ReportDay } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { CHART, tooltipStyle } from './chartStyle.ts';
import { countText, dayLabel, daysSoFar, percentText, shareOf, trendPoints } from './reportFormat.ts';

const AXIS = { tick: { fill: CHART.ink, fontSize: 14 }, stroke: CHART.axis } as const;
const HEIGHT = 240;
/** The contacts chart's lines, in the order the legend and the tooltip list them. */
const SERIES = ['videoCalls', 'textChats', 'abandoned'];

/**
 * A month day by day (up to today): video calls, text chats and abandoned calls; cases; the share answered
 * within 120 s against the target line. Each chart is one image for assistive technology; the table below has every number.
 */
export function TrendSection({ days: all, now }: { days: readonly ReportDay[]; now: number }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const days = daysSoFar(all, now);
  const points = trendPoints(days);
  const label = (_: unknown, payload: readonly { payload?: { date?: string } }[]) => dayLabel(payload[0]?.payload?.date ?? '', lang);
  const count = (v: unknown, name: unknown) => [countText(Number(v), lang), String(name)];
  const target = QUEUE_RULES.serviceLevelTarget * 100;
  const sum = (f: (d: ReportDay) => number) => days.reduce((n, d) => n + f(d), 0);
  const within = (d: Pick<ReportDay, 'answeredWithinTarget' | 'answered' | 'abandoned'>) => percentText(shareOf(d.answeredWithinTarget, d.answered + d.abandoned), lang);

  return (
    <section className="panel report-section" aria-labelledby="report-trend-title" data-testid="report-trend">
      <h2 id="report-trend-title">
        <Icon name="calendar" /> {t('reports.trend.title')}
      </h2>
      <div className="report-trend">
        <figure className="report-chart" role="img" aria-label={t('reports.chartNote', { title: t('reports.trend.contacts') })}>
          <figcaption>{t('reports.trend.contacts')}</figcaption>
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke={CHART.grid} />
              <XAxis dataKey="tick" {...AXIS} interval="preserveStartEnd" />
              <YAxis allowDecimals={false} width={48} {...AXIS} />
              <Tooltip contentStyle={tooltipStyle} labelFormatter={label} formatter={count} itemSorter={(item) => SERIES.indexOf(String(item.dataKey))} />
              <Legend wrapperStyle={{ color: CHART.ink }} itemSorter={null} />
              <Line type="monotone" dataKey="videoCalls" name={t('reports.col.videoCalls')} stroke={CHART.primary} strokeWidth={3} dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="textChats" name={t('reports.col.textChats')} stroke={CHART.green} strokeWidth={3} strokeDasharray="8 4" dot={false} isAnimationActive={false} />
              <Line type="monotone" dataKey="abandoned" name={t('reports.col.abandoned')} stroke={CHART.red} strokeWidth={2} strokeDasharray="2 3" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <figure className="report-chart" role="img" aria-label={t('reports.chartNote', { title: t('reports.trend.cases') })}>
          <figcaption>{t('reports.trend.cases')}</figcaption>
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <BarChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid vertical={false} stroke={CHART.grid} />
              <XAxis dataKey="tick" {...AXIS} interval="preserveStartEnd" />
              <YAxis allowDecimals={false} width={48} {...AXIS} />
              <Tooltip cursor={{ fill: CHART.hover }} contentStyle={tooltipStyle} labelFormatter={label} formatter={count} />
              <Bar dataKey="cases" name={t('reports.col.cases')} fill={CHART.brown} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <figure className="report-chart" role="img" aria-label={t('reports.chartNote', { title: t('reports.trend.serviceLevel') })}>
          <figcaption>
            {t('reports.trend.serviceLevel')} <span className="report-chart__note">{t('reports.trend.targetLine', { percent: target })}</span>
          </figcaption>
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke={CHART.grid} />
              <XAxis dataKey="tick" {...AXIS} interval="preserveStartEnd" />
              <YAxis domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} unit="%" width={56} {...AXIS} />
              <Tooltip contentStyle={tooltipStyle} labelFormatter={label} formatter={(v) => [v === null || v === undefined ? '—' : `${Number(v).toFixed(1)}%`, t('reports.col.serviceLevel')]} />
              <ReferenceLine y={target} stroke={CHART.ink} strokeWidth={2} strokeDasharray="6 4" />
              <Line type="monotone" dataKey="serviceLevel" name={t('reports.col.serviceLevel')} stroke={CHART.primary} strokeWidth={3} dot={{ r: 3, fill: CHART.primary }} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      </div>
      <details className="report-days">
        <summary>
          <Icon name="forward" /> {t('reports.trend.table')}
        </summary>
        <div className="table-wrap" role="region" aria-label={t('reports.trend.table')} tabIndex={0}>
          <table className="table report-table" data-testid="report-days">
            <caption className="visually-hidden">{t('reports.trend.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.col.date')}</th>
                <th scope="col" className="num">{t('reports.col.videoCalls')}</th>
                <th scope="col" className="num">{t('reports.col.answered')}</th>
                <th scope="col" className="num">{t('reports.col.within')}</th>
                <th scope="col" className="num">{t('reports.col.abandoned')}</th>
                <th scope="col" className="num">{t('reports.col.textChats')}</th>
                <th scope="col" className="num">{t('reports.col.cases')}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date} data-date={d.date}>
                  <th scope="row">{dayLabel(d.date, lang)}</th>
                  <td className="num">{countText(d.videoCalls, lang)}</td>
                  <td className="num">{countText(d.answered, lang)}</td>
                  <td className="num">{within(d)}</td>
                  <td className="num">{countText(d.abandoned, lang)}</td>
                  <td className="num">{countText(d.textChats, lang)}</td>
                  <td className="num">{countText(d.cases, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('reports.col.total')}</th>
                <td className="num">{countText(sum((d) => d.videoCalls), lang)}</td>
                <td className="num">{countText(sum((d) => d.answered), lang)}</td>
                <td className="num">{within({ answeredWithinTarget: sum((d) => d.answeredWithinTarget), answered: sum((d) => d.answered), abandoned: sum((d) => d.abandoned) })}</td>
                <td className="num">{countText(sum((d) => d.abandoned), lang)}</td>
                <td className="num">{countText(sum((d) => d.textChats), lang)}</td>
                <td className="num">{countText(sum((d) => d.cases), lang)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </details>
    </section>
  );
}

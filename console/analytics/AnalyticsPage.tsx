import { useState } from 'react';
import '../../extension/dashboard/insights/insights.css';
import type { ActiveUsersPoint, PlatformAnalyticsReport, PlatformCountRow } from '../../shared/admin/console-api';
import { drawable, formatGroupFigure, formatShare, hiddenLabel } from '../../shared/admin/group-figure';
import { useSession } from '../session';
import { ErrorMessage, formatDateTime, PageHeading, useLoad } from '../ui';
import { SERIES_COLOURS_COUNT } from './chart-series';
import { FigureCard } from './FigureCard';
import { ActiveUsersLine, CaptureHealthLines, HorizontalBars, RatesChart, VerticalBars } from './charts';

/**
 * Platform analytics (GET /api/admin/analytics): aggregates over every
 * contributing account, where the server has already hidden groups of fewer
 * than `minGroup` people. Charts draw the figures shown; each table names the hidden ones.
 */

const CHART_TOP = 15;

export function AnalyticsPage() {
  const { call, download } = useSession();
  const [loaded] = useLoad(() => call<PlatformAnalyticsReport>('GET', '/api/admin/analytics'), 'analytics');
  const [csvError, setCsvError] = useState<unknown>(null);
  return (
    <section className="console-page insights">
      <PageHeading>Analytics</PageHeading>
      <div className="row">
        <button type="button" onClick={() => download('/api/admin/analytics.csv', 'analytics.csv').catch((error: unknown) => setCsvError(error))}>
          Download CSV
        </button>
      </div>
      <ErrorMessage error={csvError} />
      {loaded.state === 'loading' && <p role="status">Loading analytics…</p>}
      {loaded.state === 'failed' && <ErrorMessage error={loaded.error} />}
      {loaded.state === 'ready' && <Report report={loaded.value} />}
    </section>
  );
}

function Report({ report }: { report: PlatformAnalyticsReport }) {
  const n = report.minGroup;
  const figure = (value: number | null, format?: (value: number) => string) => formatGroupFigure(value, n, format);
  const days = (value: number) => `${Math.round(value * 10) / 10} days`;
  const hiddenNote = (count: number) => (count > 0 ? ` ${count} ${count === 1 ? 'group is' : 'groups are'} ${hiddenLabel(n)}.` : '');
  const countHidden = <T,>(rows: readonly T[], key: keyof T) => rows.filter((row) => row[key] === null).length;

  return (
    <>
      <p className="muted">
        {report.contributors} accounts contribute (those who opted out are left out). Groups of fewer than {n} people are hidden. Figures of {formatDateTime(report.generatedAt)}.
      </p>
      <dl className="insights-tiles">
        <div className="insights-tile">
          <dt>Captured automatically</dt>
          <dd className="insights-tile-value">{figure(report.captures.automatic)}</dd>
        </div>
        <div className="insights-tile">
          <dt>Added by hand</dt>
          <dd className="insights-tile-value">{figure(report.captures.manual)}</dd>
        </div>
      </dl>
      <div className="insights-grid">
        <CountCard id="by-month" title="Applications per month" rowHeader="Month" rows={report.applicationsByMonth} minGroup={n} wide vertical />
        <ActiveUsersCard active={report.activeUsers} minGroup={n} />
        <CountCard id="by-status" title="Applications by status" rowHeader="Status" rows={report.byStatus} minGroup={n} />
        <CountCard id="by-location" title="Applications by city and country" rowHeader="Place" rows={report.byLocation} minGroup={n} />
        <CountCard id="by-site" title="Applications by site" rowHeader="Site" rows={report.bySite} minGroup={n} />
        <FigureCard
          id="site-rates"
          title="Responses, interviews and offers by site"
          summary={`Share of each site's applications that reached each stage.${hiddenNote(countHidden(report.bySite, 'responseRate'))}`}
          table={{
            caption: 'Stage rates and median days to a first response by site',
            columns: ['Site', 'Response rate', 'Interview rate', 'Offer rate', 'Median days to response'],
            rows: report.bySite.map((row) => [row.key, figure(row.responseRate, formatShare), figure(row.interviewRate, formatShare), figure(row.offerRate, formatShare), figure(row.medianResponseDays, days)]),
          }}
          wide
        >
          <RatesChart data={rateBars(report.bySite)} />
        </FigureCard>
        <FigureCard
          id="by-company"
          title="Median time to a first response by company"
          summary={`Days from applying to the first answer.${hiddenNote(countHidden(report.byCompany, 'medianResponseDays'))}`}
          table={{
            caption: 'Median days to a first response by company',
            columns: ['Company', 'Median days', 'People'],
            rows: report.byCompany.map((row) => [row.company, figure(row.medianResponseDays, days), figure(row.users)]),
          }}
        >
          <HorizontalBars data={drawable(report.byCompany, 'medianResponseDays').slice(0, CHART_TOP).map((row) => ({ name: row.company, value: row.medianResponseDays }))} label="Median days" />
        </FigureCard>
        <CaptureHealthCard rows={report.captureHealth} minGroup={n} />
      </div>
    </>
  );
}

function CountCard({ id, title, rowHeader, rows, minGroup, wide, vertical }: { id: string; title: string; rowHeader: string; rows: readonly PlatformCountRow[]; minGroup: number; wide?: boolean; vertical?: boolean }) {
  const hidden = rows.filter((row) => row.applications === null).length;
  const shown = drawable(rows, 'applications');
  const top = shown.reduce<PlatformCountRow | null>((best, row) => (best === null || (row.applications ?? 0) > (best.applications ?? 0) ? row : best), null);
  const data = shown.slice(0, vertical ? undefined : CHART_TOP).map((row) => ({ name: row.key, value: row.applications }));
  return (
    <FigureCard
      id={id}
      title={title}
      wide={wide}
      summary={`${top ? `Most: ${top.key}, ${top.applications} applications.` : 'No group large enough to show.'}${hidden > 0 ? ` ${hidden} ${hidden === 1 ? 'group is' : 'groups are'} ${hiddenLabel(minGroup)}.` : ''}`}
      table={{
        caption: `${title}, with the people behind them`,
        columns: [rowHeader, 'Applications', 'People'],
        rows: rows.map((row) => [row.key, formatGroupFigure(row.applications, minGroup), formatGroupFigure(row.users, minGroup)]),
      }}
    >
      {vertical ? <VerticalBars data={data} label="Applications" /> : <HorizontalBars data={data} label="Applications" />}
    </FigureCard>
  );
}

const PERIODS = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' } as const;
type Period = keyof typeof PERIODS;

function ActiveUsersCard({ active, minGroup }: { active: PlatformAnalyticsReport['activeUsers']; minGroup: number }) {
  const [period, setPeriod] = useState<Period>('weekly');
  const points: ActiveUsersPoint[] = active[period];
  const data = drawable(points, 'users');
  const last = data[data.length - 1];
  return (
    <FigureCard
      id="active-users"
      title="Active users"
      summary={`${PERIODS[period]} people who synced.${last ? ` Latest: ${last.users} in ${last.period}.` : ''}`}
      table={{
        caption: `${PERIODS[period]} active users`,
        columns: ['Period', 'People'],
        rows: points.map((point) => [point.period, formatGroupFigure(point.users, minGroup)]),
      }}
      wide
      controls={
        <div className="field console-period">
          <label htmlFor="active-period">Period</label>
          <select id="active-period" value={period} onChange={(event) => setPeriod(event.target.value as Period)}>
            {Object.entries(PERIODS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      }
    >
      <ActiveUsersLine data={data} />
    </FigureCard>
  );
}

/** Captures per day for each site and page layout: a line that falls to zero shows a redesign that broke detection. */
function CaptureHealthCard({ rows, minGroup }: { rows: PlatformAnalyticsReport['captureHealth']; minGroup: number }) {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(`${row.site} · ${row.layout}`, (totals.get(`${row.site} · ${row.layout}`) ?? 0) + (row.captures ?? 0));
  const series = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, SERIES_COLOURS_COUNT).map(([name]) => name);
  const byDay = new Map<string, Record<string, number | string>>();
  for (const row of rows) {
    const name = `${row.site} · ${row.layout}`;
    if (!series.includes(name) || row.captures === null) continue;
    const day = byDay.get(row.day) ?? { day: row.day };
    day[name] = row.captures;
    byDay.set(row.day, day);
  }
  const data = [...byDay.values()].sort((a, b) => String(a.day).localeCompare(String(b.day)));
  return (
    <FigureCard
      id="capture-health"
      title="Capture health by site and page layout"
      summary={`Captures a day for the ${series.length} busiest site layouts; a fall to zero usually means a site changed its pages.`}
      table={{
        caption: 'Captures a day by site and page layout',
        columns: ['Day, site and layout', 'Captures'],
        rows: rows.map((row) => [`${row.day} ${row.site} ${row.layout}`, formatGroupFigure(row.captures, minGroup)]),
      }}
      wide
    >
      <CaptureHealthLines data={data} series={series} />
    </FigureCard>
  );
}

function rateBars(rows: PlatformAnalyticsReport['bySite']) {
  const percent = (value: number | null) => (value === null ? null : Math.round(value * 100));
  return rows
    .filter((row): row is typeof row & { responseRate: number } => row.responseRate !== null)
    .slice(0, CHART_TOP)
    .map((row) => ({ name: row.key, response: Math.round(row.responseRate * 100), interview: percent(row.interviewRate), offer: percent(row.offerRate) }));
}

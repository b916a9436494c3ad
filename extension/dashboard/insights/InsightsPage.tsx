import { useMemo } from 'react';
import { computeInsights, type Insights } from '../../../shared/insights';
import type { Job } from '../../../shared/schema';
import { label } from '../../ui/format';
import { SiteResponseRates } from '../community/SiteResponseRates';
import { BreakdownChart, breakdownSummary } from './BreakdownChart';
import { FunnelChart } from './FunnelChart';
import { locationLabel, plural } from './format';
import { ResponseTimeChart } from './ResponseTimeChart';
import { StatTiles } from './StatTiles';
import { StatusChart } from './StatusChart';
import { WeeklyChart } from './WeeklyChart';
import './insights.css';

/** Insights of the user's jobs as of now in their own time zone (weeks start on their Monday). */
function insightsNow(jobs: readonly Job[]): Insights {
  const now = new Date();
  return computeInsights(jobs, { now, utcOffsetMinutes: -now.getTimezoneOffset() });
}

/**
 * The Insights page: everything is computed here, from the jobs already in the browser, with no
 * network. The one exception, for a signed-in person, is the comparison with others on the same
 * sites (SiteResponseRates), asked of their server when this page opens and kept for offline.
 * The computation reruns only when the job list changes.
 */
export function InsightsPage({ jobs }: { jobs: readonly Job[] }) {
  const insights = useMemo(() => insightsNow(jobs), [jobs]);
  const applied = insights.responseRate.applied;

  return (
    <section className="insights" aria-labelledby="insights-heading">
      <header className="insights-header">
        <h2 id="insights-heading">Insights</h2>
        <p className="muted">
          {applied > 0
            ? `From your ${plural(applied, 'application', 'applications')}, worked out on this device.`
            : 'Worked out on this device from the jobs you track.'}
        </p>
      </header>
      {applied === 0 ? <EmptyInsights saved={insights.statusBreakdown.total} /> : <InsightCharts insights={insights} />}
    </section>
  );
}

function EmptyInsights({ saved }: { saved: number }) {
  return (
    <div className="insights-empty">
      <h3>No applications yet</h3>
      <p>
        Insights appear once you have applied somewhere. Apply to a job on LinkedIn or Internshala and TrackRuit records it, or
        use <strong>Track this page</strong> on any other job page.
      </p>
      {saved > 0 && <p className="muted">{plural(saved, 'saved job is', 'saved jobs are')} waiting: mark one as applied to start.</p>}
    </div>
  );
}

function InsightCharts({ insights }: { insights: Insights }) {
  const sites = insights.bySite.map((row) => ({ ...row, name: label(row.platform) }));
  const locations = insights.byLocation.map((row) => ({ ...row, name: locationLabel(row) }));
  return (
    <>
      <StatTiles insights={insights} />
      <div className="insights-grid">
        <FunnelChart steps={insights.funnel} />
        <StatusChart breakdown={insights.statusBreakdown} />
        <WeeklyChart perWeek={insights.applicationsPerWeek} />
        <ResponseTimeChart time={insights.responseTime} />
        <BreakdownChart id="insights-sites" title="By site" rowHeader="Site" rows={sites} summary={breakdownSummary(sites)} />
        <BreakdownChart
          id="insights-locations"
          wide
          title="By location"
          rowHeader="Location"
          rows={locations}
          summary={breakdownSummary(locations)}
          nameWidth={140}
        />
        <SiteResponseRates bySite={insights.bySite} />
      </div>
    </>
  );
}

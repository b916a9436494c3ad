import type { FunnelStage, Insights } from '../../../shared/insights';
import { formatCount, formatDays, formatDecimal, formatPercent, plural } from './format';

interface Tile {
  label: string;
  value: string;
  detail: string;
}

export function statTiles(insights: Insights): Tile[] {
  const { responseRate, responseTime, funnel, applicationsPerWeek } = insights;
  const stage = (name: FunnelStage) => funnel.find((step) => step.stage === name)?.count ?? 0;
  return [
    { label: 'Applications', value: formatCount(responseRate.applied), detail: `${formatCount(responseRate.awaiting)} awaiting an answer` },
    { label: 'Response rate', value: formatPercent(responseRate.rate), detail: `${formatCount(responseRate.responded)} answered` },
    {
      label: 'Median first response',
      value: formatDays(responseTime.medianDays),
      detail: responseTime.count ? `over ${plural(responseTime.count, 'dated response', 'dated responses')}` : 'no dated responses yet',
    },
    { label: 'Interviews', value: formatCount(stage('interview')), detail: plural(stage('offer'), 'offer', 'offers') },
    { label: 'Per week', value: formatDecimal(applicationsPerWeek.averagePerWeek), detail: `over the last ${applicationsPerWeek.weeks.length} weeks` },
  ];
}

/** The headline numbers, as a description list: each value is read with its label. */
export function StatTiles({ insights }: { insights: Insights }) {
  return (
    <dl className="insights-tiles">
      {statTiles(insights).map((tile) => (
        <div key={tile.label} className="insights-tile">
          <dt>{tile.label}</dt>
          <dd className="insights-tile-value">{tile.value}</dd>
          <dd className="insights-tile-detail">{tile.detail}</dd>
        </div>
      ))}
    </dl>
  );
}

import { Label, Pie, PieChart, Tooltip } from 'recharts';
import type { StatusBreakdown } from '../../../shared/insights';
import type { JobStatus } from '../../../shared/schema';
import { label } from '../../ui/format';
import { statusColour, TOOLTIP_STYLE, useAnimate } from './chart-style';
import { ChartCard } from './ChartCard';
import { formatCount, formatPercent, plural } from './format';

// How a count of jobs in each status reads in a sentence: "15 at assessment".
const IN_WORDS: Record<JobStatus, string> = {
  saved: 'saved',
  applied: 'applied',
  assessment: 'at assessment',
  interview: 'at interview',
  offer: 'with an offer',
  accepted: 'accepted',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  ghosted: 'ghosted',
};

export function statusSummary(breakdown: StatusBreakdown): string {
  const present = breakdown.statuses.filter((row) => row.count > 0).sort((a, b) => b.count - a.count);
  const listed = present.slice(0, 3).map((row) => `${formatCount(row.count)} ${IN_WORDS[row.status]}`);
  const rest = present.length > 3 ? ', and others' : '';
  return `${plural(breakdown.total, 'job', 'jobs')} tracked: ${listed.join(', ')}${rest}.`;
}

/** Where every tracked job stands now, as a ring with a legend of the statuses in use. */
export function StatusChart({ breakdown }: { breakdown: StatusBreakdown }) {
  const animate = useAnimate();
  const data = breakdown.statuses
    .filter((row) => row.count > 0)
    .map((row) => ({ name: label(row.status), status: row.status, value: row.count, fill: statusColour(row.status) }));

  return (
    <ChartCard
      id="insights-status"
      title="Where your jobs stand"
      summary={statusSummary(breakdown)}
      table={{
        caption: 'Jobs by current status',
        columns: ['Status', 'Jobs', 'Share'],
        rows: breakdown.statuses.map((row) => [label(row.status), row.count, formatPercent(breakdown.total ? row.count / breakdown.total : null)]),
      }}
    >
      <div className="insights-status">
        <PieChart responsive style={{ width: '100%', maxWidth: 200, aspectRatio: 1 }} accessibilityLayer={false}>
          <Pie data={data} dataKey="value" nameKey="name" innerRadius="62%" outerRadius="100%" paddingAngle={data.length > 1 ? 1.5 : 0} stroke="none" rootTabIndex={-1} isAnimationActive={animate}>
            <Label position="center" className="insights-ring-total" value={formatCount(breakdown.total)} />
          </Pie>
          <Tooltip contentStyle={TOOLTIP_STYLE} formatter={(value, name) => [formatCount(Number(value)), String(name)]} />
        </PieChart>
        <ul className="insights-legend">
          {data.map((row) => (
            <li key={row.status}>
              <span className="insights-swatch" style={{ background: row.fill }} />
              <span>{row.name}</span>
              <span className="insights-legend-count">{formatCount(row.value)}</span>
            </li>
          ))}
        </ul>
      </div>
    </ChartCard>
  );
}

import { Bar, BarChart, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { FunnelStage, FunnelStep } from '../../../shared/insights';
import { AXIS_TICK, COLOURS, TOOLTIP_CURSOR, TOOLTIP_STYLE, useAnimate } from './chart-style';
import { ChartCard } from './ChartCard';
import { formatCount, formatPercent, plural } from './format';

const STAGE_LABELS: Record<FunnelStage, string> = {
  applied: 'Applied',
  responded: 'Got a response',
  interview: 'Interview',
  offer: 'Offer',
};

export function funnelSummary(steps: readonly FunnelStep[]): string {
  const at = (name: FunnelStage) => steps.find((step) => step.stage === name) ?? { count: 0, shareOfApplied: null };
  const part = (name: FunnelStage) => `${formatCount(at(name).count)} (${formatPercent(at(name).shareOfApplied)})`;
  return (
    `Of ${plural(at('applied').count, 'application', 'applications')}, ${part('responded')} got a response, ` +
    `${part('interview')} reached an interview and ${part('offer')} an offer.`
  );
}

/** Applied → responded → interview → offer, each bar labelled with its count and share. */
export function FunnelChart({ steps }: { steps: readonly FunnelStep[] }) {
  const animate = useAnimate();
  const data = steps.map((step, index) => ({
    name: STAGE_LABELS[step.stage],
    count: step.count,
    label: index === 0 ? formatCount(step.count) : `${formatCount(step.count)} · ${formatPercent(step.shareOfApplied)}`,
    fill: COLOURS.funnel[index] ?? COLOURS.primary,
  }));

  return (
    <ChartCard
      id="insights-funnel"
      title="From application to offer"
      summary={funnelSummary(steps)}
      table={{
        caption: 'Applications reaching each stage',
        columns: ['Stage', 'Applications', 'Share of applied'],
        rows: steps.map((step) => [STAGE_LABELS[step.stage], step.count, formatPercent(step.shareOfApplied)]),
      }}
    >
      <BarChart data={data} layout="vertical" responsive style={{ width: '100%', height: 200 }} margin={{ top: 4, right: 88, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <XAxis type="number" hide allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={112} tick={AXIS_TICK} tickLine={false} axisLine={false} />
        <Tooltip cursor={TOOLTIP_CURSOR} contentStyle={TOOLTIP_STYLE} formatter={(value) => [formatCount(Number(value)), 'Applications']} />
        <Bar dataKey="count" radius={[0, 4, 4, 0]} isAnimationActive={animate}>
          <LabelList dataKey="label" position="right" className="insights-bar-label" />
        </Bar>
      </BarChart>
    </ChartCard>
  );
}

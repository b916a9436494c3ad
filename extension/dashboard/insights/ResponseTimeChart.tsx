import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import type { ResponseTime } from '../../../shared/insights';
import { AXIS_TICK, COLOURS, TOOLTIP_CURSOR, TOOLTIP_STYLE, useAnimate } from './chart-style';
import { ChartCard } from './ChartCard';
import { formatCount, formatDayRange, formatDays, plural } from './format';

export function responseTimeSummary(time: ResponseTime): string {
  if (time.count === 0) {
    return time.undated > 0
      ? `${plural(time.undated, 'response has', 'responses have')} no date in the job's history, so there is no time to show.`
      : 'No responses yet: this fills in as employers answer.';
  }
  const undated = time.undated > 0 ? ` (${formatCount(time.undated)} more without a date)` : '';
  return `Half of the first responses came within ${formatDays(time.medianDays)}, the median of ${plural(time.count, 'response', 'responses')}${undated}.`;
}

/** How long employers took to answer: days from application to the first response, in ranges. */
export function ResponseTimeChart({ time }: { time: ResponseTime }) {
  const animate = useAnimate();
  const data = time.buckets.map((bucket) => ({
    name: formatDayRange(bucket.fromDays, bucket.toDays),
    // The axis says "days" once, so each tick stays short enough for a phone.
    tick: bucket.toDays === null ? `${bucket.fromDays}+` : `${bucket.fromDays === 0 ? '< ' : `${bucket.fromDays}–`}${bucket.toDays}`,
    count: bucket.count,
  }));

  return (
    <ChartCard
      id="insights-response-time"
      title="Time to first response"
      summary={responseTimeSummary(time)}
      empty={time.count === 0 ? 'Nothing to chart yet.' : undefined}
      table={{
        caption: 'First responses by days after applying',
        columns: ['Days after applying', 'Responses'],
        rows: data.map((row) => [row.name, row.count]),
      }}
    >
      <BarChart data={data} responsive style={{ width: '100%', height: 220 }} margin={{ top: 16, right: 8, bottom: 4, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={COLOURS.grid} />
        <XAxis
          dataKey="tick"
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={{ stroke: COLOURS.grid }}
          interval={0}
          height={40}
          label={{ value: 'days after applying', position: 'insideBottom', fill: COLOURS.axis, fontSize: 12 }}
        />
        <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} />
        <Tooltip
          cursor={TOOLTIP_CURSOR}
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(label, payload) => String(payload[0]?.payload?.name ?? label)}
          formatter={(value) => [formatCount(Number(value)), 'Responses']}
        />
        <Bar dataKey="count" fill={COLOURS.answered} radius={[4, 4, 0, 0]} isAnimationActive={animate}>
          <LabelList dataKey="count" position="top" className="insights-bar-label" formatter={(value) => (Number(value) > 0 ? formatCount(Number(value)) : '')} />
        </Bar>
      </BarChart>
    </ChartCard>
  );
}

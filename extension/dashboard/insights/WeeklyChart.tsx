import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { ApplicationsPerWeek } from '../../../shared/insights';
import { AXIS_TICK, COLOURS, TOOLTIP_CURSOR, TOOLTIP_STYLE, useAnimate } from './chart-style';
import { ChartCard } from './ChartCard';
import { formatCount, formatDecimal, formatWeekLong, formatWeekStart, plural } from './format';

export function weeklySummary(perWeek: ApplicationsPerWeek): string {
  const weeks = perWeek.weeks.length;
  const thisWeek = perWeek.weeks.at(-1)?.count ?? 0;
  const average = formatDecimal(perWeek.averagePerWeek);
  return `${plural(perWeek.total, 'application', 'applications')} in the last ${weeks} weeks, ${average} a week on average (the dashed line); ${formatCount(thisWeek)} this week.`;
}

/** Applications per ISO week, zero weeks included, with the average as a dashed line. */
export function WeeklyChart({ perWeek }: { perWeek: ApplicationsPerWeek }) {
  const animate = useAnimate();
  const data = perWeek.weeks.map((week) => ({ name: formatWeekStart(week.start), long: formatWeekLong(week.start), count: week.count }));

  return (
    <ChartCard
      id="insights-weekly"
      title="Applications per week"
      wide
      summary={weeklySummary(perWeek)}
      table={{
        caption: 'Applications per week, oldest first',
        columns: ['Week', 'Applications'],
        rows: perWeek.weeks.map((week) => [formatWeekLong(week.start), week.count]),
      }}
    >
      <BarChart data={data} responsive style={{ width: '100%', height: 240 }} margin={{ top: 12, right: 8, bottom: 4, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke={COLOURS.grid} />
        <XAxis dataKey="name" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: COLOURS.grid }} interval="preserveStartEnd" minTickGap={8} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} />
        <Tooltip
          cursor={TOOLTIP_CURSOR}
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(_label, payload) => String(payload[0]?.payload?.long ?? _label)}
          formatter={(value) => [formatCount(Number(value)), 'Applications']}
        />
        {perWeek.averagePerWeek > 0 && <ReferenceLine y={perWeek.averagePerWeek} stroke={COLOURS.axis} strokeDasharray="4 4" />}
        <Bar dataKey="count" fill={COLOURS.primary} radius={[4, 4, 0, 0]} isAnimationActive={animate} />
      </BarChart>
    </ChartCard>
  );
}

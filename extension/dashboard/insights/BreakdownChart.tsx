import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_TICK, COLOURS, TOOLTIP_CURSOR, TOOLTIP_STYLE, useAnimate } from './chart-style';
import { ChartCard } from './ChartCard';
import { fitName, formatCount, formatPercent } from './format';

export interface BreakdownRow {
  name: string;
  applications: number;
  responded: number;
}

interface Props {
  id: string;
  wide?: boolean;
  title: string;
  /** What one row is, for the table's first column: "Site", "Location". */
  rowHeader: string;
  rows: readonly BreakdownRow[];
  summary: string;
  /** Width of the row names; long place names are cut to fit and kept whole in the tooltip and table. */
  nameWidth?: number;
}

const ROW_HEIGHT = 34;

/** Horizontal bars of applications and responses per group (a site, a location). */
export function BreakdownChart({ id, wide, title, rowHeader, rows, summary, nameWidth = 110 }: Props) {
  const animate = useAnimate();
  const data = rows.map((row) => ({ ...row, short: fitName(row.name, nameWidth) }));

  return (
    <ChartCard
      id={id}
      wide={wide}
      title={title}
      summary={summary}
      table={{
        caption: `Applications and responses by ${rowHeader.toLowerCase()}`,
        columns: [rowHeader, 'Applications', 'Responses', 'Response rate'],
        rows: rows.map((row) => [row.name, row.applications, row.responded, formatPercent(row.applications ? row.responded / row.applications : null)]),
      }}
    >
      <BarChart
        data={data}
        layout="vertical"
        responsive
        style={{ width: '100%', height: 56 + rows.length * ROW_HEIGHT }}
        margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
        barGap={2}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke={COLOURS.grid} />
        <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} />
        <YAxis type="category" dataKey="short" width={nameWidth} tick={AXIS_TICK} tickLine={false} axisLine={false} />
        <Tooltip
          cursor={TOOLTIP_CURSOR}
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(_label, payload) => String(payload[0]?.payload?.name ?? _label)}
          formatter={(value, name) => [formatCount(Number(value)), String(name)]}
        />
        <Legend verticalAlign="top" align="right" height={28} iconType="circle" iconSize={9} wrapperStyle={{ fontSize: 12, color: 'var(--muted)' }} />
        <Bar dataKey="applications" name="Applications" fill={COLOURS.primary} radius={[0, 3, 3, 0]} isAnimationActive={animate} />
        <Bar dataKey="responded" name="Responses" fill={COLOURS.answered} radius={[0, 3, 3, 0]} isAnimationActive={animate} />
      </BarChart>
    </ChartCard>
  );
}

/** "LinkedIn: 30 applications, 40% answered; Internshala: 12, 25% answered." */
export function breakdownSummary(rows: readonly BreakdownRow[], limit = 3): string {
  const parts = rows.slice(0, limit).map((row, index) => {
    const rate = formatPercent(row.applications ? row.responded / row.applications : null);
    const count = index === 0 ? `${formatCount(row.applications)} ${row.applications === 1 ? 'application' : 'applications'}` : formatCount(row.applications);
    return `${row.name}: ${count}, ${rate} answered`;
  });
  const more = rows.length > limit ? `; and ${formatCount(rows.length - limit)} more` : '';
  return `${parts.join('; ')}${more}.`;
}

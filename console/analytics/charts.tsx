import { fitLabel, niceMax, ticks } from './scale';
import { SERIES_COLOURS } from './chart-series';

/**
 * The analytics page's charts as plain SVG: a few kilobytes instead of a
 * charts library, so they paint with their numbers. Each sits in an
 * aria-hidden box beside a table of the same figures (FigureCard); hidden
 * figures were left out by the caller. Colours are the Insights page's CSS
 * variables, so both themes apply.
 */

/** viewBox widths: about the size each is shown at (wide cards, and the half-width ones), so text is drawn near its own size. */
const WIDTH = 600;
const NARROW_WIDTH = 420;
const AXIS = 'var(--muted)';
const GRID = 'var(--border)';
const PRIMARY = 'var(--insights-primary)';
const RATE_COLOURS = ['var(--insights-funnel-1)', 'var(--insights-funnel-3)', 'var(--insights-funnel-4)'];
const FONT = 12;

interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

function Svg({ height, label, width = WIDTH, children }: { height: number; label: string; width?: number; children: React.ReactNode }) {
  return (
    <svg className="console-chart" viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width + 40 }} data-chart={label} focusable="false">
      {children}
    </svg>
  );
}

/** Horizontal grid lines with their values on the left. */
function ValueGrid({ frame, top, unit = '' }: { frame: Frame; top: number; unit?: string }) {
  return (
    <g>
      {ticks(top).map((value) => {
        const y = frame.top + frame.height - (value / top) * frame.height;
        return (
          <g key={value}>
            <line x1={frame.left} x2={frame.left + frame.width} y1={y} y2={y} stroke={GRID} />
            <text x={frame.left - 6} y={y + 4} textAnchor="end" fontSize={FONT} fill={AXIS}>
              {`${value}${unit}`}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Category names under the plot, every `every`-th when they would crowd. */
function CategoryAxis({ frame, names }: { frame: Frame; names: readonly string[] }) {
  const band = frame.width / Math.max(names.length, 1);
  const every = Math.max(1, Math.ceil(60 / band));
  return (
    <g>
      {names.map((name, index) =>
        index % every === 0 ? (
          <text key={`${name}-${index}`} x={frame.left + band * (index + 0.5)} y={frame.top + frame.height + 16} textAnchor="middle" fontSize={FONT} fill={AXIS}>
            {fitLabel(name, Math.max(4, Math.floor((band * every) / 7)))}
          </text>
        ) : null,
      )}
    </g>
  );
}

function Legend({ entries }: { entries: readonly { name: string; colour: string }[] }) {
  return (
    <ul className="insights-legend console-legend">
      {entries.map((entry) => (
        <li key={entry.name}>
          <svg className="insights-swatch" viewBox="0 0 10 10" focusable="false">
            <rect width="10" height="10" rx="2" fill={entry.colour} />
          </svg>
          {entry.name}
        </li>
      ))}
    </ul>
  );
}

export function VerticalBars({ data, label }: { data: { name: string; value: number }[]; label: string }) {
  if (data.length === 0) return null;
  const height = 220;
  const frame: Frame = { left: 44, top: 10, width: WIDTH - 52, height: height - 38 };
  const top = niceMax(Math.max(...data.map((row) => row.value)));
  const band = frame.width / data.length;
  return (
    <Svg height={height} label={label}>
      <ValueGrid frame={frame} top={top} />
      {data.map((row, index) => {
        const barHeight = (row.value / top) * frame.height;
        return <rect key={row.name} className="console-bar" x={frame.left + band * index + band * 0.15} width={band * 0.7} y={frame.top + frame.height - barHeight} height={barHeight} rx={2} fill={PRIMARY} />;
      })}
      <CategoryAxis frame={frame} names={data.map((row) => row.name)} />
    </Svg>
  );
}

export function HorizontalBars({ data, label }: { data: { name: string; value: number }[]; label: string }) {
  if (data.length === 0) return null;
  const rowHeight = 26;
  const frame: Frame = { left: 120, top: 4, width: NARROW_WIDTH - 160, height: data.length * rowHeight };
  const top = niceMax(Math.max(...data.map((row) => row.value)));
  return (
    <Svg height={frame.height + 12} label={label} width={NARROW_WIDTH}>
      {data.map((row, index) => {
        const y = frame.top + index * rowHeight;
        const width = (row.value / top) * frame.width;
        return (
          <g key={row.name}>
            <text x={frame.left - 8} y={y + rowHeight / 2 + 4} textAnchor="end" fontSize={FONT} fill={AXIS}>
              {fitLabel(row.name, 16)}
            </text>
            <rect className="console-bar" x={frame.left} y={y + 4} width={Math.max(width, 1)} height={rowHeight - 8} rx={2} fill={PRIMARY} />
            <text x={frame.left + width + 6} y={y + rowHeight / 2 + 4} fontSize={FONT} fill="var(--text)">
              {Math.round(row.value * 10) / 10}
            </text>
          </g>
        );
      })}
    </Svg>
  );
}

export interface RateBar {
  name: string;
  response: number;
  interview: number | null;
  offer: number | null;
}

/** Response, interview and offer rates (percent) side by side for each site. */
export function RatesChart({ data }: { data: RateBar[] }) {
  if (data.length === 0) return null;
  const height = 240;
  const frame: Frame = { left: 44, top: 10, width: WIDTH - 52, height: height - 38 };
  const band = frame.width / data.length;
  const barWidth = (band * 0.75) / 3;
  const series = [
    { name: 'Response', colour: RATE_COLOURS[0] as string, value: (row: RateBar) => row.response },
    { name: 'Interview', colour: RATE_COLOURS[1] as string, value: (row: RateBar) => row.interview },
    { name: 'Offer', colour: RATE_COLOURS[2] as string, value: (row: RateBar) => row.offer },
  ];
  return (
    <>
      <Legend entries={series} />
      <Svg height={height} label="Stage rates">
        <ValueGrid frame={frame} top={100} unit="%" />
        {data.map((row, index) =>
          series.map((entry, position) => {
            const value = entry.value(row);
            if (value === null) return null;
            const barHeight = (value / 100) * frame.height;
            return <rect key={`${row.name}-${entry.name}`} className="console-bar" x={frame.left + band * index + band * 0.125 + barWidth * position} width={barWidth} y={frame.top + frame.height - barHeight} height={barHeight} fill={entry.colour} />;
          }),
        )}
        <CategoryAxis frame={frame} names={data.map((row) => row.name)} />
      </Svg>
    </>
  );
}

/** One line per series over shared categories; a missing (hidden) value breaks the line. */
function Lines({ categories, series, height }: { categories: readonly string[]; series: readonly { name: string; colour: string; values: readonly (number | null)[] }[]; height: number }) {
  const frame: Frame = { left: 44, top: 10, width: WIDTH - 60, height: height - 38 };
  const top = niceMax(Math.max(0, ...series.flatMap((entry) => entry.values.filter((value): value is number => value !== null))));
  const step = categories.length > 1 ? frame.width / (categories.length - 1) : 0;
  const x = (index: number) => frame.left + (categories.length > 1 ? step * index : frame.width / 2);
  const y = (value: number) => frame.top + frame.height - (value / top) * frame.height;
  const axisFrame: Frame = { ...frame, left: frame.left - step / 2, width: frame.width + step };
  return (
    <Svg height={height} label="Lines">
      <ValueGrid frame={frame} top={top} />
      {series.map((entry) => {
        let path = '';
        let pen = false;
        entry.values.forEach((value, index) => {
          if (value === null) {
            pen = false;
            return;
          }
          path += `${pen ? 'L' : 'M'}${x(index).toFixed(1)} ${y(value).toFixed(1)} `;
          pen = true;
        });
        return (
          <g key={entry.name}>
            <path className="console-line" d={path.trim()} fill="none" stroke={entry.colour} strokeWidth={2} />
            {entry.values.map((value, index) => (value === null ? null : <circle key={index} cx={x(index)} cy={y(value)} r={categories.length > 40 ? 0 : 2.5} fill={entry.colour} />))}
          </g>
        );
      })}
      <CategoryAxis frame={categories.length > 1 ? axisFrame : frame} names={categories} />
    </Svg>
  );
}

export function ActiveUsersLine({ data }: { data: { period: string; users: number }[] }) {
  if (data.length === 0) return null;
  return <Lines height={220} categories={data.map((point) => point.period)} series={[{ name: 'People', colour: PRIMARY, values: data.map((point) => point.users) }]} />;
}

export function CaptureHealthLines({ data, series }: { data: Record<string, number | string>[]; series: string[] }) {
  if (data.length === 0) return null;
  const lines = series.map((name, index) => ({
    name,
    colour: SERIES_COLOURS[index] ?? PRIMARY,
    values: data.map((day) => (typeof day[name] === 'number' ? (day[name] as number) : null)),
  }));
  return (
    <>
      <Legend entries={lines} />
      <Lines height={240} categories={data.map((day) => String(day.day))} series={lines} />
    </>
  );
}

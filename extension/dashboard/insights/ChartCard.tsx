import type { ReactNode } from 'react';
import { ChartBoundary } from './ChartBoundary';
import { DataTable, type TableData } from './DataTable';

interface Props {
  /** Unique on the page; used for the ids that tie the title and summary to the figure. */
  id: string;
  title: string;
  /** One or two sentences with the numbers that matter, shown under the title and read as the figure's description. */
  summary: string;
  /** Every number the chart shows, for screen readers (and shown if the chart fails). */
  table: TableData;
  /** Spans the whole row of the grid. */
  wide?: boolean;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string;
  children: ReactNode;
}

/**
 * A chart as a figure: a title, a summary in words, the chart itself hidden from assistive
 * technology (it is pictures of numbers), and the same numbers as a visually hidden table.
 */
export function ChartCard({ id, title, summary, table, wide = false, empty, children }: Props) {
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;
  return (
    <figure className={wide ? 'insights-card insights-card-wide' : 'insights-card'} aria-labelledby={titleId} aria-describedby={summaryId}>
      <figcaption>
        <h3 id={titleId}>{title}</h3>
        <p id={summaryId} className="insights-summary">
          {summary}
        </p>
      </figcaption>
      {empty !== undefined ? (
        <p className="insights-card-empty">{empty}</p>
      ) : (
        <ChartBoundary
          fallback={
            <>
              <p className="error-text" role="alert">
                This chart could not be drawn; here are its numbers.
              </p>
              <DataTable data={table} visible />
            </>
          }
        >
          <div className="insights-chart" aria-hidden="true">
            {children}
          </div>
          <DataTable data={table} />
        </ChartBoundary>
      )}
    </figure>
  );
}

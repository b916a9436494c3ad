import type { ReactNode } from 'react';
import { ChartBoundary } from '../../extension/dashboard/insights/ChartBoundary';
import { DataTable, type TableData } from '../../extension/dashboard/insights/DataTable';

/**
 * A chart with its numbers: the drawing is hidden from assistive technology
 * and the same figures follow as a visible table, where a group too small to
 * show reads "hidden (fewer than N people)" (a bar cannot say that).
 */
export function FigureCard({ id, title, summary, table, wide = false, controls, children }: { id: string; title: string; summary: string; table: TableData; wide?: boolean; controls?: ReactNode; children: ReactNode | null }) {
  return (
    <figure className={wide ? 'insights-card insights-card-wide' : 'insights-card'} aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} data-testid={`figure-${id}`}>
      <figcaption>
        <h2 id={`${id}-title`} className="console-figure-title">
          {title}
        </h2>
        <p id={`${id}-summary`} className="insights-summary">
          {summary}
        </p>
      </figcaption>
      {controls}
      {table.rows.length === 0 ? (
        <p className="insights-card-empty">No figures yet.</p>
      ) : (
        <>
          {children && (
            <ChartBoundary fallback={<p className="error-text">This chart could not be drawn; its numbers are below.</p>}>
              <div className="insights-chart" aria-hidden="true">
                {children}
              </div>
            </ChartBoundary>
          )}
          {/* Scrolls when long: focusable and named so a keyboard can scroll it too. */}
          <div className="console-figure-table" tabIndex={0} role="region" aria-label={`${title}: the numbers`}>
            <DataTable data={table} visible />
          </div>
        </>
      )}
    </figure>
  );
}

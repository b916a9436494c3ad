import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { JobSort, SortKey } from '../../../shared/jobs/query';
import type { Job } from '../../../shared/schema';
import { COLUMNS, ROW_HEIGHT } from './columns';
import { JobRow } from './JobRow';

interface JobGridProps {
  jobs: readonly Job[];
  sort: JobSort;
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  allState: 'all' | 'some' | 'none';
  onToggle: (index: number, range: boolean) => void;
  onToggleAll: () => void;
  onOpen: (id: string) => void;
  /** True while only the newest jobs are loaded. */
  busy: boolean;
}

const OVERSCAN = 8;
/** Rows moved by Page Up / Page Down. */
const PAGE_ROWS = 10;

/**
 * The jobs as a table whose rows exist only around the visible part of its
 * scroller: 20,000 jobs keep a few dozen rows in the DOM. It stays a real table (header cells,
 * aria-rowcount and aria-rowindex), so screen readers announce "row 57 of
 * 20,001", and spacer rows stand in for the rows not drawn.
 *
 * Keyboard: rows take focus one at a time (roving tabindex); the arrow keys,
 * Page Up/Down and Home/End move between rows, Enter opens the job, Space
 * selects it (with Shift, the range from the last row selected).
 */
export function JobGrid({ jobs, sort, onSort, selected, allState, onToggle, onToggleAll, onOpen, busy }: JobGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const focusPending = useRef<number | null>(null);
  const [active, setActive] = useState(0);
  // The rows start below the sticky header, inside the scroller.
  const [headHeight, setHeadHeight] = useState(ROW_HEIGHT);
  const activeIndex = Math.min(active, Math.max(0, jobs.length - 1));

  // No getItemKey: rows have one fixed height, so keying positions by index is exact, and
  // a key function that changes with the rows makes the virtualiser re-place all 20,000
  // on every keystroke and live update. React still keys rows by job id below.
  const virtualizer = useVirtualizer({
    count: jobs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
  });

  useLayoutEffect(() => {
    const head = headRef.current;
    if (head) setHeadHeight(head.offsetHeight);
  }, []);

  // Focus follows the keyboard once the row it moved to is drawn.
  useLayoutEffect(() => {
    if (focusPending.current === null) return;
    const row = bodyRef.current?.querySelector<HTMLTableRowElement>(`tr[aria-rowindex="${focusPending.current + 2}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      focusPending.current = null;
    }
  });

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(jobs.length - 1, index));
    setActive(target);
    focusPending.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const onRow = event.target instanceof HTMLTableRowElement;
    switch (event.key) {
      case 'ArrowDown':
        focusRow(activeIndex + 1);
        break;
      case 'ArrowUp':
        focusRow(activeIndex - 1);
        break;
      case 'PageDown':
        focusRow(activeIndex + PAGE_ROWS);
        break;
      case 'PageUp':
        focusRow(activeIndex - PAGE_ROWS);
        break;
      case 'Home':
        if (!onRow) return;
        focusRow(0);
        break;
      case 'End':
        if (!onRow) return;
        focusRow(jobs.length - 1);
        break;
      case 'Enter': {
        const job = jobs[activeIndex];
        if (!onRow || !job) return;
        onOpen(job.id);
        break;
      }
      case ' ':
        if (!onRow) return;
        onToggle(activeIndex, event.shiftKey);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  const before = items.length ? items[0]!.start - headHeight : 0;
  const after = items.length ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - headHeight) : 0;
  const columnCount = COLUMNS.length + 2;

  return (
    // The scroller contains its own layout and paint: rows coming and going never re-lay the page.
    <div ref={scrollRef} className="table-scroll">
      <table className="job-table" aria-rowcount={jobs.length + 1} aria-busy={busy} aria-describedby="table-summary">
        <caption className="visually-hidden">Your applications. Sort with the column buttons; open a job with Enter or its Details link.</caption>
        <colgroup>
          <col className="col-select" />
          {COLUMNS.map((column) => (
            <col key={column.key} style={{ width: column.width }} />
          ))}
          <col className="col-open" />
        </colgroup>
        <thead ref={headRef}>
          <tr aria-rowindex={1}>
            <td className="col-select">
              <input
                type="checkbox"
                aria-label={`Select all ${jobs.length.toLocaleString()} matching applications`}
                checked={allState === 'all'}
                ref={(element) => {
                  if (element) element.indeterminate = allState === 'some';
                }}
                onChange={onToggleAll}
                disabled={jobs.length === 0}
              />
            </td>
            {COLUMNS.map((column) => {
              const sorted = sort.key === column.key;
              return (
                <th key={column.key} scope="col" aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                  <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                    {column.label}
                    <span aria-hidden="true" className="sort-mark">
                      {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
            <td className="col-open" />
          </tr>
        </thead>
        <tbody ref={bodyRef} onKeyDown={onKeyDown}>
          {before > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={columnCount} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => {
            const job = jobs[item.index]!;
            return (
              <JobRow
                key={job.id}
                job={job}
                index={item.index}
                rowIndex={item.index + 2}
                selected={selected.has(job.id)}
                active={item.index === activeIndex}
                onToggle={onToggle}
                onOpen={onOpen}
                onFocusRow={setActive}
              />
            );
          })}
          {after > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={columnCount} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

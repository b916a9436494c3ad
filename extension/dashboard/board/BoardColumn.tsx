import { useDroppable } from '@dnd-kit/core';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import type { Job, JobStatus } from '../../../shared/schema';
import { label } from '../../ui/format';
import type { PageProps } from '../page-props';
import { BoardCard, CARD_HEIGHT, type CardPart, type FocusRequest } from './BoardCard';

const GAP = 8;
const countFormat = new Intl.NumberFormat();

interface BoardColumnProps {
  status: JobStatus;
  jobs: readonly Job[];
  /** The id of the card being dragged, kept rendered even when scrolled out of view. */
  activeId: string | undefined;
  /** A drag is under way: arrow keys belong to it. */
  dragging: boolean;
  focusRequest: FocusRequest | undefined;
  requestFocus: (request: FocusRequest | undefined) => void;
  onMove: (job: Job, from: JobStatus, to: JobStatus) => void;
  navigate: PageProps['navigate'];
}

/**
 * One status column. Only the cards in view (and a few around them) are in
 * the DOM, so a column of thousands costs what a column of twenty does.
 * Up and down arrows move focus between cards, scrolling the list, as Tab
 * alone would only reach the cards currently drawn.
 */
export const BoardColumn = memo(function BoardColumn({
  status,
  jobs,
  activeId,
  dragging,
  focusRequest,
  requestFocus,
  onMove,
  navigate,
}: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  const scroller = useRef<HTMLDivElement>(null);
  const activeIndex = activeId === undefined ? -1 : jobs.findIndex((job) => job.id === activeId);
  const focusIndex = focusRequest ? jobs.findIndex((job) => job.id === focusRequest.id) : -1;

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      // Dragging a card that scrolled away must not unmount it mid-drag.
      if (activeIndex >= 0 && !indexes.includes(activeIndex)) indexes.push(activeIndex);
      return indexes.sort((a, b) => a - b);
    },
    [activeIndex],
  );

  // Stable while the column's jobs are: the virtualizer re-measures every item when it changes.
  const getItemKey = useCallback((index: number) => jobs[index]?.id ?? index, [jobs]);
  const virtualizer = useVirtualizer({
    count: jobs.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD_HEIGHT + GAP,
    getItemKey,
    overscan: 4,
    rangeExtractor,
  });

  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, focusRequest, virtualizer]);

  const onFocused = useCallback(() => requestFocus(undefined), [requestFocus]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (dragging || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target as HTMLElement;
    const item = target.closest<HTMLElement>('[data-index]');
    const part = target.dataset.part as CardPart | undefined;
    if (!item || !part) return;
    const index = Number(item.dataset.index);
    const next =
      event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? jobs.length - 1 : -1;
    const job = jobs[next];
    if (!job || next === index) return;
    event.preventDefault();
    requestFocus({ id: job.id, part });
  };

  const headingId = `column-${status}`;
  return (
    <section ref={setNodeRef} className={`board-column${isOver ? ' is-over' : ''}`} aria-labelledby={headingId} data-status={status}>
      <h3 id={headingId} className="column-heading">
        <span>{label(status)}</span>{' '}
        <span className="column-count">
          {countFormat.format(jobs.length)}
          <span className="board-sr-only"> {jobs.length === 1 ? 'application' : 'applications'}</span>
        </span>
      </h3>
      <div ref={scroller} className="column-scroll" onKeyDown={onKeyDown}>
        {jobs.length === 0 ? (
          <p className="column-empty">Nothing here yet.</p>
        ) : (
          <ul className="column-list" style={{ height: virtualizer.getTotalSize() }} aria-labelledby={headingId}>
            {virtualizer.getVirtualItems().map((item) => {
              const job = jobs[item.index]!;
              return (
                <li
                  key={item.key}
                  data-index={item.index}
                  aria-setsize={jobs.length}
                  aria-posinset={item.index + 1}
                  className="column-item"
                  style={{ transform: `translateY(${item.start}px)`, height: CARD_HEIGHT }}
                >
                  <BoardCard
                    job={job}
                    status={status}
                    onMove={onMove}
                    focus={focusRequest?.id === job.id ? focusRequest : undefined}
                    onFocused={onFocused}
                    navigate={navigate}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
});

import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  pointerWithin,
  PointerSensor,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useCallback, useMemo, useRef, useState } from 'react';
import { JOB_STATUSES, type Job, type JobStatus } from '../../../shared/schema';
import type { PageProps } from '../page-props';
import { useArrivalFocus } from '../details/use-arrival-focus';
import { routeHash } from '../route';
import { boardAnnouncements, instructions, movedMessage, type CardData } from './announcements';
import './board.css';
import { CardPreview, type FocusRequest } from './BoardCard';
import { BoardColumn } from './BoardColumn';
import { columnKeyboardCoordinates } from './column-keyboard';
import { useBoardMoves } from './use-board-moves';

/**
 * Under the pointer when there is one; otherwise (keyboard) the column the
 * held card overlaps most, then the nearest.
 */
const detectColumn: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const under = pointerWithin(args);
    if (under.length > 0) return under;
  }
  const overlapping = rectIntersection(args);
  return overlapping.length > 0 ? overlapping : closestCenter(args);
};

const isStatus = (value: unknown): value is JobStatus => (JOB_STATUSES as readonly unknown[]).includes(value);

/** The board: one column per status; cards move by drag and drop, by keyboard, or with their "Move to…" menu. */
export function BoardPage({ jobs, navigate }: PageProps) {
  const { columns, move, error, clearError } = useBoardMoves(jobs);
  const [active, setActive] = useState<CardData>();
  const [focusRequest, setFocusRequest] = useState<FocusRequest>();
  const [message, setMessage] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useArrivalFocus(heading);
  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click on the card's link still opens it.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );
  const accessibility = useMemo(() => ({ announcements: boardAnnouncements(), screenReaderInstructions: instructions }), []);

  const onMenuMove = useCallback(
    (job: Job, from: JobStatus, to: JobStatus) => {
      if (from === to) return;
      setMessage(movedMessage(job, from, to));
      // Focus follows the card to its new column, so the user can carry on from where it went.
      setFocusRequest({ id: job.id, part: 'move' });
      void move(job, to);
    },
    [move],
  );

  const onDragStart = useCallback((event: DragStartEvent) => {
    setMessage('');
    setActive(event.active.data.current as CardData | undefined);
  }, []);

  const onDragEnd = useCallback(
    (event: DragEndEvent) => {
      setActive(undefined);
      const card = event.active.data.current as CardData | undefined;
      const to = event.over?.id;
      if (!card || !isStatus(to) || to === card.status) return;
      if (event.activatorEvent instanceof KeyboardEvent) setFocusRequest({ id: card.job.id, part: 'handle' });
      void move(card.job, to);
    },
    [move],
  );

  const onDragCancel = useCallback(() => setActive(undefined), []);

  return (
    <div className="board-page">
      <div className="board-toolbar">
        <h2 ref={heading} tabIndex={-1}>
          Board
        </h2>
        <p className="board-hint">
          Drag a card to another column, or focus its <span aria-hidden="true">⠿</span> handle and press Space, then ← or →, then Space. ↑ and ↓ move between cards.
        </p>
        <a className="board-add" href={routeHash({ page: 'new' })}>
          Add a job
        </a>
      </div>
      {error && (
        <div className="board-error" role="alert">
          <span>{error}</span>
          <button type="button" onClick={clearError}>
            Dismiss
          </button>
        </div>
      )}
      <p className="board-sr-only" role="status">
        {message}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={detectColumn}
        accessibility={accessibility}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
      >
        <div className="board">
          {JOB_STATUSES.map((status) => (
            <BoardColumn
              key={status}
              status={status}
              jobs={columns[status]}
              activeId={active?.job.id}
              dragging={active !== undefined}
              focusRequest={focusRequest}
              requestFocus={setFocusRequest}
              onMove={onMenuMove}
              navigate={navigate}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>{active ? <CardPreview job={active.job} /> : null}</DragOverlay>
      </DndContext>
    </div>
  );
}

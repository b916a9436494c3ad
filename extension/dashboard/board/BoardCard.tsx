import { useDraggable } from '@dnd-kit/core';
import { memo, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { Job, JobStatus } from '../../../shared/schema';
import type { PageProps } from '../page-props';
import { routeHash } from '../route';
import type { CardData } from './announcements';
import { MoveMenu } from './MoveMenu';

/** The focusable parts of a card, so focus can land on the same part of another card. */
export type CardPart = 'title' | 'handle' | 'move';

export interface FocusRequest {
  id: string;
  part: CardPart;
}

export const CARD_HEIGHT = 96;

export function jobName(job: Job): string {
  return job.company ? `${job.title} at ${job.company}` : job.title;
}

const thisYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const otherYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/**
 * "3 Nov", said as "Applied 3 Nov": a card is narrow, so the kind of date is
 * spoken and in the tooltip, and the year shows only when it is not this one.
 */
function When({ job }: { job: Job }) {
  const date = new Date(job.appliedAt ?? job.createdAt);
  if (Number.isNaN(date.getTime())) return <span className="card-when" />;
  const kind = job.appliedAt ? 'Applied' : 'Added';
  const format = date.getFullYear() === new Date().getFullYear() ? thisYear : otherYear;
  return (
    <span className="card-when" title={`${kind} ${otherYear.format(date)}`}>
      <span className="board-sr-only">{kind} </span>
      {format.format(date)}
    </span>
  );
}

interface BoardCardProps {
  job: Job;
  /** The column it is shown in; differs from job.status while a move is being stored. */
  status: JobStatus;
  onMove: (job: Job, from: JobStatus, to: JobStatus) => void;
  /** Set (a new object each time) when this card should take focus, e.g. after it moved column. */
  focus: FocusRequest | undefined;
  onFocused: () => void;
  navigate: PageProps['navigate'];
}

/** A card: opens the job, is picked up by its handle (or dragged from anywhere with a pointer), or moved with its menu. */
export const BoardCard = memo(function BoardCard({ job, status, onMove, focus, onFocused, navigate }: BoardCardProps) {
  const data = useMemo<CardData>(() => ({ job, status }), [job, status]);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({ id: job.id, data });
  const parts = useRef<Record<CardPart, HTMLElement | null>>({ title: null, handle: null, move: null });
  const name = jobName(job);

  useEffect(() => {
    if (!focus) return;
    parts.current[focus.part]?.focus();
    onFocused();
  }, [focus, onFocused]);

  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate({ page: 'job', id: job.id });
  };

  return (
    <div ref={setNodeRef} className={`board-card${isDragging ? ' is-dragging' : ''}`} data-job-id={job.id} {...listeners}>
      <div className="card-top">
        <a
          className="card-title"
          href={routeHash({ page: 'job', id: job.id })}
          draggable={false}
          data-part="title"
          ref={(element) => {
            parts.current.title = element;
          }}
          onClick={open}
        >
          {job.title}
        </a>
        <button
          type="button"
          className="drag-handle"
          data-part="handle"
          ref={(element) => {
            setActivatorNodeRef(element);
            parts.current.handle = element;
          }}
          {...attributes}
          aria-label={`Pick up ${name}`}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      </div>
      <p className="card-meta">{[job.company, job.location].filter(Boolean).join(' · ') || '\u00a0'}</p>
      <div className="card-foot">
        <When job={job} />
        <MoveMenu
          jobName={name}
          status={status}
          onMove={(to) => onMove(job, status, to)}
          buttonRef={(element) => {
            parts.current.move = element;
          }}
        />
      </div>
    </div>
  );
});

/** What follows the pointer (or keyboard) while a card is held: a copy, drawn above the columns. */
export function CardPreview({ job }: { job: Job }) {
  return (
    <div className="board-card is-preview" aria-hidden="true">
      <div className="card-top">
        <span className="card-title">{job.title}</span>
      </div>
      <p className="card-meta">{[job.company, job.location].filter(Boolean).join(' · ')}</p>
      <div className="card-foot">
        <When job={job} />
      </div>
    </div>
  );
}

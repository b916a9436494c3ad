import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import type { Job, JobStatus } from '../../../shared/schema';
import { label } from '../../ui/format';

/** What the draggable cards carry, for the announcements and the drop handler. */
export interface CardData {
  job: Job;
  /** The column the card is shown in (a pending move counts). */
  status: JobStatus;
}

const name = (job: Job) => (job.company ? `${job.title} at ${job.company}` : job.title);
const column = (id: unknown) => label(String(id));

export const instructions: ScreenReaderInstructions = {
  draggable:
    'To move this application to another column, press Space to pick it up, the left and right arrow keys to choose a column, and Space again to drop it. Escape cancels. The Move to menu on the card does the same.',
};

/** Screen-reader messages for each step of a drag, naming the application and the columns. */
export function boardAnnouncements(): Announcements {
  const data = (entry: { data: { current?: unknown } }) => entry.data.current as CardData | undefined;
  // The column last announced: dnd-kit reports the card over its own column as soon as it is
  // picked up, which would talk over "Picked up"; only a change of column is news.
  let lastOver: unknown;
  return {
    onDragStart({ active }) {
      const card = data(active);
      lastOver = card?.status;
      return card ? `Picked up ${name(card.job)}, in ${column(card.status)}.` : undefined;
    },
    onDragOver({ active, over }) {
      const card = data(active);
      const overId = over?.id;
      if (!card || overId === lastOver) return undefined;
      lastOver = overId;
      return over ? `${name(card.job)} is over ${column(over.id)}.` : `${name(card.job)} is not over a column.`;
    },
    onDragEnd({ active, over }) {
      const card = data(active);
      if (!card) return undefined;
      if (!over || over.id === card.status) return `${name(card.job)} dropped; it stays in ${column(card.status)}.`;
      return `${name(card.job)} moved from ${column(card.status)} to ${column(over.id)}.`;
    },
    onDragCancel({ active }) {
      const card = data(active);
      return card ? `Move cancelled; ${name(card.job)} stays in ${column(card.status)}.` : undefined;
    },
  };
}

export function movedMessage(job: Job, from: JobStatus, to: JobStatus): string {
  return `${name(job)} moved from ${column(from)} to ${column(to)}.`;
}

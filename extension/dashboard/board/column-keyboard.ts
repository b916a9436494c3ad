import { KeyboardCode, type KeyboardCoordinateGetter } from '@dnd-kit/core';

/** A column's place on screen, as dnd-kit measured it. */
export interface ColumnBox {
  id: string;
  left: number;
  width: number;
}

/**
 * The column beside `current` in `direction` (-1 left, +1 right), by screen
 * position, so the step follows what is seen even if the columns wrap or
 * reorder. `current` is the column the card is over, or else the one under
 * `centerX` (the card's centre).
 */
export function columnBeside(columns: readonly ColumnBox[], current: string | undefined, centerX: number, direction: -1 | 1): ColumnBox | undefined {
  const ordered = [...columns].sort((a, b) => a.left - b.left);
  let index = ordered.findIndex((column) => column.id === current);
  if (index < 0) index = ordered.findIndex((column) => centerX >= column.left && centerX < column.left + column.width);
  if (index < 0) return direction > 0 ? ordered.find((column) => column.left > centerX) : ordered.findLast((column) => column.left + column.width <= centerX);
  return ordered[index + direction];
}

/**
 * Arrow keys while a card is held: left and right jump a whole column (the
 * default moves 25 px a press, about ten presses a column); up and down do
 * nothing, as cards keep the column's order (most recent first).
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const direction = event.code === KeyboardCode.Right ? 1 : event.code === KeyboardCode.Left ? -1 : 0;
  if (direction === 0) {
    if (event.code === KeyboardCode.Up || event.code === KeyboardCode.Down) event.preventDefault();
    return undefined;
  }
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers, over } = context;
  if (!collisionRect) return undefined;
  const columns: ColumnBox[] = [];
  for (const container of droppableContainers.getEnabled()) {
    const rect = droppableRects.get(container.id);
    if (rect) columns.push({ id: String(container.id), left: rect.left, width: rect.width });
  }
  const target = columnBeside(columns, over ? String(over.id) : undefined, collisionRect.left + collisionRect.width / 2, direction);
  if (!target) return undefined;
  return { x: target.left + (target.width - collisionRect.width) / 2, y: currentCoordinates.y };
};

import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { JOB_STATUSES, type JobStatus } from '../../../shared/schema';
import { label } from '../../ui/format';

interface MoveMenuProps {
  /** Names the application in the button's accessible name. */
  jobName: string;
  status: JobStatus;
  onMove: (status: JobStatus) => void;
  /** Lets the board return focus here after a move. */
  buttonRef?: (element: HTMLButtonElement | null) => void;
}

const MENU_WIDTH = 180;

/**
 * "Move to…": the plain alternative to dragging, a menu button listing the
 * other columns. The menu is a popover, drawn in the top layer, so neither
 * the column's scrolling nor the virtual list's transforms clip it. Its items
 * exist only while it is open: a board draws a hundred cards or more.
 */
export function MoveMenu({ jobName, status, onMove, buttonRef }: MoveMenuProps) {
  const menuId = useId();
  const button = useRef<HTMLButtonElement | null>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  // Closed by Escape, a click elsewhere or a choice: the browser says so with a toggle event.
  useEffect(() => {
    const element = menu.current;
    if (!element) return;
    const onToggle = (event: Event) => {
      if ((event as ToggleEvent).newState === 'open') return;
      setOpen(false);
      // Focus goes back to the button, unless the user moved it elsewhere on purpose.
      const active = document.activeElement;
      if (!active || active === document.body || element.contains(active)) button.current?.focus();
    };
    element.addEventListener('toggle', onToggle);
    return () => element.removeEventListener('toggle', onToggle);
  }, []);

  // Opened: shown beside its button once its items are drawn, then the first item focused.
  useLayoutEffect(() => {
    const anchor = button.current;
    const element = menu.current;
    if (!open || !anchor || !element || element.matches(':popover-open')) return;
    const rect = anchor.getBoundingClientRect();
    element.style.left = `${Math.max(8, Math.min(rect.right - MENU_WIDTH, innerWidth - MENU_WIDTH - 8))}px`;
    element.style.width = `${MENU_WIDTH}px`;
    element.showPopover();
    const height = element.offsetHeight;
    const below = rect.bottom + 4;
    // Above the button when it would run off the bottom of the window.
    element.style.top = `${below + height > innerHeight - 8 ? Math.max(8, rect.top - height - 4) : below}px`;
    element.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const close = () => {
    if (menu.current?.matches(':popover-open')) menu.current.hidePopover();
    else setOpen(false);
  };

  const choose = (target: JobStatus) => {
    close();
    onMove(target);
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // The board's own arrow-key handling (between cards, dragging) is not for keys pressed in the menu.
    event.stopPropagation();
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const focus = (next: number) => items[(next + items.length) % items.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(index + 1);
        break;
      case 'ArrowUp':
        focus(index - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(items.length - 1);
        break;
      case 'Tab':
        close();
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <>
      <button
        type="button"
        className="card-move"
        ref={(element) => {
          button.current = element;
          buttonRef?.(element);
        }}
        data-part="move"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        // The visible words come first, so speech control ("click Move to") finds the button.
        aria-label={`Move to… (${jobName})`}
        onClick={() => (open ? close() : setOpen(true))}
      >
        Move to…
      </button>
      <div
        id={menuId}
        ref={menu}
        popover="auto"
        role="menu"
        aria-label={`Move ${jobName} to`}
        className="move-menu"
        onKeyDown={onMenuKeyDown}
        // The card under the menu listens for drags; a click in the menu is not one.
        onPointerDown={(event) => event.stopPropagation()}
      >
        {open &&
          JOB_STATUSES.filter((candidate) => candidate !== status).map((target) => (
            <button key={target} type="button" role="menuitem" tabIndex={-1} onClick={() => choose(target)}>
              {label(target)}
            </button>
          ))}
      </div>
    </>
  );
}

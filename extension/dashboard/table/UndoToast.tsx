import { useEffect, useRef } from 'react';

export interface Toast {
  message: string;
  /** Present when the change can be undone. */
  undo?: () => void;
}

/**
 * A message at the bottom of the page, announced politely. It stays until
 * dismissed or replaced: no timer races the user to the Undo button.
 * The Undo button takes focus when it appears, so the keyboard is one key
 * away from it after a delete.
 */
export function UndoToast({ toast, onDismiss }: { toast: Toast | undefined; onDismiss: () => void }) {
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (toast?.undo) undoRef.current?.focus();
  }, [toast]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast">
          <span>{toast.message}</span>
          {toast.undo && (
            <button type="button" ref={undoRef} className="primary" onClick={toast.undo}>
              Undo
            </button>
          )}
          <button type="button" className="link" aria-label="Dismiss message" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

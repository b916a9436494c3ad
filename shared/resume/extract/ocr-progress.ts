/**
 * tesseract.js takes one logger when its worker is created; pages are
 * recognised one after another, so the logger forwards to whichever page's
 * callback is current. Only the recognition status carries page progress.
 */
export interface OcrLogMessage {
  status: string;
  progress: number;
}

export function ocrProgressRouter(): {
  logger: (message: OcrLogMessage) => void;
  during<T>(onProgress: ((fraction: number) => void) | undefined, work: () => Promise<T>): Promise<T>;
} {
  let current: ((fraction: number) => void) | undefined;
  return {
    logger(message) {
      if (message.status === 'recognizing text' && Number.isFinite(message.progress)) current?.(Math.min(1, Math.max(0, message.progress)));
    },
    async during(onProgress, work) {
      current = onProgress;
      try {
        return await work();
      } finally {
        current = undefined;
      }
    },
  };
}

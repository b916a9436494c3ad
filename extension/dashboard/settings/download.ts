/** Saves text as a file through the browser's download, without any permission. */
export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** Saves bytes as a file through the browser's download, without any permission. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has read the blob by the time anyone could click again.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `trackruit-2026-03-01.json`: sorts by date in a downloads folder. */
export function exportFileName(extension: 'json' | 'csv', at: Date): string {
  const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return `trackruit-${day}.${extension}`;
}

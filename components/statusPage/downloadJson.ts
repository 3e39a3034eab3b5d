/**
 * Saves `value` as a JSON file through the browser's download: a Blob, an object URL and a click on an `<a download>`.
 * No dependency, nothing leaves the device. The URL is revoked once the browser has taken the click (a revoke in the
 * same task can cancel the download in some browsers), so the file's bytes do not stay in memory.
 */
export function downloadJson(fileName: string, value: unknown, doc: Document = document): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, REVOKE_AFTER_MS);
  }
}

/** Long enough for the browser to have started reading the Blob, short enough not to hold a large file for long. */
export const REVOKE_AFTER_MS = 1_000;

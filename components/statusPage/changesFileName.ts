const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The name of an "Export changes" file: `offline-changes-2026-12-03-184219.json`, in the device's local time so the
 * user finds it by the clock they saw, and sortable so several exports list in order.
 */
export function changesFileName(at: Date): string {
  const date = `${String(at.getFullYear())}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
  const time = `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
  return `offline-changes-${date}-${time}.json`;
}

/**
 * Saves a blob as a file through a same-origin blob: URL — nothing leaves the machine, and the
 * strict CSP (no inline script) is unaffected.
 */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click starts the download synchronously; revoke a little later so slow browsers keep the URL.
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

/** Local date and time as `2024-05-01 14:32` (the planner's clock, not UTC). */
export function localStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** `2024-05-01` for file names. */
export function fileDay(date: Date): string {
  return localStamp(date).slice(0, 10);
}

/**
 * Copies text to the clipboard. The async Clipboard API needs a secure context (https or
 * localhost); on a plain-http intranet host the older selection copy still works.
 */
export async function copyText(text: string, fallbackField: HTMLTextAreaElement | HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallbackField) return false;
    fallbackField.select();
    return document.execCommand('copy');
  }
}

/** Saves text as a file through a blob: URL (same origin; nothing leaves the machine). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The views' one-line message under the header (#flash): what just happened, or
// what went wrong. Errors stay until replaced; other notices fade once read.
import type { FlashLevel } from '../protocol';

/** How long a notice that is not an error stays. */
const NOTICE_MS = 8000;

let flashTimer: ReturnType<typeof setTimeout> | undefined;

export function showFlash(level: FlashLevel, text: string): void {
  const target = document.getElementById('flash');
  if (target === null) {
    return;
  }
  target.className = `flash flash-${level}`;
  target.textContent = text;
  if (flashTimer !== undefined) {
    clearTimeout(flashTimer);
  }
  if (level !== 'error') {
    flashTimer = setTimeout(() => {
      target.textContent = '';
      target.className = 'flash';
    }, NOTICE_MS);
  }
}

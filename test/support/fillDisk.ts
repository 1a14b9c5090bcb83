// Fills a (small, test-mounted) file system until it reports ENOSPC, for the
// storage-full tests of every layer. Remove `<dir>/filler.bin` to give the space back.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function fillUntilFull(dir: string): void {
  const fd = fs.openSync(path.join(dir, 'filler.bin'), 'w');
  try {
    for (const size of [16_384, 4_096, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') {
            break;
          }
          throw error;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

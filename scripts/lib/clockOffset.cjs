// Preloaded (NODE_OPTIONS=--require) into the test VS Code's Node processes so
// that a test can move their wall clock (Date.now) while they run: the offset,
// in milliseconds, is read from the file named by CANDOR_CLOCK_OFFSET_FILE, at
// most every 100 ms. The monotonic clock (performance.now) is left alone, as a
// real clock jump leaves it. VS Code strips LD_PRELOAD from its extension host,
// so a libc-level time shim would not reach it; this does.
'use strict';
const fs = require('node:fs');

const file = process.env.CANDOR_CLOCK_OFFSET_FILE;
if (file) {
  const realNow = Date.now.bind(Date);
  let offset = 0;
  let readAt = -Infinity;
  Date.now = function now() {
    const mono = performance.now();
    if (mono - readAt >= 100) {
      readAt = mono;
      try {
        const value = Number(fs.readFileSync(file, 'utf8').trim());
        offset = Number.isFinite(value) ? value : 0;
      } catch {
        offset = 0;
      }
    }
    return realNow() + offset;
  };
}

// Runs until stopped: used to try restarting a debug session.
let ticks = 0;
setInterval(() => {
  ticks += 1;
}, 200);

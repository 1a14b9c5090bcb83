// Prints what the JavaScript debugger prints when a program fails, then exits cleanly.
// Candor must record no exit from it: a program's own text never becomes an event.
console.error('Process exited with code 7');
process.stderr.write('Process exited with code 9\r\n');

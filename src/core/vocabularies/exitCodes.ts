// The exit codes Candor keeps: POSIX statuses 0–255, signal names, -1, and a
// short list of well-known Windows status codes. Everything else is
// "exit:other". Recorded as "exit:<value>".

export const MAX_EXIT_STATUS = 255;

/** Signal names as Node.js and debug adapters report a process killed by a signal. */
export const SIGNAL_NAMES: readonly string[] = [
  'SIGABRT',
  'SIGALRM',
  'SIGBREAK',
  'SIGBUS',
  'SIGCHLD',
  'SIGCONT',
  'SIGEMT',
  'SIGFPE',
  'SIGHUP',
  'SIGILL',
  'SIGINFO',
  'SIGINT',
  'SIGIO',
  'SIGIOT',
  'SIGKILL',
  'SIGLOST',
  'SIGPIPE',
  'SIGPOLL',
  'SIGPROF',
  'SIGPWR',
  'SIGQUIT',
  'SIGSEGV',
  'SIGSTKFLT',
  'SIGSTOP',
  'SIGSYS',
  'SIGTERM',
  'SIGTRAP',
  'SIGTSTP',
  'SIGTTIN',
  'SIGTTOU',
  'SIGUNUSED',
  'SIGURG',
  'SIGUSR1',
  'SIGUSR2',
  'SIGVTALRM',
  'SIGWINCH',
  'SIGXCPU',
  'SIGXFSZ',
];

/** Well-known Windows (NTSTATUS and runtime) exit codes, written as Windows tools print them. */
export const WINDOWS_STATUS_CODES: Readonly<Record<string, string>> = {
  '0x40010004': 'the debugger terminated the process',
  '0x80000003': 'breakpoint reached outside a debugger',
  '0xC0000005': 'access violation',
  '0xC0000006': 'in-page error',
  '0xC0000017': 'out of memory',
  '0xC000001D': 'illegal instruction',
  '0xC0000022': 'access denied',
  '0xC000007B': 'invalid image format',
  '0xC000008E': 'floating-point division by zero',
  '0xC0000094': 'integer division by zero',
  '0xC0000095': 'integer overflow',
  '0xC0000096': 'privileged instruction',
  '0xC00000FD': 'stack overflow',
  '0xC0000135': 'DLL not found',
  '0xC0000139': 'entry point not found',
  '0xC0000142': 'DLL initialisation failed',
  '0xC000013A': 'ended by Ctrl+C or closing the console',
  '0xC0000374': 'heap corruption',
  '0xC0000409': 'stack buffer overrun (fail fast)',
  '0xC0000420': 'assertion failure',
  '0xE0434352': 'unhandled .NET exception',
  '0xE06D7363': 'unhandled C++ exception',
};

export const EXIT_PREFIX = 'exit:';
export const OTHER_EXIT = 'exit:other';

/** Every exit code token that may be recorded. */
export const EXIT_CODE_TOKENS: readonly string[] = [
  ...Array.from({ length: MAX_EXIT_STATUS + 1 }, (_, status) => `${EXIT_PREFIX}${status}`),
  `${EXIT_PREFIX}-1`,
  ...SIGNAL_NAMES.map((name) => `${EXIT_PREFIX}${name}`),
  ...Object.keys(WINDOWS_STATUS_CODES).map((hex) => `${EXIT_PREFIX}${hex}`),
  OTHER_EXIT,
];

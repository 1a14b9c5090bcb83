// The debug and task types Candor keeps, each mapped to the runtime name
// recorded (aliases of one debugger map to one name). Any other type is
// recorded as "other".

export const OTHER_RUNTIME = 'other';

/** Debug types → the runtime name recorded. Aliases of one debugger map to one name. */
export const DEBUG_RUNTIMES: Readonly<Record<string, string>> = {
  node: 'node', 'pwa-node': 'node', 'node-terminal': 'node', 'legacy-node': 'node', node2: 'node',
  chrome: 'chrome', 'pwa-chrome': 'chrome', 'legacy-chrome': 'chrome',
  msedge: 'msedge', 'pwa-msedge': 'msedge', edge: 'msedge',
  extensionHost: 'extensionHost', 'pwa-extensionHost': 'extensionHost',
  firefox: 'firefox',
  python: 'python', debugpy: 'python',
  java: 'java', kotlin: 'kotlin', scala: 'scala', clojure: 'clojure',
  coreclr: 'coreclr', clr: 'clr', dotnet: 'dotnet', mono: 'mono',
  cppdbg: 'cppdbg', cppvsdbg: 'cppvsdbg', lldb: 'lldb', 'lldb-dap': 'lldb', gdb: 'gdb', 'cortex-debug': 'cortex-debug',
  go: 'go', php: 'php', ruby: 'ruby', rdbg: 'ruby', dart: 'dart', flutter: 'dart',
  swift: 'swift', rust: 'rust', lua: 'lua', 'lua-local': 'lua', perl: 'perl', julia: 'julia', R: 'r', 'R-Debugger': 'r',
  PowerShell: 'powershell', bashdb: 'bash', elixir: 'elixir', mix_task: 'elixir', erlang: 'erlang',
  haskell: 'haskell', ghc: 'haskell', ocamlearlybird: 'ocaml', zig: 'zig', deno: 'deno', bun: 'bun',
  mock: 'mock',
};

/** Task types → the runtime name recorded. */
export const TASK_RUNTIMES: Readonly<Record<string, string>> = {
  npm: 'npm', shell: 'shell', process: 'process', typescript: 'typescript', gulp: 'gulp', grunt: 'grunt',
  jake: 'jake', cargo: 'cargo', go: 'go', make: 'make', cmake: 'cmake', cppbuild: 'cppbuild',
  msbuild: 'msbuild', dotnet: 'dotnet', gradle: 'gradle', maven: 'maven', java: 'java', ant: 'ant',
  deno: 'deno', bun: 'bun', rake: 'rake', flutter: 'flutter', dart: 'dart', python: 'python', pip: 'pip',
  'docker-build': 'docker-build', 'docker-run': 'docker-run', 'docker-compose': 'docker-compose',
  func: 'func', swift: 'swift', lein: 'lein', mix: 'mix', zig: 'zig', esbuild: 'esbuild', eslint: 'eslint',
};

/** Every value mapRuntime can return; other modules treat these as known vocabulary. */
export const KNOWN_RUNTIMES: ReadonlySet<string> = new Set([
  ...Object.values(DEBUG_RUNTIMES), ...Object.values(TASK_RUNTIMES), OTHER_RUNTIME,
]);

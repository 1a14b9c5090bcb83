// The diagnostic sources Candor keeps: well-known public tools, each under the
// `source` string(s) that tool (or the VS Code extension running it) publishes.
// Lookup is exact, ignoring case only; any other source is recorded as "other".

export interface DiagnosticSourceEntry {
  /** The value recorded. */
  readonly name: string;
  /** The tool, in plain words for the documentation. */
  readonly tool: string;
  /** Every `source` string that maps to `name` (compared ignoring case), `name` included. */
  readonly published: readonly string[];
}

export const DIAGNOSTIC_SOURCE_ENTRIES: readonly DiagnosticSourceEntry[] = [
  // JavaScript and TypeScript
  {
    name: 'ts',
    tool: "TypeScript and JavaScript (VS Code's built-in TypeScript service)",
    published: ['ts', 'typescript'],
  },
  { name: 'js', tool: "JavaScript (older VS Code's built-in TypeScript service)", published: ['js'] },
  { name: 'deno-ts', tool: 'TypeScript in Deno', published: ['deno-ts'] },
  { name: 'eslint', tool: 'ESLint', published: ['eslint'] },
  { name: 'stylelint', tool: 'Stylelint', published: ['stylelint'] },
  // Python
  { name: 'Pylance', tool: 'Pylance', published: ['Pylance'] },
  { name: 'Pyright', tool: 'Pyright', published: ['Pyright'] },
  { name: 'basedpyright', tool: 'basedpyright', published: ['basedpyright'] },
  { name: 'pylint', tool: 'Pylint', published: ['pylint'] },
  { name: 'flake8', tool: 'Flake8', published: ['flake8'] },
  { name: 'ruff', tool: 'Ruff', published: ['ruff'] },
  { name: 'mypy', tool: 'mypy', published: ['mypy'] },
  { name: 'pycodestyle', tool: 'pycodestyle', published: ['pycodestyle'] },
  { name: 'pyflakes', tool: 'Pyflakes', published: ['pyflakes'] },
  // Rust
  { name: 'rustc', tool: 'the Rust compiler', published: ['rustc'] },
  { name: 'rust-analyzer', tool: 'rust-analyzer', published: ['rust-analyzer'] },
  { name: 'clippy', tool: 'Clippy', published: ['clippy'] },
  // Go
  { name: 'compiler', tool: 'the Go type checker, as gopls reports it', published: ['compiler'] },
  { name: 'gopls', tool: 'gopls', published: ['gopls'] },
  { name: 'go-vet', tool: 'go vet', published: ['go-vet', 'go vet', 'vet'] },
  { name: 'staticcheck', tool: 'Staticcheck', published: ['staticcheck', 'go-staticcheck'] },
  { name: 'golangci-lint', tool: 'golangci-lint', published: ['golangci-lint'] },
  // JVM and .NET
  { name: 'Java', tool: 'Java (Language Support for Java by Red Hat)', published: ['Java'] },
  { name: 'csharp', tool: 'C# (Roslyn, C# Dev Kit, OmniSharp)', published: ['csharp', 'C#'] },
  // C and C++
  { name: 'cpp', tool: 'C/C++ (Microsoft C/C++ extension)', published: ['C/C++', 'cpp'] },
  { name: 'clang', tool: 'Clang, as clangd reports it', published: ['clang'] },
  { name: 'clangd', tool: 'clangd', published: ['clangd'] },
  { name: 'clang-tidy', tool: 'clang-tidy', published: ['clang-tidy'] },
  // Shell, containers, prose
  { name: 'shellcheck', tool: 'ShellCheck', published: ['shellcheck'] },
  { name: 'hadolint', tool: 'Hadolint', published: ['hadolint'] },
  { name: 'markdownlint', tool: 'markdownlint', published: ['markdownlint'] },
  { name: 'cSpell', tool: 'Code Spell Checker', published: ['cSpell'] },
  // VS Code's built-in language services
  { name: 'json', tool: "VS Code's JSON validation", published: ['json'] },
  { name: 'css', tool: "VS Code's CSS validation", published: ['css'] },
  { name: 'scss', tool: "VS Code's SCSS validation", published: ['scss'] },
  { name: 'less', tool: "VS Code's Less validation", published: ['less'] },
  { name: 'html', tool: "VS Code's HTML language service", published: ['html'] },
  { name: 'markdown', tool: "VS Code's Markdown link validation", published: ['markdown'] },
  { name: 'yaml', tool: 'YAML (Red Hat YAML language server)', published: ['yaml'] },
];

/** What every source outside the list is recorded as. */
export const OTHER_SOURCE = 'other';

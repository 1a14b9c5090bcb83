// Lint TypeScript with type information so promise misuse is caught, and keep
// the layers apart (docs/architecture.md, "Where each rule is enforced").
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Relative imports that climb into another top-level folder of src/, e.g. `../ide/x`, `../../webview`.
const intoFolder = (folder) => `^(?:\\.{1,2}/)+(?:src/)?${folder}(?:/|$)`;

/** src/core is plain TypeScript: it runs and is unit-tested in Node without an editor. */
const coreLayering = {
  paths: [
    {
      name: 'vscode',
      message:
        'src/core must run in plain Node without an editor; put the VS Code glue in src/ide and pass plain values in.',
    },
  ],
  patterns: [
    {
      regex: intoFolder('ide'),
      message: 'src/core must not depend on src/ide (VS Code glue); let src/ide call into core, never the other way.',
    },
    {
      regex: intoFolder('webview'),
      message:
        'src/core must not depend on src/webview (the payload view); let the view read core types, never the other way.',
    },
  ],
};

const NO_NODE_IN_WEBVIEW =
  'The webview script runs in a browser sandbox where Node modules do not exist; ask the host via src/webview/protocol.ts.';

/** The webview script is bundled for the browser sandbox of a webview: no Node, no extension host. */
const webviewScriptLayering = {
  paths: [
    {
      name: 'vscode',
      message:
        'The webview script runs in a browser sandbox; talk to the host with postMessage (src/webview/protocol.ts).',
    },
    ...builtinModules.map((name) => ({ name, message: NO_NODE_IN_WEBVIEW })),
  ],
  patterns: [
    {
      group: ['node:*'],
      message: NO_NODE_IN_WEBVIEW,
    },
    {
      regex: intoFolder('ide'),
      message: 'The webview script must not import src/ide: that code runs in the extension host, not in the browser.',
    },
    {
      regex: '^\\.\\./payloadView(?:Html)?$',
      message:
        'The webview script must not import the host side of the view (it needs vscode and Node); share only protocol.ts and viewModel.ts.',
    },
  ],
};

/** protocol.ts and viewModel.ts are bundled into the webview script too, so the same limits hold for them. */
const webviewSharedLayering = {
  paths: webviewScriptLayering.paths,
  patterns: [
    ...webviewScriptLayering.patterns.slice(0, 2),
    {
      regex: '^\\./payloadView(?:Html)?$',
      message:
        'protocol.ts and viewModel.ts are bundled into the webview script; the host side of the view needs vscode and Node.',
    },
  ],
};

/** Error-ish names: what a catch clause or a rejection handler usually calls its value. */
const ERROR_NAME = '/^(e|err|error|ex|exception|cause|failure)$/';
const RAW_ERROR_TEXT =
  "An error is shown or logged only through src/core/describeError.ts (a code and fixed words): its own text can hold a path, a user or host name or a server's words.";

/** Nothing outside src/core/describeError.ts reads an error's text for output. */
const rawErrorText = [
  { selector: "MemberExpression[property.name='message']", message: RAW_ERROR_TEXT },
  {
    selector: `CallExpression[callee.name='String'] > Identifier.arguments[name=${ERROR_NAME}]`,
    message: RAW_ERROR_TEXT,
  },
  { selector: `TemplateLiteral > Identifier.expressions[name=${ERROR_NAME}]`, message: RAW_ERROR_TEXT },
  {
    selector: `CallExpression[callee.property.name='toString'][callee.object.name=${ERROR_NAME}]`,
    message: RAW_ERROR_TEXT,
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', '**/dist/', 'out/', '.vscode-test/', '.cache/', 'test-results/', 'demo/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Braces on every block and strict equality, as in vscode-eslint.
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreLayering] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/describeError.ts'],
    rules: { 'no-restricted-syntax': ['error', ...rawErrorText] },
  },
  {
    // The webview script runs in the browser and has a tsconfig of its own.
    files: ['src/webview/media/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { project: ['./src/webview/media/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: { 'no-restricted-imports': ['error', webviewScriptLayering] },
  },
  {
    files: ['src/webview/protocol.ts', 'src/webview/viewModel.ts'],
    rules: { 'no-restricted-imports': ['error', webviewSharedLayering] },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);

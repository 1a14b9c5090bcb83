import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPayloadViewHtml, privacyNotice } from '../../src/webview/payloadViewHtml';
import { contentSecurityPolicy, createNonce, escapeAttribute } from '../../src/webview/webviewPage';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const INPUTS = {
  cspSource: CSP_SOURCE,
  nonce: 'abc123+/=',
  scriptUri: `${CSP_SOURCE}/ext/dist/webview/payloadView.js`,
  styleUri: `${CSP_SOURCE}/ext/dist/webview/payloadView.css`,
};

/** Finds the repository root from wherever the compiled test lives. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    assert.notEqual(parent, dir, 'package.json not found above the test');
    dir = parent;
  }
  return dir;
}

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page has a CSP meta tag');
  return match[1] ?? '';
}

describe('payload view HTML', () => {
  it('uses a strict policy: nothing by default, no network, assets from the webview source, scripts by nonce', () => {
    const directives = contentSecurityPolicy(CSP_SOURCE, 'n0nce').split('; ');
    assert.deepEqual(directives, [
      "default-src 'none'",
      "connect-src 'none'",
      `img-src ${CSP_SOURCE}`,
      `style-src ${CSP_SOURCE}`,
      "script-src 'nonce-n0nce'",
    ]);
  });

  it('never allows inline or eval code', () => {
    const csp = cspOf(buildPayloadViewHtml(INPUTS));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
  });

  it('puts the CSP in the head, before any stylesheet or script', () => {
    const html = buildPayloadViewHtml(INPUTS);
    const cspAt = html.indexOf('Content-Security-Policy');
    assert.ok(cspAt > 0);
    assert.ok(cspAt < html.indexOf('<link'));
    assert.ok(cspAt < html.indexOf('<script'));
    assert.ok(html.indexOf('</head>') > cspAt);
  });

  it('loads exactly one script, from the built asset, carrying the nonce', () => {
    const html = buildPayloadViewHtml(INPUTS);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0], `<script nonce="abc123+/=" src="${INPUTS.scriptUri}">`);
    assert.match(html, /<script[^>]*><\/script>/, 'the script element has no inline body');
    assert.match(html, new RegExp(`<link rel="stylesheet" href="${INPUTS.styleUri.replace(/[.+]/g, '\\$&')}">`));
  });

  it('has no inline styles or inline event handlers', () => {
    const html = buildPayloadViewHtml(INPUTS);
    assert.doesNotMatch(html, /\sstyle=/i);
    assert.doesNotMatch(html, /<style/i);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
  });

  it('declares its language, title and landmarks, and carries the footer notice and policy button', () => {
    const html = buildPayloadViewHtml(INPUTS);
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<title>Candor: Telemetry Payloads<\/title>/);
    for (const landmark of ['<header', '<main', '<footer']) {
      assert.ok(html.includes(landmark), landmark);
    }
    assert.ok(html.includes(`<p data-testid="privacy-notice">${privacyNotice()}</p>`));
    assert.match(
      html,
      /<button type="button" id="policy-link"[^>]*data-testid="policy-link">View telemetry policy<\/button>/,
    );
  });

  it('escapes its inputs so a hostile value cannot break out of an attribute', () => {
    const html = buildPayloadViewHtml({ ...INPUTS, scriptUri: 'x"><script>alert(1)</script>' });
    assert.equal((html.match(/<script\b/g) ?? []).length, 1);
    assert.ok(html.includes('x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.equal(escapeAttribute(`a&b"c'd<e>f`), 'a&amp;b&quot;c&#39;d&lt;e&gt;f');
  });

  it('makes nonces of 128 random bits, different every time', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const nonce = createNonce();
      assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
      assert.equal(Buffer.from(nonce, 'base64').length, 16);
      nonces.add(nonce);
    }
    assert.equal(nonces.size, 200);
  });
});

describe('payload view browser script', () => {
  const source = fs.readFileSync(path.join(repoRoot(), 'src', 'webview', 'media', 'payloadView.ts'), 'utf8');
  const code = source.replace(/\/\/.*$/gm, '');

  it('never uses an HTML-parsing sink, so values always render as text', () => {
    for (const sink of [
      'innerHTML',
      'outerHTML',
      'insertAdjacentHTML',
      'document.write',
      'DOMParser',
      'createContextualFragment',
      'srcdoc',
    ]) {
      assert.equal(code.includes(sink), false, sink);
    }
  });

  it('never sets inline styles (the CSP would block them) or evaluates strings', () => {
    for (const pattern of [
      /\.style\b/,
      /setAttribute\(\s*['"]style/,
      /\beval\(/,
      /new Function\(/,
      /setTimeout\(\s*['"`]/,
    ]) {
      assert.doesNotMatch(code, pattern);
    }
  });

  it('says ready on load and posts openPolicy from the policy button', () => {
    assert.match(code, /post\(\{ type: 'ready' \}\)/);
    assert.match(code, /getElementById\('policy-link'\)[^;]*type: 'openPolicy'/);
  });
});

describe('payload view stylesheet', () => {
  const css = fs
    .readFileSync(path.join(repoRoot(), 'media', 'payloadView.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '');

  it('hard-codes no colour: every colour comes from a --vscode-* variable', () => {
    assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b/i, 'hex colour');
    assert.doesNotMatch(css, /\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i, 'colour function');
    const declarations = [
      ...css.matchAll(
        /(?:^|[;{\s])((?:background-)?color|background|border(?:-(?:top|bottom|left|right))?(?:-color)?|outline(?:-color)?):\s*([^;]+);/g,
      ),
    ];
    assert.ok(declarations.length > 10, 'the check saw the colour declarations');
    for (const [, property, value] of declarations) {
      const withoutVars = (value ?? '').replace(/var\([^()]*(?:\([^()]*(?:\([^()]*\)[^()]*)*\)[^()]*)*\)/g, '');
      const words = withoutVars.match(/[a-z-]+/gi) ?? [];
      const allowed = new Set(['none', 'inherit', 'transparent', 'solid', 'dashed', 'px', 'currentColor']);
      for (const word of words) {
        assert.ok(allowed.has(word), `${property}: ${value} uses "${word}"`);
      }
    }
  });

  it('uses the theme fonts, the code-block background and the focus border', () => {
    for (const variable of [
      '--vscode-font-family',
      '--vscode-editor-font-family',
      '--vscode-textCodeBlock-background',
      '--vscode-focusBorder',
      '--vscode-button-background',
    ]) {
      assert.ok(css.includes(`var(${variable}`), variable);
    }
  });
});

// Rules of the project that are easy to break without noticing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderCollectionMarkdown } from '../../src/core/catalog';
import { readRepositoryDeclarations } from '../../src/core/declarations/repository';
import { RETENTION_DAYS, SETTINGS_DEFAULTS, UPLOAD_FORMATS, UPLOAD_MODES } from '../../src/core/settingsDefaults';

const root = path.resolve(__dirname, '..', '..', '..');

function filesUnder(dir: string, suffix: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, suffix) : entry.name.endsWith(suffix) ? [full] : [];
  });
}

/** Files whose comments must make sense to someone who has only this repository. */
function repositorySourceFiles(): string[] {
  const code = /\.(?:ts|mjs|cjs|js)$/;
  const dirs = ['src', 'test', 'bench', 'scripts'].flatMap((dir) => filesUnder(path.join(root, dir), ''));
  const top = ['esbuild.mjs', 'eslint.config.mjs', path.join('.ci', 'run')].map((f) => path.join(root, f));
  return [...dirs.filter((f) => code.test(f)), ...top.filter((f) => fs.existsSync(f))];
}

// Built from pieces so this file does not match its own patterns.
const OUTSIDE_DOCUMENTS = new RegExp(`\\b(?:${['DESIGN', 'HARNESS', 'STYLE'].join('|')})\\.md\\b|\\bshared/`);
const ISSUE_NUMBER = /\bissues?\s*#?\d+\b/i;
const HASH_NUMBER = /(?:^|[\s(])#\d+\b/;

/** The comment part of a line of JavaScript/TypeScript (or shell), roughly: enough to find references. */
function commentOf(line: string, shell: boolean): string {
  if (shell) {
    return line.includes('#') ? line.slice(line.indexOf('#') + 1) : '';
  }
  const trimmed = line.trimStart();
  if (trimmed.startsWith('*') || trimmed.startsWith('/*') || trimmed.startsWith('//')) {
    return trimmed;
  }
  const at = line.indexOf('// ');
  return at >= 0 ? line.slice(at) : '';
}

describe('project invariants', () => {
  it('src/core never imports the vscode module, so it runs and is tested in plain Node', () => {
    const offenders = filesUnder(path.join(root, 'src', 'core'), '.ts').filter((file) =>
      /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\))/.test(fs.readFileSync(file, 'utf8')),
    );
    assert.deepEqual(
      offenders.map((f) => path.relative(root, f)),
      [],
    );
  });

  it('comments point only at files in the repository: no outside documents, no issue numbers', () => {
    const offenders: string[] = [];
    for (const file of repositorySourceFiles()) {
      const shell = !/\.(?:ts|mjs|cjs|js)$/.test(file);
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const comment = commentOf(line, shell);
          if (OUTSIDE_DOCUMENTS.test(line) || ISSUE_NUMBER.test(comment) || (!shell && HASH_NUMBER.test(comment))) {
            offenders.push(`${path.relative(root, file)}:${index + 1}: ${line.trim()}`);
          }
        });
    }
    assert.deepEqual(offenders, [], 'say the reason itself, or point at a file such as docs/architecture.md');
  });

  it('docs/telemetry-events.md is exactly what the catalog and the declarations in extensions/ generate (run "npm run docs")', () => {
    const committed = fs.readFileSync(path.join(root, 'docs', 'telemetry-events.md'), 'utf8');
    assert.equal(committed, renderCollectionMarkdown(readRepositoryDeclarations(root)));
  });

  it('every contributed setting has a description and the telemetry tag', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: {
        configuration: { properties: Record<string, { markdownDescription?: string; tags?: string[] }> };
        commands: { category?: string }[];
      };
    };
    for (const [key, setting] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok((setting.markdownDescription ?? '').length > 20, `${key} has no description`);
      assert.ok(setting.tags?.includes('telemetry'), `${key} is not tagged "telemetry"`);
    }
    assert.ok(manifest.contributes.commands.every((c) => c.category === 'Candor'));
  });

  it('the setting defaults in src/core/settingsDefaults.ts are the ones package.json declares', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: {
        configuration: {
          properties: Record<string, { default?: unknown; enum?: unknown[]; minimum?: number; maximum?: number }>;
        };
      };
    };
    const declared = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(SETTINGS_DEFAULTS).sort(), Object.keys(declared).sort());
    for (const [key, value] of Object.entries(SETTINGS_DEFAULTS)) {
      assert.deepEqual(
        declared[key]?.default,
        value,
        `${key}: package.json says ${JSON.stringify(declared[key]?.default)}`,
      );
    }
    assert.deepEqual(declared['candor.upload.format']?.enum, [...UPLOAD_FORMATS]);
    assert.deepEqual(declared['candor.upload.mode']?.enum, [...UPLOAD_MODES]);
    assert.equal(declared['candor.retentionDays']?.minimum, RETENTION_DAYS.minimum);
    assert.equal(declared['candor.retentionDays']?.maximum, RETENTION_DAYS.maximum);
  });

  it("outside src/core/describeError.ts, nothing in src/ reads an error's text (.message, String(err), `${err}`)", () => {
    // A second line behind the lint rule in eslint.config.mjs, in case a file escapes the lint run.
    const raw =
      /\.message\b|String\(\s*(?:e|err|error|ex|exception|cause|failure)\s*\)|\$\{\s*(?:e|err|error|ex|exception|cause|failure)\s*\}/;
    const offenders = filesUnder(path.join(root, 'src'), '.ts')
      .filter((file) => !file.endsWith(path.join('core', 'describeError.ts')))
      .flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line, at: `${path.relative(root, file)}:${index + 1}` }))
          .filter(({ line }) => !/^\s*(?:\/\/|\*|\/\*)/.test(line) && raw.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    assert.deepEqual(offenders, []);
  });

  it('no file in src/ is over 400 lines, except the vocabulary data in src/core/vocabularies/', () => {
    const vocabularies = path.join(root, 'src', 'core', 'vocabularies');
    const tooLong = filesUnder(path.join(root, 'src'), '.ts')
      .filter((file) => !file.startsWith(vocabularies + path.sep))
      .map((file) => ({ file: path.relative(root, file), lines: fs.readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 400);
    assert.deepEqual(tooLong, []);
  });
});

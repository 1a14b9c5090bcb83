// What the Marketplace and the Extensions view show: the icon, the manifest's
// listing fields, the walkthrough, and the files the .vsix carries for them.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { listFiles, PackageManager } from '@vscode/vsce';

const root = path.resolve(__dirname, '..', '..', '..');

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string | Record<string, string> };
  completionEvents?: string[];
}

interface Manifest {
  icon?: string;
  categories?: string[];
  keywords?: string[];
  galleryBanner?: { color?: string; theme?: string };
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> };
    walkthroughs?: { id: string; title: string; steps: WalkthroughStep[] }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

function readNls(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
}

/** A manifest string as VS Code shows it: a `%key%` is looked up in the given package.nls file. */
function shown(text: string, nls: Record<string, string> = readNls('package.nls.json')): string {
  const key = /^%(.+)%$/.exec(text)?.[1];
  return key === undefined ? text : (nls[key] ?? text);
}

/** The Marketplace's categories (code.visualstudio.com, extension manifest reference). */
const MARKETPLACE_CATEGORIES = new Set([
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Others',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
]);

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  pixelBytes: number;
}

/** Reads a PNG's chunks, checking each CRC, and inflates its image data. */
function readPng(data: Buffer): PngHeader {
  assert.deepEqual([...data.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let at = 8;
  let header: Omit<PngHeader, 'pixelBytes'> | undefined;
  const image: Buffer[] = [];
  for (;;) {
    const length = data.readUInt32BE(at);
    const type = data.toString('ascii', at + 4, at + 8);
    const body = data.subarray(at + 8, at + 8 + length);
    assert.equal(data.readUInt32BE(at + 8 + length), zlib.crc32(data.subarray(at + 4, at + 8 + length)), `${type} CRC`);
    if (type === 'IHDR') {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8], colourType: body[9] };
    } else if (type === 'IDAT') {
      image.push(body);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  assert.ok(header, 'no IHDR chunk');
  return { ...header, pixelBytes: zlib.inflateSync(Buffer.concat(image)).length };
}

describe('Marketplace listing', () => {
  it('the icon is a 128×128 PNG with its pixels, exactly what scripts/make-icon.mjs draws', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const icon = fs.readFileSync(path.join(root, manifest.icon));
    const png = readPng(icon);
    assert.deepEqual([png.width, png.height, png.bitDepth, png.colourType], [128, 128, 8, 6]);
    assert.equal(png.pixelBytes, 128 * (1 + 128 * 4), 'one filter byte and 128 RGBA pixels per row');
    const drawn = execFileSync(process.execPath, [path.join(root, 'scripts', 'make-icon.mjs'), '--stdout']);
    assert.ok(drawn.equals(icon), 'media/icon.png is stale: run "npm run icon"');
  });

  it('categories come from the Marketplace list; keywords are few, distinct and about what Candor does', () => {
    const categories = manifest.categories ?? [];
    assert.ok(categories.length > 0);
    assert.deepEqual(
      categories.filter((c) => !MARKETPLACE_CATEGORIES.has(c)),
      [],
    );
    const keywords = manifest.keywords ?? [];
    // The Marketplace refuses more than 30 tags, and vsce adds tags of its own to the keywords.
    assert.ok(keywords.length >= 3 && keywords.length <= 10, `${keywords.length} keywords`);
    assert.equal(new Set(keywords.map((k) => k.toLowerCase())).size, keywords.length, 'a keyword is repeated');
    assert.ok(keywords.includes('telemetry') && keywords.includes('privacy'));
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9A-Fa-f]{6}$/);
    assert.ok(manifest.galleryBanner?.theme === 'dark' || manifest.galleryBanner?.theme === 'light');
  });

  it('the walkthrough has the four steps, each with its page, a button that runs a real command, and a way to complete', () => {
    const walkthrough = manifest.contributes.walkthroughs?.[0];
    assert.ok(walkthrough, 'no walkthrough');
    assert.equal(shown(walkthrough.title), 'Get started with Candor');
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['enable', 'payloads', 'endpoint', 'policy'],
    );
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const settings = new Set(Object.keys(manifest.contributes.configuration.properties));
    for (const step of walkthrough.steps) {
      const page = shown(step.media.markdown ?? '');
      assert.ok(page && fs.existsSync(path.join(root, page)), `${step.id}: page ${page}`);
      // The German page is a translation of its own, next to the English one.
      const germanPage = shown(step.media.markdown ?? '', readNls('package.nls.de.json'));
      assert.notEqual(germanPage, page, `${step.id}: no German page`);
      assert.ok(fs.existsSync(path.join(root, germanPage)), `${step.id}: German page ${germanPage}`);
      const button = /\]\(command:([\w.]+)(?:\?([^)]*))?\)/.exec(shown(step.description));
      assert.ok(button, `${step.id}: no command button`);
      // The German words keep the same button target.
      assert.ok(
        shown(step.description, readNls('package.nls.de.json')).includes(`(command:${button[1]}`),
        `${step.id}: German button`,
      );
      const command = button[1];
      if (command === 'workbench.action.openSettings') {
        const [setting] = JSON.parse(decodeURIComponent(button[2] ?? '')) as string[];
        assert.ok(settings.has(setting), `${step.id}: opens unknown setting ${setting}`);
      } else {
        assert.ok(commands.has(command), `${step.id}: unknown command ${command}`);
      }
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id}: never completes`);
      for (const event of step.completionEvents ?? []) {
        const [kind, target] = event.split(':');
        assert.ok(
          (kind === 'onCommand' && commands.has(target)) || (kind === 'onSettingChanged' && settings.has(target)),
          `${step.id}: ${event}`,
        );
      }
      // Images on a page are relative to the page and must exist.
      for (const file of [page, germanPage]) {
        const text = fs.readFileSync(path.join(root, file), 'utf8');
        for (const [, image] of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
          assert.ok(fs.existsSync(path.resolve(path.dirname(path.join(root, file)), image)), `${file}: ${image}`);
        }
      }
    }
  });

  it('the .vsix carries the README, CHANGELOG, icon, every README image, the walkthrough, telemetry.json and l10n', async function () {
    this.timeout(30_000);
    const packaged = new Set(await listFiles({ cwd: root, packageManager: PackageManager.None }));
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.filter((i) => i.startsWith('media/screenshots/')).length >= 3, 'the README shows screenshots');
    const expected = ['README.md', 'CHANGELOG.md', 'LICENSE', 'package.json', manifest.icon!, ...images];
    for (const step of manifest.contributes.walkthroughs?.[0]?.steps ?? []) {
      expected.push(shown(step.media.markdown!), shown(step.media.markdown!, readNls('package.nls.de.json')));
    }
    // Made by other parts of the build: required whenever they exist.
    if (fs.existsSync(path.join(root, 'telemetry.json'))) {
      expected.push('telemetry.json');
    }
    if (fs.existsSync(path.join(root, 'l10n'))) {
      expected.push(...fs.readdirSync(path.join(root, 'l10n')).map((f) => `l10n/${f}`));
    }
    expected.push(...fs.readdirSync(root).filter((f) => /^package\.nls(\.[\w-]+)?\.json$/.test(f)));
    assert.deepEqual(
      expected.filter((file) => !packaged.has(file)),
      [],
      'left out of the .vsix (see .vscodeignore)',
    );
    assert.deepEqual(
      [...packaged].filter((f) => /^(src|test|node_modules|out|demo|scripts)\//.test(f)),
      [],
      'sources and tests stay out of the package',
    );
  });
});

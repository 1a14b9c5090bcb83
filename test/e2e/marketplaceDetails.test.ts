// Candor's details page in the real workbench's Extensions view, as someone who
// installed the .vsix sees it: the icon, and the README with its screenshots.
// VS Code's details page loads README images only from https: addresses, so the
// package is made as for a release with a public base address (scripts/package.mjs
// --base-url); here that address is a loopback HTTPS server that serves the files
// of the installed package itself, so every image shown comes out of the .vsix.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { makeTestCertificates } from '../support/testCertificates';
import { candorStatusItem, e2e, runCommand, type ServerHandle } from './workbench';

/** What the tests read of an `<img>` in the page. */
interface ShownImage {
  readonly src: string;
  readonly naturalWidth: number;
  readonly complete: boolean;
}

/** Serves files under `root()` over HTTPS, and notes every path asked for with its status. */
function startFileServer(
  key: string,
  cert: string,
  root: () => string | undefined,
  served: Map<string, number>,
): Promise<https.Server> {
  const server = https.createServer({ key, cert }, (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'https://host').pathname);
    const base = root();
    const file = base ? path.join(base, pathname) : undefined;
    const inside = file !== undefined && base !== undefined && file.startsWith(base + path.sep);
    const status = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? 200 : 404;
    served.set(pathname, status);
    if (status === 200 && file) {
      response.writeHead(200, { 'content-type': file.endsWith('.png') ? 'image/png' : 'application/octet-stream' });
      response.end(fs.readFileSync(file));
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The SHA-256 of a certificate's public key, as Chromium's --ignore-certificate-errors-spki-list takes it. */
function spkiHash(certificatePem: string): string {
  const spki = new crypto.X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(spki).digest('base64');
}

/** Every image in the frame that shows the README, once all of them have finished loading or failing. */
async function readmeImages(page: Page, baseUrl: string, count: number, timeoutMs: number): Promise<ShownImage[]> {
  const deadline = Date.now() + timeoutMs;
  let last: ShownImage[] = [];
  for (;;) {
    for (const frame of page.frames()) {
      const images = await imagesFrom(frame, baseUrl);
      if (images.length > 0) {
        last = images;
        if (images.length >= count && images.every((image) => image.complete)) {
          return images;
        }
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`the README's images did not finish loading: ${JSON.stringify(last)}`);
    }
    await page.waitForTimeout(250); // poll: the details webview renders the README after a gallery-less lookup
  }
}

function imagesFrom(frame: Frame, baseUrl: string): Promise<ShownImage[]> {
  if (frame.isDetached()) {
    return Promise.resolve([]);
  }
  return frame
    .locator('img')
    .evaluateAll(
      (images: ShownImage[], prefix: string) =>
        images
          .filter((image) => image.src.startsWith(prefix))
          .map((image) => ({ src: image.src, naturalWidth: image.naturalWidth, complete: image.complete })),
      baseUrl,
    )
    .catch(() => []);
}

describe('Candor on the Extensions view details page', function () {
  this.timeout(300_000);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'candor-details-'));
  const stateDir = path.join(scratch, 'vscode');
  const served = new Map<string, number>();
  let installedDir: string | undefined;
  let files: https.Server | undefined;
  let server: ServerHandle | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let baseUrl = '';

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await new Promise((resolve) => (files ? files.close(resolve) : resolve(undefined)));
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the icon and every README screenshot, loaded from the installed package', async () => {
    const { repoRoot, codeServerEntry, startServer, launchBrowser } = e2e();
    const tls = makeTestCertificates(path.join(scratch, 'tls'));
    files = await startFileServer(tls.key, tls.cert, () => installedDir, served);
    baseUrl = `https://127.0.0.1:${(files.address() as AddressInfo).port}/`;

    const vsix = path.join(scratch, 'candor.vsix');
    const packaged = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'scripts', 'package.mjs'), '--out', vsix, '--base-url', baseUrl],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);
    fs.mkdirSync(path.join(stateDir, 'extensions'), { recursive: true });
    fs.mkdirSync(path.join(stateDir, 'user-data'), { recursive: true });
    const installed = spawnSync(
      process.execPath,
      [
        codeServerEntry,
        '--extensions-dir',
        path.join(stateDir, 'extensions'),
        '--user-data-dir',
        path.join(stateDir, 'user-data'),
        '--install-extension',
        vsix,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(installed.status, 0, `installing the .vsix failed:\n${installed.stdout}\n${installed.stderr}`);
    const [folder] = fs.readdirSync(path.join(stateDir, 'extensions')).filter((f) => f.startsWith('candor.candor-'));
    assert.ok(folder, 'Candor is not in the extensions folder after the install');
    installedDir = path.join(stateDir, 'extensions', folder);

    // Only the test server's own key is accepted, nothing else.
    browser = await launchBrowser([`--ignore-certificate-errors-spki-list=${spkiHash(tls.cert)}`]);
    server = await startServer({ stateDir });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(e2e().workspace)}`);
    await candorStatusItem(page).waitFor({ timeout: 90_000 });

    await page.keyboard.press('Control+Shift+X');
    const listed = page.locator('.extensions-viewlet .extension-list-item', { hasText: 'Candor' }).first();
    await listed.waitFor({ timeout: 60_000 });
    await listed.click();

    // The icon in the page's header is Candor's own, not VS Code's placeholder.
    const icon = page.locator('.extension-editor > .header .icon-container img.icon');
    await icon.waitFor({ timeout: 30_000 });
    const readIcon = (): Promise<ShownImage> =>
      icon.evaluate((image: ShownImage) => ({
        src: image.src,
        naturalWidth: image.naturalWidth,
        complete: image.complete,
      }));
    for (const deadline = Date.now() + 30_000; !(await readIcon()).complete && Date.now() < deadline;) {
      await page.waitForTimeout(100); // poll: the icon loads after the header is drawn
    }
    const shownIcon = await readIcon();
    assert.match(decodeURIComponent(shownIcon.src), /\/candor\.candor-[^/]+\/media\/icon\.png/);
    assert.equal(shownIcon.naturalWidth, 128);

    const readme = fs.readFileSync(path.join(installedDir, 'readme.md'), 'utf8');
    const linked = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    const screenshots = linked.filter((src) => src.startsWith(`${baseUrl}media/screenshots/`));
    assert.ok(screenshots.length >= 3, `the packaged README links its screenshots absolutely: ${linked.join(', ')}`);
    assert.deepEqual(
      linked.filter((src) => !src.startsWith('https://')),
      [],
      'a README image the details page cannot load',
    );

    const shown = await readmeImages(page, baseUrl, screenshots.length, 60_000);
    assert.deepEqual(shown.map((image) => image.src).sort(), [...screenshots].sort());
    assert.deepEqual(
      shown.filter((image) => image.naturalWidth === 0).map((image) => image.src),
      [],
      'screenshots that did not load',
    );
    for (const src of screenshots) {
      const file = new URL(src).pathname;
      assert.equal(served.get(file), 200, `${file} was not served from the installed package`);
      assert.ok(fs.existsSync(path.join(installedDir, file)), `${file} is not in the .vsix`);
    }
  });

  it('walks a new user through "Get started with Candor": its first step turns Candor on, its second shows the payload view', async () => {
    assert.ok(page, 'the details page test opened the workbench');
    const item = candorStatusItem(page);
    assert.match((await item.textContent()) ?? '', /Candor: Off/, 'a fresh install is off');
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const choice = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with Candor' }).first();
    await choice.waitFor({ timeout: 20_000 });
    await choice.click();
    const walkthrough = page.locator('.gettingStartedContainer');
    const steps = ['Turn Candor on', 'See every byte', 'Choose where reports go', 'Read the policy'];
    const step = (title: string) => walkthrough.locator('.getting-started-step', { hasText: title }).first();
    for (const title of steps) {
      await step(title).waitFor({ timeout: 30_000 });
    }
    // The step's tick (a codicon marked complete) is not there before the button is pressed.
    assert.equal(await step(steps[0]).locator('.codicon.complete').count(), 0);
    await walkthrough.getByRole('button', { name: 'Turn Candor On', exact: true }).click();
    // Poll: the setting change reaches the extension host, then the status bar and the step's tick.
    for (const deadline = Date.now() + 30_000; /Candor: Off/.test((await item.textContent()) ?? '');) {
      assert.ok(Date.now() < deadline, "Candor is still off after the walkthrough's button");
      await page.waitForTimeout(200);
    }
    await step(steps[0]).locator('.codicon.complete').waitFor({ timeout: 30_000 });
    assert.match((await item.textContent()) ?? '', /Local only/);

    // The second step's page shows the payload view's screenshot from the installed package.
    await step(steps[1]).click();
    const deadline = Date.now() + 30_000;
    let shot: ShownImage | undefined;
    while (!shot?.complete) {
      assert.ok(Date.now() < deadline, `the walkthrough's screenshot did not load: ${JSON.stringify(shot)}`);
      for (const frame of page.frames()) {
        const found = await imagesFrom(frame, '');
        // Not the README's copy on the details page, which may still be open behind the walkthrough.
        const ownCopy = (image: ShownImage): boolean =>
          !image.src.startsWith(baseUrl) &&
          /\/media\/screenshots\/payload-view-dark\.png$/.test(decodeURIComponent(image.src));
        shot = found.find(ownCopy) ?? shot;
      }
      await page.waitForTimeout(250); // poll: the step's page is rendered in a webview
    }
    assert.ok(shot.naturalWidth > 0, `the walkthrough's screenshot is broken: ${shot.src}`);
  });
});

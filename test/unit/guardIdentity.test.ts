// Who the guard knows the user to be: the account name and its parts, the home
// folder, the host, the workspace folder names and a remote host; matched in any
// case and inside longer tokens; read without ever throwing, and kept current
// when workspace folders change.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateEvent } from '../../src/core/catalog';
import { DeclaredEvents, setCurrentDeclaredEvents } from '../../src/core/declarations';
import { DEMO_EXAMPLE_EVENT, demoDeclarations } from '../support/gate';
import { Emitter } from '../../src/common/emitter';
import {
  accountNameParts,
  identityStrings,
  readMachineIdentity,
  remoteAuthorityParts,
  type MachineSources,
} from '../../src/core/guardIdentity';
import { createLivePrivacyGuard, createPrivacyGuard, findSensitiveShape } from '../../src/core/privacyGuard';
import { ESLINT_CORE_RULES } from '../../src/core/vocabularies/eslintRules.generated';
import { DIAGNOSTIC_CODE_VOCABULARIES } from '../../src/core/vocabularies/diagnosticCodes';
import { IdentityFollower, workspaceIdentity, type FolderLike } from '../../src/ide/identityFollower';

const noUid = (): never => {
  throw Object.assign(new Error('ENOENT: no such file or directory, uv_os_get_passwd returned ENOENT'), {
    code: 'ENOENT',
  });
};

function sources(overrides: Partial<MachineSources>): MachineSources {
  return {
    userInfo: () => ({ username: 'alice' }),
    homedir: () => '/home/alice',
    hostname: () => 'alice-box',
    env: {},
    ...overrides,
  };
}

function folder(name: string, authority = '', scheme = 'file'): FolderLike {
  return { name, uri: { scheme, authority } };
}

describe('guard identity', () => {
  describe('readMachineIdentity', () => {
    it('reads the account, home and host', () => {
      assert.deepEqual(readMachineIdentity(sources({})), {
        userName: 'alice',
        homeDir: '/home/alice',
        hostName: 'alice-box',
      });
    });

    it('survives os.userInfo() throwing (a uid without a passwd entry), taking the name from the environment', () => {
      assert.deepEqual(readMachineIdentity(sources({ userInfo: noUid, env: { USER: 'zed' } })), {
        userName: 'zed',
        homeDir: '/home/alice',
        hostName: 'alice-box',
      });
      assert.deepEqual(readMachineIdentity(sources({ userInfo: noUid })), {
        homeDir: '/home/alice',
        hostName: 'alice-box',
      });
    });

    it('survives every source throwing, and a guard built from what is left still works', () => {
      const identity = readMachineIdentity({ userInfo: noUid, homedir: noUid, hostname: noUid, env: {} });
      assert.deepEqual(identity, {});
      const guard = createLivePrivacyGuard(identity);
      assert.equal(guard.findSensitive('TS2304'), undefined);
      assert.equal(guard.findSensitive('/home/x/y'), 'path');
    });

    it('reads the real machine without throwing', () => {
      assert.doesNotThrow(() => readMachineIdentity());
    });
  });

  it('splits a multi-word account name on spaces, dots, underscores and hyphens, dropping parts under three characters', () => {
    assert.deepEqual(accountNameParts('Alice van der Berg'), ['Alice', 'van', 'der', 'Berg']);
    assert.deepEqual(accountNameParts('alice.smith'), ['alice', 'smith']);
    assert.deepEqual(accountNameParts('jo_smithson-li'), ['smithson']);
    const strings = identityStrings({ userName: 'alice.smith', homeDir: '/home/alice.smith' });
    assert.ok(
      strings.includes('alice') && strings.includes('smith') && strings.includes('alice.smith'),
      String(strings),
    );
  });

  it('reads the host and account of a remote authority', () => {
    assert.deepEqual(remoteAuthorityParts('ssh-remote+build07.acme.ch'), { host: 'build07.acme.ch' });
    assert.deepEqual(remoteAuthorityParts('ssh-remote+alice@build07.acme.ch:2222'), {
      host: 'build07.acme.ch',
      user: 'alice',
    });
    assert.deepEqual(remoteAuthorityParts('wsl+Ubuntu-22.04'), { host: 'Ubuntu-22.04' });
    assert.deepEqual(remoteAuthorityParts('127.0.0.1:8080'), { host: '127.0.0.1' });
    assert.deepEqual(remoteAuthorityParts('tunnel+[::1]:22'), { host: '::1' });
  });

  it('leaves out generic names and strings shorter than three characters', () => {
    assert.deepEqual(
      identityStrings({ userName: 'root', hostName: 'localhost', workspaceFolderNames: ['ab', 'code'] }),
      [],
    );
  });

  describe('the guard with the fuller identity', () => {
    const guard = createPrivacyGuard({
      userName: 'Alice Smithson',
      workspaceFolderNames: ['payroll-service'],
      remoteHost: 'build07.acme.ch',
    });

    it('flags each part of the account name, the workspace folder name and the remote host, in any case, inside longer tokens', () => {
      for (const value of [
        'alicenotes',
        'ALICE',
        'smithson_2',
        'my-payroll-service-x',
        'PAYROLL-SERVICE',
        'build07',
        'BUILD07x',
      ]) {
        assert.equal(guard.findSensitive(value), 'identity', value);
      }
      for (const value of ['payroll', 'service', 'build', 'hello_world']) {
        assert.equal(guard.findSensitive(value), undefined, value);
      }
    });

    it('still keeps values of the published lists that contain a name: a user called Max keeps max-len', () => {
      const max = createPrivacyGuard({ userName: 'max', workspaceFolderNames: ['typescript', 'code'] });
      for (const [name, props] of [
        ['ide.error', { origin: 'diagnostic', source: 'eslint', code: 'max-len', severity: 'error' }],
        [
          'ide.error',
          { origin: 'diagnostic', source: 'eslint', code: '@typescript-eslint/no-explicit-any', severity: 'error' },
        ],
        ['ide.run', { kind: 'task', runtime: 'node' }],
      ] as const) {
        assert.deepEqual(max.checkEvent(validateEvent(name, props)), { ok: true }, JSON.stringify(props));
      }
      assert.equal(max.findSensitive('maxwell-notes'), 'identity');
    });
  });

  it('property: a planted identity fragment in any case, inside any token, never survives', () => {
    const name = fc.stringMatching(/^[a-z]{4,9}$/).filter((n) => identityStrings({ userName: n }).length > 0);
    const around = fc.stringMatching(/^[a-z0-9_]{0,8}$/);
    const casing = fc.constantFrom(
      (s: string) => s,
      (s: string) => s.toUpperCase(),
      (s: string) => s.slice(0, 1).toUpperCase() + s.slice(1),
    );
    const where = fc.constantFrom<'userName' | 'workspaceFolderNames' | 'remoteHost' | 'accountPart'>(
      'userName',
      'workspaceFolderNames',
      'remoteHost',
      'accountPart',
    );
    fc.assert(
      fc.property(name, around, around, casing, where, (n, before, after, cased, slot) => {
        const identity =
          slot === 'userName'
            ? { userName: n }
            : slot === 'workspaceFolderNames'
              ? { workspaceFolderNames: [n] }
              : slot === 'remoteHost'
                ? { remoteHost: `${n}.example.ch` }
                : { userName: `Jo ${n}` };
        const value = `${before}${cased(n)}${after}`;
        fc.pre(findSensitiveShape(value) === undefined);
        assert.equal(createPrivacyGuard(identity).findSensitive(value), 'identity', `${slot} ${n} in ${value}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: every published rule name survives a user and a workspace named after a piece of it', () => {
    const codes = [
      ...ESLINT_CORE_RULES.map((code) => ['eslint', code] as const),
      ...Object.entries(DIAGNOSTIC_CODE_VOCABULARIES).flatMap(([source, vocabulary]) =>
        vocabulary.lists.flatMap((list) => list.names).map((code) => [source, code] as const),
      ),
    ].filter(([, code]) => /[a-z]{3}/i.test(code));
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.nat(), (pair, at) => {
        const [source, code] = pair;
        const letters = [...code.matchAll(/[A-Za-z]{3,}/g)].map((m) => m[0]);
        const piece = letters[at % letters.length] ?? code;
        const guard = createPrivacyGuard({ userName: piece, workspaceFolderNames: [piece] });
        const event = validateEvent('ide.error', { origin: 'diagnostic', source, code, severity: 'warning' });
        assert.deepEqual(guard.checkEvent(event), { ok: true }, `${source} ${code} for ${piece}`);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps another extension's declared event and property names while it is installed, not its values", () => {
    // `npm start` opens the folder "demo", and the demo extension's events are named candor.candor-demo:….
    const identity = { userName: 'loopsmith', workspaceFolderNames: ['demo'] };
    const event = { name: DEMO_EXAMPLE_EVENT, props: { example_id: 'loops' } } as const;
    try {
      setCurrentDeclaredEvents(demoDeclarations());
      assert.deepEqual(createPrivacyGuard(identity).checkEvent(event), { ok: true });
      // A declared value naming this workspace is still stopped: a third party chose it.
      assert.deepEqual(createPrivacyGuard({ workspaceFolderNames: ['loops'] }).checkEvent(event), {
        ok: false,
        kind: 'identity',
        property: 'example_id',
      });
      // Not declared (the extension is gone): the event name is the workspace's again.
      setCurrentDeclaredEvents(DeclaredEvents.EMPTY);
      assert.deepEqual(createPrivacyGuard(identity).checkEvent(event), {
        ok: false,
        kind: 'identity',
        property: '(event name)',
      });
    } finally {
      setCurrentDeclaredEvents(DeclaredEvents.EMPTY);
    }
  });

  describe('IdentityFollower', () => {
    it('gives the guard the workspace folder names now and again whenever the folders change', () => {
      let folders: FolderLike[] = [folder('payroll-service')];
      const changed = new Emitter<unknown>(() => undefined);
      const guard = createLivePrivacyGuard({});
      const follower = new IdentityFollower(
        guard,
        { userName: 'alice' },
        {
          folders: () => folders,
          remoteName: undefined,
          onDidChangeFolders: changed.event,
        },
      );
      assert.equal(guard.findSensitive('payroll-service-2'), 'identity');
      assert.equal(guard.findSensitive('ledger-app'), undefined);

      folders = [folder('ledger-app')];
      changed.fire(undefined);
      assert.equal(guard.findSensitive('ledger-app'), 'identity', 'the added folder is known at once');
      assert.equal(guard.findSensitive('payroll-service-2'), undefined, 'the removed one is forgotten');
      assert.equal(guard.findSensitive('alicenotes'), 'identity', 'the machine identity stays');

      follower.dispose();
      folders = [folder('third-one')];
      changed.fire(undefined);
      assert.equal(guard.findSensitive('third-one'), undefined, 'a disposed follower no longer follows');
    });

    it("in a remote window, adds the remote authority's host and account", () => {
      const identity = workspaceIdentity(
        { userName: 'alice' },
        {
          folders: () => [folder('proj', 'ssh-remote+bob@build07.acme.ch', 'vscode-remote')],
          remoteName: 'ssh-remote',
        },
      );
      assert.equal(identity.remoteHost, 'build07.acme.ch');
      assert.equal(identity.remoteUser, 'bob');
      const served = workspaceIdentity({}, { folders: () => [folder('proj')], remoteName: 'build07.acme.ch:8080' });
      assert.equal(
        served.remoteHost,
        'build07.acme.ch',
        'a browser-served window names its authority as the remote name',
      );
      const kindOnly = workspaceIdentity({}, { folders: () => [folder('proj')], remoteName: 'wsl' });
      assert.equal(kindOnly.remoteHost, undefined, 'a remote kind alone names no host');
      const local = workspaceIdentity({}, { folders: () => [folder('proj')], remoteName: undefined });
      assert.equal(local.remoteHost, undefined);
      assert.deepEqual(local.workspaceFolderNames, ['proj']);
    });
  });
});

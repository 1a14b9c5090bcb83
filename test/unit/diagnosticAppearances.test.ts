// The diagnostics hook's decisions: a problem counts when it appears in a
// document, not again while it stays.
import * as assert from 'node:assert/strict';
import {
  DiagnosticAppearances,
  MAX_DOCUMENTS,
  type ChangedDocument,
  type DiagnosticRef,
} from '../../src/core/hooks/diagnosticAppearances';
import type { Severity } from '../../src/core/errorCodes';
import type { HookEvent } from '../../src/core/hooks/hookEvent';

const ERROR = 0;
const WARNING = 1;
const INFORMATION = 2;
const HINT = 3;

const ts2304: DiagnosticRef = { source: 'ts', code: 2304, severity: ERROR };
const unusedVar: DiagnosticRef = {
  source: 'eslint',
  code: { value: 'no-unused-vars', target: 'https://eslint.org/docs/rules/no-unused-vars' },
  severity: WARNING,
};

const appeared = (source: string, code: string, severity: Severity): HookEvent => ({
  name: 'ide.error',
  props: { origin: 'diagnostic', source, code, severity },
});
const TS2304 = appeared('ts', 'TS2304', 'error');
const UNUSED = appeared('eslint', 'no-unused-vars', 'warning');

describe('DiagnosticAppearances', () => {
  let appearances: DiagnosticAppearances;
  beforeEach(() => {
    appearances = new DiagnosticAppearances();
  });
  const pass = (...documents: ChangedDocument[]) => appearances.changed(documents);

  it('counts a problem when it appears, not while it stays, and again when it comes back', () => {
    assert.deepEqual(pass(['a.ts', [ts2304]]), [TS2304]);
    assert.deepEqual(pass(['a.ts', [ts2304]]), []);
    assert.deepEqual(pass(['a.ts', [ts2304, unusedVar]]), [UNUSED]);
    assert.deepEqual(pass(['a.ts', [unusedVar]]), []);
    assert.deepEqual(pass(['a.ts', []]), []);
    assert.deepEqual(pass(['a.ts', [ts2304, unusedVar]]), [TS2304, UNUSED]);
  });

  it('counts a problem that appears in many documents in one pass once for that pass (a storm costs a handful of events)', () => {
    assert.deepEqual(pass(['a.ts', [ts2304]], ['b.ts', [ts2304]], ['c.ts', [ts2304, unusedVar]]), [TS2304, UNUSED]);
    assert.deepEqual(pass(['b.ts', [ts2304]]), []);
    assert.deepEqual(
      pass(['d.ts', [ts2304]]),
      [TS2304],
      'a later pass that brings it to another document counts again',
    );
  });

  it('counts a problem once however many times it is in one document', () => {
    assert.deepEqual(pass(['a.ts', [ts2304, { ...ts2304 }, { source: 'ts', code: '2304', severity: ERROR }]]), [
      TS2304,
    ]);
  });

  it('counts errors and warnings, never information or hints', () => {
    assert.deepEqual(
      pass([
        'a.ts',
        [
          { ...ts2304, severity: INFORMATION },
          { ...ts2304, severity: HINT },
          { ...ts2304, severity: 7 },
        ],
      ]),
      [],
    );
    assert.deepEqual(pass(['a.ts', [{ ...ts2304, severity: WARNING }, ts2304]]), [
      appeared('ts', 'TS2304', 'warning'),
      TS2304,
    ]);
    assert.deepEqual(pass(['a.ts', [ts2304]]), [], 'the error stays; the warning left');
    assert.deepEqual(
      pass(['a.ts', [{ ...ts2304, severity: WARNING }]]),
      [appeared('ts', 'TS2304', 'warning')],
      'the same code with another severity is another problem',
    );
  });

  it('maps sources and codes to catalog tokens, and unlisted ones to "other"', () => {
    assert.deepEqual(
      pass([
        'a.ts',
        [
          { source: 'typescript', code: 2322, severity: ERROR },
          { severity: ERROR },
          { source: '/home/alice/tool', code: 'has spaces', severity: WARNING },
        ],
      ]),
      [appeared('ts', 'TS2322', 'error'), appeared('other', 'other', 'error'), appeared('other', 'other', 'warning')],
    );
  });

  it('forgets a document whose problems are all gone', () => {
    pass(['a.ts', [ts2304]], ['b.ts', [ts2304]]);
    assert.equal(appearances.size, 2);
    pass(['a.ts', []]);
    assert.equal(appearances.size, 1);
  });

  it('reads each document only when the pass reaches it', () => {
    const read: string[] = [];
    function* lazy(): Iterable<ChangedDocument> {
      for (const key of ['a.ts', 'b.ts']) {
        read.push(key);
        yield [key, [ts2304]];
      }
    }
    assert.deepEqual(appearances.changed(lazy()), [TS2304]);
    assert.deepEqual(read, ['a.ts', 'b.ts']);
  });

  it('never throws, and keeps what it found before a failure', () => {
    function* failing(): Iterable<ChangedDocument> {
      yield ['a.ts', [ts2304]];
      throw new Error('the document went away');
    }
    assert.deepEqual(appearances.changed(failing()), [TS2304]);
    assert.deepEqual(pass(['a.ts', [ts2304]]), [], 'the document before the failure was remembered');
  });

  describe('bounded memory', () => {
    it('forgets the documents that changed longest ago beyond the limit, after each pass', () => {
      const small = new DiagnosticAppearances(2);
      assert.deepEqual(
        small.changed([
          ['a', [ts2304]],
          ['b', [ts2304]],
          ['c', [ts2304]],
        ]),
        [TS2304],
      );
      assert.equal(small.size, 2);
      assert.deepEqual(small.changed([['b', [ts2304]]]), [], 'b is remembered, and now the most recent');
      assert.deepEqual(small.changed([['d', [ts2304]]]), [TS2304]);
      assert.deepEqual(
        small.changed([
          ['b', [ts2304]],
          ['c', [ts2304]],
        ]),
        [TS2304],
        'c was forgotten',
      );
    });

    it('trims only after the pass, so a document in the pass is compared with what it had', () => {
      const small = new DiagnosticAppearances(1);
      small.changed([['a', [ts2304]]]);
      assert.deepEqual(
        small.changed([
          ['b', [unusedVar]],
          ['a', [ts2304]],
        ]),
        [UNUSED],
      );
      assert.equal(small.size, 1);
    });

    it('remembers at most 5000 documents by default', () => {
      assert.equal(MAX_DOCUMENTS, 5000);
      const documents: ChangedDocument[] = [];
      for (let i = 0; i < 6000; i++) {
        documents.push([`doc${i}`, [ts2304]]);
      }
      assert.equal(appearances.changed(documents).length, 1, 'one problem in 6000 documents in one pass counts once');
      assert.equal(appearances.size, 5000);
      assert.deepEqual(pass(['doc1000', [ts2304]]), [], 'doc1000 is remembered');
      assert.deepEqual(pass(['doc999', [ts2304]]), [TS2304], 'doc999 was forgotten');
    });
  });
});

// The events the benches write: a realistic mix of one heavy user's day.

import type { StoredEvent } from '../src/core/store';
import type { Category, PropValue } from '../src/core/types';
import { ESLINT_CORE_RULES } from '../src/core/vocabularies/eslintRules.generated';
import { PYRIGHT_RULES } from '../src/core/vocabularies/pyrightRules';
import { DAY_MS } from '../test/support/fixtures';

interface EventShape {
  readonly name: string;
  readonly props: Record<string, PropValue>;
  readonly category: Category;
}

/** A realistic mix: mostly diagnostics over a few hundred codes, some runs, resets, exceptions and exits. */
export function shapeAt(i: number): EventShape {
  const pick = i % 20;
  if (pick < 12) {
    const sources = ['ts', 'eslint', 'Pylance', 'rustc'];
    const n = (i * 7919) % 160;
    // A few hundred codes, each from its source's published vocabulary.
    const codes = [
      `TS${2300 + n}`,
      ESLINT_CORE_RULES[n % ESLINT_CORE_RULES.length],
      PYRIGHT_RULES[n % PYRIGHT_RULES.length],
      `E0${String(n).padStart(3, '0')}`,
    ];
    return {
      name: 'ide.error',
      props: {
        origin: 'diagnostic',
        source: sources[i % 4],
        code: codes[i % 4],
        severity: i % 5 === 0 ? 'warning' : 'error',
      },
      category: 'errors',
    };
  }
  if (pick < 15) {
    const runtimes = ['node', 'python', 'npm', 'shell', 'other'];
    return { name: 'ide.run', props: { kind: i % 2 ? 'debug' : 'task', runtime: runtimes[i % 5] }, category: 'usage' };
  }
  if (pick < 16) {
    return { name: 'ide.reset', props: { kind: i % 2 ? 'debug' : 'task' }, category: 'usage' };
  }
  if (pick < 18) {
    const types = ['TypeError', 'ReferenceError', 'ZeroDivisionError', 'KeyError', 'user_defined', 'IndexError'];
    return { name: 'ide.error', props: { origin: 'exception', code: types[i % 6] }, category: 'errors' };
  }
  if (pick < 19) {
    return { name: 'ide.error', props: { origin: 'exit', code: `exit:${1 + (i % 3)}` }, category: 'errors' };
  }
  const debuggers = ['chrome', 'node', 'python', 'cppdbg', 'go'];
  return { name: 'ide.run', props: { kind: 'debug', runtime: debuggers[i % 5] }, category: 'usage' };
}

export function dayOfEvents(dayStartMs: number, count: number, seed: number): StoredEvent[] {
  return Array.from({ length: count }, (_, k) => {
    const s = shapeAt(seed + k);
    return {
      ts: dayStartMs + Math.floor((k / count) * (DAY_MS - 1)),
      name: s.name,
      props: s.props,
      category: s.category,
    };
  });
}

// The one outbound gate. Everything that leaves Candor passes through here just
// before it leaves: the payload view's bytes, an upload in either format, and
// (record by record, see exportGate.ts) an export. A report passes only when
// every event is in the catalog and every property holds a value of its closed
// list (the catalog's own validation), no string trips the privacy guard, and
// the client block is made of digits, dots and closed lists. Anything else is
// withheld whole, and the reason names the property and the rule it broke,
// never the value.

import * as l10n from '@vscode/l10n';
import { ARCH_VALUES, OS_VALUES, UI_VALUES, describeCollection, isEventName, validateEvent } from './catalog';
import type { EventName } from './catalog';
import { currentDeclaredEvents, splitNamespaced } from './declarations';
import type { PrivacyGuard, SensitiveKind } from './privacyGuard';
import { buildDailyReport, parseReport } from './report';
import type { CatalogEvent, ClientInfo, Counter, DailyReport, UploadFormat } from './types';
import { encodeReportBody, type EncodedReportBody } from './upload/payload';

/** The rules a report can break; each has fixed words (withheldWords), so no value is ever repeated. */
export type GateRule =
  | 'unreadable'
  | 'wrong-day'
  | 'unknown-event'
  | 'undeclared-property'
  | 'missing-property'
  | 'not-in-list'
  | 'not-digits-and-dots'
  | 'not-major-minor'
  | SensitiveKind;

/** Why something was withheld. `event` and `property` are only ever names the catalog or a declaration declares. */
export interface Withheld {
  readonly rule: GateRule;
  readonly event?: string;
  /** A declared property name, or a client field as `client.<field>`. */
  readonly property?: string;
}

export type GateVerdict<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly withheld: Withheld };

/** A report that may leave: the checked report and its bytes in the requested format. */
export interface PassedReport {
  readonly report: DailyReport;
  readonly body: EncodedReportBody;
}

export interface OutboundGate {
  /** A report as stored (its text), for the day it is stored under, encoded in `format` if it passes. */
  passStoredReport(day: string, text: string, format: UploadFormat): GateVerdict<PassedReport>;
  /** A report built in memory (today's preview), encoded in `format` if it passes. */
  passReport(report: DailyReport, format: UploadFormat): GateVerdict<PassedReport>;
  /** One counter or event: undefined when it may leave, else why not. */
  checkCounter(counter: Pick<Counter, 'event' | 'props'>): Withheld | undefined;
  /** The client block: undefined when it may leave, else why not. */
  checkClient(client: unknown): Withheld | undefined;
  /** Any other string Candor writes out (a day, a schema name): the privacy guard alone. */
  checkString(value: string): SensitiveKind | undefined;
}

/** A version is digits and dots only: no pre-release tag, which could carry a name. */
const DIGITS_AND_DOTS = /^\d{1,6}(?:\.\d{1,6}){0,3}$/;
const MAJOR_MINOR = /^\d{1,4}\.\d{1,4}$/;
let declaredCache: ReadonlyMap<EventName, ReadonlySet<string>> | undefined;

/** Property names per event, from the catalog's own description (never written twice). */
function declaredProperties(event: EventName): ReadonlySet<string> {
  declaredCache ??= new Map(
    describeCollection().events.map((e) => [
      e.name,
      new Set(e.shapes.flatMap((shape) => shape.properties).map((p) => p.name)),
    ]),
  );
  return declaredCache.get(event) ?? new Set();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CLIENT_LISTS: Readonly<Record<'os' | 'arch' | 'ui', readonly string[]>> = {
  os: OS_VALUES,
  arch: ARCH_VALUES,
  ui: UI_VALUES,
};

export function createOutboundGate(guard: Pick<PrivacyGuard, 'findSensitive'>): OutboundGate {
  /**
   * The property names `event` may carry: the catalog's for its own events; for another extension's
   * (`publisher.name:event`), those its declaration in force has. Undefined for an unknown event.
   */
  const propertyNamesOf = (event: unknown): { has(name: string): boolean } | undefined => {
    if (typeof event === 'string' && splitNamespaced(event) !== undefined) {
      return currentDeclaredEvents().lookup(event)?.event.properties;
    }
    return isEventName(event) ? declaredProperties(event) : undefined;
  };

  /** A reason names only the event and a property the catalog or a declaration has, never a value. */
  const checkCounter = (counter: Pick<Counter, 'event' | 'props'>): Withheld | undefined => {
    const event = counter.event;
    const names = propertyNamesOf(event);
    if (names === undefined) {
      return { rule: 'unknown-event' };
    }
    let checked: CatalogEvent;
    try {
      // The catalog's own validation (declarations included): known event, known properties, each
      // from its closed list.
      checked = validateEvent(event, counter.props);
    } catch (error) {
      const property = (error as { property?: unknown }).property;
      if (typeof property === 'string' && names.has(property)) {
        const present = isRecord(counter.props) && Object.hasOwn(counter.props, property);
        return { event, property, rule: present ? 'not-in-list' : 'missing-property' };
      }
      return { event, rule: 'undeclared-property' };
    }
    // Every property has a closed list (a unit test holds the catalog to that; declarations allow
    // nothing else), so the validation above is the first line; the guard is the second.
    for (const [property, value] of Object.entries(checked.props)) {
      const kind = typeof value === 'string' ? guard.findSensitive(value) : undefined;
      if (kind !== undefined) {
        return { event, property, rule: kind };
      }
    }
    return undefined;
  };

  const checkClient = (client: unknown): Withheld | undefined => {
    if (!isRecord(client)) {
      return { property: 'client', rule: 'unreadable' };
    }
    const checks: readonly [keyof ClientInfo, GateRule, (v: string) => boolean][] = [
      ['extension', 'not-digits-and-dots', (v) => DIGITS_AND_DOTS.test(v)],
      ['vscode', 'not-major-minor', (v) => MAJOR_MINOR.test(v)],
      ...(['os', 'arch', 'ui'] as const).map((field): [keyof ClientInfo, GateRule, (v: string) => boolean] => [
        field,
        'not-in-list',
        (v) => CLIENT_LISTS[field].includes(v),
      ]),
    ];
    for (const [field, rule, accepts] of checks) {
      const value = client[field];
      if (typeof value !== 'string' || !accepts(value)) {
        return { property: `client.${field}`, rule };
      }
      const kind = guard.findSensitive(value);
      if (kind !== undefined) {
        return { property: `client.${field}`, rule: kind };
      }
    }
    return undefined;
  };

  const passReport = (report: DailyReport, format: UploadFormat): GateVerdict<PassedReport> => {
    const withheld = checkReport(report);
    if (withheld !== undefined) {
      return { ok: false, withheld };
    }
    try {
      return { ok: true, value: { report, body: encodeReportBody(report, format) } };
    } catch {
      return { ok: false, withheld: { rule: 'unreadable' } };
    }
  };

  const checkReport = (report: DailyReport): Withheld | undefined => {
    for (const value of [report.schema, report.day]) {
      const kind = guard.findSensitive(value);
      if (kind !== undefined) {
        return { rule: kind };
      }
    }
    const client = checkClient(report.client);
    if (client !== undefined) {
      return client;
    }
    for (const counter of report.counters) {
      const problem = checkCounter(counter);
      if (problem !== undefined) {
        return problem;
      }
    }
    return undefined;
  };

  const passStoredReport = (day: string, text: string, format: UploadFormat): GateVerdict<PassedReport> => {
    let report: DailyReport;
    try {
      report = parseReport(text);
    } catch {
      return { ok: false, withheld: diagnose(text) };
    }
    return report.day === day ? passReport(report, format) : { ok: false, withheld: { rule: 'wrong-day' } };
  };

  /** Why a stored report does not parse: the first client field or counter at fault, if one can be named. */
  const diagnose = (text: string): Withheld => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { rule: 'unreadable' };
    }
    if (!isRecord(json)) {
      return { rule: 'unreadable' };
    }
    const client = checkClient(json['client']);
    if (client !== undefined) {
      return client;
    }
    const counters = json['counters'];
    for (const counter of Array.isArray(counters) ? (counters as unknown[]) : []) {
      const problem = isRecord(counter) ? checkCounter(counter as unknown as Counter) : undefined;
      if (problem !== undefined) {
        return problem;
      }
    }
    return { rule: 'unreadable' };
  };

  return {
    passStoredReport,
    passReport,
    checkCounter,
    checkClient,
    checkString: (value) => guard.findSensitive(value),
  };
}

/** Today's report as it would be built now: counters that would not pass are left out, and said so. */
export function buildPassingReport(
  gate: OutboundGate,
  day: string,
  client: ClientInfo,
  counters: readonly Counter[],
): { readonly report: DailyReport; readonly leftOut: readonly Withheld[] } {
  const kept: Counter[] = [];
  const leftOut: Withheld[] = [];
  for (const counter of counters) {
    const problem = gate.checkCounter(counter);
    if (problem === undefined) {
      kept.push(counter);
    } else {
      leftOut.push(problem);
    }
  }
  return { report: buildDailyReport(day, client, kept), leftOut };
}

/** Functions, so the words are looked up in the display language after the bundle is configured. */
const RULE_WORDS: Readonly<Record<GateRule, () => string>> = {
  unreadable: () => l10n.t('is not in a form Candor can read'),
  'wrong-day': () => l10n.t('is stored under another day'),
  'unknown-event': () => l10n.t('is not in the catalog or declared by an installed extension'),
  'undeclared-property': () => l10n.t('has a property that is not declared'),
  'missing-property': () => l10n.t('is missing'),
  'not-in-list': () => l10n.t('holds a value that is not in its published list'),
  'not-digits-and-dots': () => l10n.t('is not a version made of digits and dots'),
  'not-major-minor': () => l10n.t('is not a major.minor version'),
  path: () => l10n.t('holds a value that looks like a path'),
  email: () => l10n.t('holds a value that looks like an e-mail address'),
  url: () => l10n.t('holds a value that looks like a web address'),
  ip: () => l10n.t('holds a value that looks like an IP address'),
  token: () => l10n.t('holds a value that looks like a key or an identifier'),
  identity: () => l10n.t('holds a value that names this user, machine or project'),
  oversized: () => l10n.t('holds a value that is too long'),
};

/** Plain words for a reason: the property and the rule, never the value. */
export function withheldWords(withheld: Withheld): string {
  const words = RULE_WORDS[withheld.rule]();
  if (withheld.property !== undefined) {
    return withheld.event === undefined
      ? l10n.t('property "{0}" {1}', withheld.property, words)
      : l10n.t('property "{0}" of event "{1}" {2}', withheld.property, withheld.event, words);
  }
  if (withheld.event !== undefined) {
    return l10n.t('event "{0}" {1}', withheld.event, words);
  }
  return withheld.rule === 'unknown-event' ? l10n.t('an event {0}', words) : l10n.t('the report {0}', words);
}

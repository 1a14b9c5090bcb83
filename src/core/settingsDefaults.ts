// The defaults of Candor's settings, stated once. package.json declares the same
// values for the Settings UI; test/unit/projectInvariants.test.ts keeps the two equal.
import type { UploadFormat } from './types';

export type UploadMode = 'review' | 'automatic';

export const RETENTION_DAYS = { default: 90, minimum: 1, maximum: 365 } as const;

export const SETTINGS_DEFAULTS = {
  'candor.enabled': false,
  'candor.categories.usage': true,
  'candor.categories.errors': true,
  'candor.retentionDays': RETENTION_DAYS.default,
  'candor.endpoint': '',
  'candor.upload.format': 'candor-json' as UploadFormat,
  'candor.upload.mode': 'review' as UploadMode,
  /** Extension id → false switches that extension's declared events off; absent ids are on. */
  'candor.extensions': {} as Readonly<Record<string, boolean>>,
} as const;

export const UPLOAD_FORMATS: readonly UploadFormat[] = ['candor-json', 'otlp'];
export const UPLOAD_MODES: readonly UploadMode[] = ['review', 'automatic'];

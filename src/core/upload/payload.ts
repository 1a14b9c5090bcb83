// The ONE serialisation of a report. The payload view shows `text`, the
// uploader gzips and sends `bytes`, and the receipt's SHA-256 is taken over
// `bytes` — so what the user saw is provably what was sent.

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { serializeReport } from '../report';
import type { DailyReport, UploadFormat } from '../types';
import { reportToOtlpJson } from './otlp';

export interface EncodedReportBody {
  /** Exactly the text shown in the payload view. */
  readonly text: string;
  /** `text` as UTF-8: the uncompressed request body. */
  readonly bytes: Buffer;
  readonly contentType: string;
}

/** Both formats are JSON; OTLP/HTTP JSON requires `application/json`. */
const CONTENT_TYPE = 'application/json';

export function encodeReportBody(report: DailyReport, format: UploadFormat): EncodedReportBody {
  const text = format === 'otlp' ? reportToOtlpJson(report) : serializeReport(report);
  return { text, bytes: Buffer.from(text, 'utf8'), contentType: CONTENT_TYPE };
}

/** Lower-case hex SHA-256, as shown in receipts and in the payload view. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The gzip body that goes on the wire. Fixed level and Node's zero mtime make
 * it deterministic, so its size can be checked against the byte budget
 * before anything is sent.
 */
export function gzipBody(bytes: Uint8Array): Buffer {
  return gzipSync(bytes, { level: 9 });
}

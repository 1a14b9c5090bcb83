// docs/telemetry-events.md: what is and is never collected, and every value
// each `ide.*` property can take, generated from the catalog and the published
// vocabularies (npm run docs).

import { describeCollection, vocabularyAnchor, type CollectedProperty } from './collectionDescription';
import type { Category } from './types';
import type { ExtensionDeclaration } from './declarations';
import { renderDeclarationsMarkdown } from './declarationsMarkdown';
import { PUBLISHED_VOCABULARIES, type VocabularyEntry, type VocabularySection } from './vocabularies/published';

const CATEGORY_TITLES: Readonly<Record<Category, string>> = {
  usage: 'Usage (needs VS Code telemetry level "all")',
  errors: 'Errors (needs VS Code telemetry level "error" or "all")',
};

function escapeMarkdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function allowedValues(property: CollectedProperty): string {
  if (property.vocabulary !== undefined) {
    return `${property.vocabulary.summary} [Full list](#${property.vocabulary.anchor}).`;
  }
  return property.values === undefined ? property.expects : property.values.map((value) => `\`${value}\``).join(', ');
}

function renderEntry(entry: VocabularyEntry): string {
  return entry.note === undefined ? `\`${entry.value}\`` : `\`${entry.value}\` (${entry.note})`;
}

/** Short or annotated lists as bullets; long plain lists as one wrapped paragraph. */
function renderSection(section: VocabularySection): string[] {
  const lines = [`#### ${section.heading}`, ''];
  if (section.text.length > 0) {
    lines.push(...section.text, '');
  }
  if (section.entries.length === 0) {
    return lines;
  }
  if (section.entries.some((entry) => entry.note !== undefined)) {
    lines.push(...section.entries.map((entry) => `- ${renderEntry(entry)}`), '');
    return lines;
  }
  let line = '';
  for (const text of section.entries.map(renderEntry)) {
    if (line !== '' && line.length + text.length + 2 > 110) {
      lines.push(`${line},`);
      line = '';
    }
    line = line === '' ? text : `${line}, ${text}`;
  }
  lines.push(line, '');
  return lines;
}

/**
 * The human-readable list of what is and is never collected, as Markdown:
 * Candor's catalog, and the events `extensions` declare (those in this
 * repository: src/core/declarations/repository.ts).
 */
export function renderCollectionMarkdown(extensions: readonly ExtensionDeclaration[] = []): string {
  const description = describeCollection();
  const lines: string[] = [
    '# What Candor collects',
    '',
    '<!-- Generated from src/core/catalogSchema.ts and src/core/vocabularies/ by renderCollectionMarkdown() (npm run docs); do not edit by hand. -->',
    '',
    `Catalog version ${description.catalogVersion}. Only the events and properties listed here can be recorded;`,
    'anything else is rejected before it is stored. Uploaded reports contain daily counts of these events, nothing more.',
    '',
    '**Every value Candor can send is in these lists.** Each property of an `ide.*` event takes its values from a closed',
    'list published below ([every allowed value](#every-allowed-value)); a value outside its list is recorded as `other`',
    '(or `user_defined`, `exit:other`), never as it was.',
    '',
    "Events that other extensions send through Candor's API are declared in their own `package.json`, each property",
    'an enum, a boolean or a bounded integer (see "Events declared by extensions" below); a value outside its',
    'declaration is refused, never recorded.',
    '',
    'Everything that leaves Candor (the payload view, an upload in either format, an export) passes one outbound gate',
    '(`src/core/outboundGate.ts`) just before it leaves: every event must be in this catalog, every value in its list,',
    'no string may look like a path, an address, a key or the user, and the client block is a version of digits and',
    'dots, VS Code as major.minor, and the operating system, architecture and UI from their lists. A report that fails',
    'is withheld: it is never sent, and the payload view shows the property and the rule it broke, never the value.',
    '',
  ];
  for (const category of ['usage', 'errors'] as const) {
    lines.push(`## ${CATEGORY_TITLES[category]}`, '');
    for (const event of description.events.filter((candidate) => candidate.category === category)) {
      lines.push(`### \`${event.name}\``, '', event.description, '');
      for (const shape of event.shapes) {
        if (shape.when !== undefined) {
          lines.push(`When \`${shape.when.property}\` is \`${shape.when.value}\`: ${shape.description}`, '');
        }
        if (shape.properties.length === 0) {
          lines.push('No properties.', '');
          continue;
        }
        lines.push('| Property | Meaning | Allowed values | Example |', '|---|---|---|---|');
        for (const property of shape.properties) {
          const allowed = allowedValues(property);
          lines.push(
            `| \`${property.name}\` | ${escapeMarkdownCell(property.description)} | ${escapeMarkdownCell(allowed)} | \`${property.example}\` |`,
          );
        }
        lines.push('');
      }
    }
  }
  lines.push(...renderDeclarationsMarkdown(extensions));
  lines.push('## Never collected', '');
  for (const item of description.neverCollected) {
    lines.push(`- ${item}`);
  }
  lines.push('', '## Every allowed value', '');
  for (const vocabulary of PUBLISHED_VOCABULARIES) {
    lines.push(
      `<a id="${vocabularyAnchor(vocabulary.id)}"></a>`,
      '',
      `### ${vocabulary.title}`,
      '',
      vocabulary.summary,
      '',
    );
    for (const section of vocabulary.sections) {
      lines.push(...renderSection(section));
    }
  }
  return lines.join('\n');
}

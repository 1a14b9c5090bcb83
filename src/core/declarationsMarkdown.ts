// The part of docs/telemetry-events.md that lists the events other extensions
// declare, generated from their declarations (src/core/declarations/).
import { describeDeclaredValues, type ExtensionDeclaration } from './declarations';

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Markdown lines: one heading per extension, one per event, a table of its properties. */
export function renderDeclarationsMarkdown(extensions: readonly ExtensionDeclaration[]): string[] {
  const lines = [
    '## Events declared by extensions',
    '',
    'Extensions declare their own events in their package.json (`"candor": {"events": …}`, see',
    '`schemas/candor-events.schema.json`); Candor records them named `publisher.name:event`, only with the',
    'declared values, and only while the extension is switched on (`candor.extensions`). Candor lists the',
    'events of every installed extension in its payload view; these are the extensions in this repository.',
    '',
  ];
  if (extensions.length === 0) {
    lines.push('No extension in this repository declares events.', '');
    return lines;
  }
  for (const extension of extensions) {
    lines.push(`### ${extension.displayName} (\`${extension.id}\`)`, '');
    for (const event of extension.declaration?.events.values() ?? []) {
      lines.push(
        `#### \`${extension.id}:${event.name}\``,
        '',
        `${cell(event.description)} Category: ${event.category}.`,
        '',
      );
      if (event.properties.size === 0) {
        lines.push('No properties.', '');
        continue;
      }
      lines.push('| Property | Meaning | Allowed values |', '|---|---|---|');
      for (const [name, property] of event.properties) {
        const allowed =
          property.kind === 'enum'
            ? property.values.map((value) => `\`${value}\``).join(', ')
            : describeDeclaredValues(property);
        lines.push(`| \`${name}\` | ${cell(property.description)} | ${cell(allowed)} |`);
      }
      lines.push('');
    }
  }
  return lines;
}

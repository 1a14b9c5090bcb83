// The names of the entries in a zip file (a .vsix), read from its central
// directory: enough to check what a package holds without unpacking it.
import fs from 'node:fs';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

/** @param {string} file @returns {string[]} */
export function zipEntryNames(file) {
  const data = fs.readFileSync(file);
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 65535); at--) {
    if (data.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error(`${file} is not a zip file (no end of central directory)`);
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new Error(`${file}: damaged central directory`);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    names.push(data.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

// Finds IPv4 and IPv6 addresses inside a value, in time linear in its length.

/** Runs of hex digits and colons: IPv6 candidates. Dots end a run; IPv4-mapped tails are caught as IPv4. */
const HEX_COLON_RUN = /[0-9A-Fa-f:]+/g;

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

function isHexGroup(group: string): boolean {
  return /^[0-9A-Fa-f]{1,4}$/.test(group);
}

function isIpv6(text: string): boolean {
  let body = text;
  const tailStart = body.lastIndexOf(':') + 1;
  const tail = body.slice(tailStart);
  if (tail.includes('.')) {
    // An embedded IPv4 tail ("::ffff:10.0.0.1") stands for two groups.
    if (!isIpv4(tail)) {
      return false;
    }
    body = body.slice(0, tailStart) + '0:0';
  }
  const halves = body.split('::');
  if (halves.length > 2) {
    return false;
  }
  if (halves.length === 2) {
    const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
    return groups.length <= 7 && groups.every(isHexGroup);
  }
  const groups = body.split(':');
  return groups.length === 8 && groups.every(isHexGroup);
}

function isAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z0-9]$/.test(char);
}

/** The longest textual IPv6 address ("ffff:…:255.255.255.255" is 45 characters). */
const MAX_IPV6_LENGTH = 45;

/**
 * Every stretch of a hex/colon run that starts and ends at a colon or at the
 * run's edge is tried, so an address survives being glued to other groups
 * ("00000:fe80::1"). A stretch touching a letter or digit outside the run is
 * part of a word ("Errno::EIO") and is skipped.
 */
function containsIpv6(value: string): boolean {
  for (const match of value.matchAll(HEX_COLON_RUN)) {
    const runStart = match.index;
    const runEnd = runStart + match[0].length;
    const starts = [runStart];
    const ends = [runEnd];
    for (let i = runStart; i < runEnd; i++) {
      if (value[i] === ':') {
        starts.push(i + 1);
        ends.push(i);
      }
    }
    for (const start of starts) {
      if (isAlphanumeric(value[start - 1])) {
        continue;
      }
      for (const end of ends) {
        if (end <= start || end - start > MAX_IPV6_LENGTH || isAlphanumeric(value[end])) {
          continue;
        }
        const candidate = value.slice(start, end);
        if (
          (candidate.includes('::') || candidate.split(':').length === 8) &&
          /[0-9A-Fa-f]/.test(candidate) &&
          isIpv6(candidate)
        ) {
          return true;
        }
      }
    }
  }
  return false;
}

/** Dotted runs of numbers; every four consecutive parts are checked, so "260.10.0.0.1" is caught. */
const DOTTED_NUMBERS = /\d+(?:\.\d+){3,}/g;

function containsIpv4(value: string): boolean {
  for (const match of value.matchAll(DOTTED_NUMBERS)) {
    const parts = match[0].split('.');
    for (let i = 0; i + 4 <= parts.length; i++) {
      if (isIpv4(parts.slice(i, i + 4).join('.'))) {
        return true;
      }
    }
  }
  return false;
}

export function containsIp(value: string): boolean {
  return containsIpv4(value) || containsIpv6(value);
}

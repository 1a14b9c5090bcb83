// `undefinedSecretIdentifier` is never declared: TypeScript reports TS2304.
export function total(values: number[]): number {
  return values.reduce((sum, v) => sum + v, undefinedSecretIdentifier);
}

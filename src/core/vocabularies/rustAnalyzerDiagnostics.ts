// rust-analyzer's own diagnostic codes, from its documented diagnostics list and the codes
// its diagnostics carry (rust-lang/rust-analyzer, crates/ide-diagnostics, commit d2e55da4).
// rustc error codes (E0425) are accepted by grammar, not listed here. Pinned by hand.

export const RUST_ANALYZER_DIAGNOSTICS: readonly string[] = [
  'array-pattern-without-fixed-length', 'attribute-expansion-disabled', 'await-outside-of-async', 'bad-rtn',
  'break-outside-of-loop', 'cannot-be-dereferenced', 'cannot-implicitly-deref-trait-object', 'cannot-index-into',
  'cast-to-unsized', 'deprecated_safe_2024', 'duplicate-field', 'elided-lifetimes-in-path',
  'elided_lifetimes_in_paths', 'expected-array-or-slice-pat', 'expected-function', 'explicit-drop-method-use',
  'filter_map_next', 'fru-in-destructuring-assignment', 'functional-record-update-on-non-struct',
  'generic-args-prohibited', 'generic-default-refers-to-self', 'inactive-code', 'incoherent-impl',
  'incorrect-generics-len', 'incorrect-generics-order', 'incorrect-ident-case', 'infer-vars-not-allowed',
  'invalid-cast', 'invalid-derive-target', 'invalid-lhs-of-assignment', 'invalid-range-pat-type', 'json-is-not-rust',
  'macro-def-error', 'macro-error', 'malformed-derive', 'method-call-illegal-sized-bound', 'mismatched-arg-count',
  'mismatched-array-pat-len', 'mismatched-tuple-struct-pat-arg-count', 'missing-fields', 'missing-lifetime',
  'missing-match-arm', 'missing-unsafe', 'mut-ref-in-imm-ref-pat', 'mutable-ref', 'needless_return', 'no-such-field',
  'non-exhaustive-let', 'non-exhaustive-record-expr', 'non-exhaustive-record-pat', 'non_camel_case_types',
  'non_snake_case', 'non_upper_case_globals', 'parenthesized-generic-args-without-fn-trait',
  'pattern-arg-in-extern-fn', 'private-assoc-item', 'private-field', 'proc-macro-disabled', 'redundant_field_names',
  'remove-trailing-return', 'remove-unnecessary-else', 'replace-filter-map-next-with-find-map',
  'return-outside-of-function', 'syntax-error', 'trait-impl-incorrect-safety', 'trait-impl-missing-assoc_item',
  'trait-impl-orphan', 'trait-impl-redundant-assoc_item', 'type-mismatch', 'type-must-be-known', 'typed-hole',
  'unary-operator-cannot-be-applied', 'undeclared-label', 'unimplemented-builtin-macro', 'unimplemented-trait',
  'union-expr-must-have-exactly-one-field', 'union-pat-has-rest', 'union-pat-must-have-exactly-one-field',
  'unlinked-file', 'unnecessary-braces', 'unreachable-label', 'unresolved-assoc-item', 'unresolved-extern-crate',
  'unresolved-field', 'unresolved-ident', 'unresolved-import', 'unresolved-macro-call', 'unresolved-method',
  'unresolved-module', 'unsafe_op_in_unsafe_fn', 'unused-must-use', 'unused_braces', 'unused_must_use',
  'yield-outside-of-coroutine',
];

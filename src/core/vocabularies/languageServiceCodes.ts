// Codes of VS Code's built-in CSS/SCSS/Less and Markdown validation, as the
// language services publish them (vscode-css-languageservice lintRules.ts and
// cssErrors.ts; vscode-markdown-languageservice DiagnosticCode). Pinned by hand.

export const CSS_CODES: readonly string[] = [
  // Lint rules
  'argumentsInColorFunction', 'boxModel', 'compatibleVendorPrefixes', 'duplicateProperties', 'emptyRules', 'float',
  'fontFaceProperties', 'hexColorLength', 'idSelector', 'ieHack', 'important', 'importStatement',
  'propertyIgnoredDueToDisplay', 'universalSelector', 'unknownAtRules', 'unknownProperties',
  'unknownVendorSpecificProperties', 'vendorPrefix', 'zeroUnits',
  // Parse errors
  'css-colonexpected', 'css-commaexpected', 'css-conditionexpected', 'css-dotexpected', 'css-expressionexpected',
  'css-identifierexpected', 'css-idorvarexpected', 'css-idorwildcardexpected', 'css-ifconditionexpected',
  'css-lbracketexpected', 'css-lcurlyexpected', 'css-lparentexpected', 'css-mediaqueryexpected', 'css-numberexpected',
  'css-operatorexpected', 'css-pagedirordeclexpected', 'css-percentageexpected', 'css-propertyvalueexpected',
  'css-rbracketexpected', 'css-rcurlyexpected', 'css-rparentexpected', 'css-ruleorselectorexpected',
  'css-selectorexpected', 'css-semicolonexpected', 'css-stringliteralexpected', 'css-termexpected',
  'css-unknownatrule', 'css-unknownkeyword', 'css-uriexpected', 'css-uriorstringexpected', 'css-varnameexpected',
  'css-varvalueexpected', 'css-whitespaceexpected', 'css-wildcardexpected',
];

export const MARKDOWN_LINK_CODES: readonly string[] = [
  'link.duplicate-definition', 'link.no-such-file', 'link.no-such-header-in-file', 'link.no-such-header-in-own-file',
  'link.no-such-reference', 'link.unused-definition',
];

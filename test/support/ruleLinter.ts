// Lints a snippet as if it were a file of the repository, with the project's own
// eslint.config.mjs and only one rule on. Type-aware rules are off (the snippet is
// in no tsconfig), so a check takes seconds, not the minute of `npm run lint`.
import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** What the rule said about one snippet, with the file as a repository path. */
export interface RuleFinding {
  readonly file: string;
  readonly ruleId: string | null;
  readonly line: number;
  readonly message: string;
}

/** A linter for `ruleId`; ESLint loads the config on the first call. */
export function ruleLinter(ruleId: string): (code: string, file: string) => Promise<RuleFinding[]> {
  let eslint: ESLint | undefined;
  return async (code, file) => {
    eslint ??= new ESLint({
      cwd: repoRoot,
      overrideConfig: [tseslint.configs.disableTypeChecked],
      ruleFilter: (rule) => rule.ruleId === ruleId,
    });
    const results = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
    return results.flatMap((result) =>
      result.messages.map((m) => ({
        file: path.relative(repoRoot, result.filePath),
        ruleId: m.ruleId,
        line: m.line,
        message: m.message,
      })),
    );
  };
}

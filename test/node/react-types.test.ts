import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Type-checks one file as its own program: only what its imports carry is in scope. */
function diagnosticsOf(file: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram([`${root}${file}`], config.options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${diagnostic.file.fileName.slice(root.length)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  });
}

describe('trusset-verify/react in TSX', () => {
  // A whole tsc program (the element's imports reach viem's types): 10 s alone, more on a busy machine.
  it('types <trusset-verify> and <TrussetVerify> from the react entry alone, refusing wrong props', { timeout: 120_000 }, () => {
    const diagnostics = diagnosticsOf('test/types/react-jsx.tsx');

    expect(diagnostics).toEqual([]);
  });
});

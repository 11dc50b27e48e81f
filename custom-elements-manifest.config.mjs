/**
 * `custom-elements.json` (npm run build, npm run docs): read from the element's JSDoc
 * (`@tagname`, `@event`, `@csspart`, `@cssproperty`, `@cssstate`), its own members, and the
 * settings' table (src/schemas/settings.ts), whose rows the element turns into its properties at
 * runtime, where the analyzer cannot see them.
 */
import ts from 'typescript';

const SETTINGS_FILE = 'src/schemas/settings.ts';

/** A fallback as the attribute would be written (`verify.trusset.org`, `1`), or as code for a property; nothing for an empty list. */
function defaultText(node, isAttribute, source) {
  if (!isAttribute) return node.getText(source);
  if (ts.isStringLiteral(node) || ts.isNumericLiteral(node)) return node.text;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((element) => element.text).join(',') || undefined;
  return node.getText(source);
}

/** Each row of the settings' table as the manifest lists it: name, attribute, type, default and description. */
function readSettings() {
  const program = ts.createProgram([SETTINGS_FILE], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SETTINGS_FILE);
  const statement = (name) => source.statements.find((node) => (ts.isVariableStatement(node) ? node.declarationList.declarations[0].name.getText(source) : node.name?.text) === name);
  const table = statement('SETTINGS').declarationList.declarations[0].initializer;
  const properties = checker.getTypeAtLocation(statement('SettingProperties').name);
  return table.properties.map((row) => {
    const name = row.name.getText(source);
    const [, options] = row.initializer.arguments;
    const fallback = options?.properties.find((option) => option.name.getText(source) === 'fallback');
    const symbol = properties.getProperty(name);
    const isAttribute = row.initializer.expression.getText(source) !== 'property';
    const value = fallback && defaultText(fallback.initializer, isAttribute, source);
    return {
      name,
      attribute: isAttribute ? name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`) : undefined,
      type: { text: checker.typeToString(checker.getTypeOfSymbol(symbol)) },
      ...(value ? { default: value } : {}),
      description: ts.displayPartsToString(checker.getSymbolAtLocation(row.name).getDocumentationComment(checker)),
    };
  });
}

const toShipped = (path) => path.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');

export default {
  globs: ['src/element/trusset-verify.ts'],
  outdir: 'packages/trusset-verify/dist',
  litelement: true,
  // package.json names the manifest itself; the analyzer would otherwise rewrite the file.
  packagejson: false,
  plugins: [
    {
      name: 'trusset-verify:settings',
      // Each setting as a member of the element (with its attribute, when it has one), before the element's own members.
      packageLinkPhase({ customElementsManifest }) {
        const element = customElementsManifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'trusset-verify');
        const settings = readSettings();
        const names = new Set(settings.map((setting) => setting.name));
        const own = new Map((element.members ?? []).map((member) => [member.name, member]));
        const members = settings.map(({ attribute, ...setting }) => ({
          kind: 'field',
          ...setting,
          // `lang` is HTMLElement's own, with its type.
          ...(own.has(setting.name) ? { type: own.get(setting.name).type } : {}),
          ...(attribute ? { attribute, reflects: true } : {}),
        }));
        element.members = [...members, ...(element.members ?? []).filter((member) => !names.has(member.name))];
        const attributes = members
          .filter((member) => member.attribute)
          .map(({ name, attribute, type, description, ...rest }) => ({ name: attribute, type, ...(rest.default ? { default: rest.default } : {}), description, fieldName: name }));
        element.attributes = [...attributes, ...(element.attributes ?? []).filter((each) => !names.has(each.fieldName))];
      },
    },
    {
      name: 'trusset-verify:shipped-paths',
      // The manifest ships in the package: point tools at the built modules, not at the sources.
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          module.path = toShipped(module.path);
          for (const entry of module.exports ?? []) {
            if (entry.declaration?.module) entry.declaration.module = toShipped(entry.declaration.module);
          }
        }
      },
    },
  ],
};

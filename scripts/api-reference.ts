/**
 * `npm run docs`: the API reference in docs/element.md, generated from `custom-elements.json`
 * (itself read from the element's JSDoc and the settings' table by the analyzer) and written between the api-reference
 * markers. test/package/api-reference.test.ts fails while that block is out of date.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const START = '<!-- api-reference:start -->';
export const END = '<!-- api-reference:end -->';

interface Described {
  name: string;
  description?: string;
  summary?: string;
}
interface Typed extends Described {
  type?: { text: string };
  default?: string;
}
interface Member extends Typed {
  kind: 'field' | 'method';
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  readonly?: boolean;
}
interface Attribute extends Typed {
  fieldName?: string;
}
interface Declaration extends Described {
  tagName?: string;
  customElement?: boolean;
  attributes?: Attribute[];
  members?: Member[];
  events?: Typed[];
  cssParts?: Described[];
  cssProperties?: Typed[];
  cssStates?: Described[];
}
export interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const root = fileURLToPath(new URL('../', import.meta.url));

/** Runs the analyzer with the project's configuration into a temporary folder and reads the result. */
export function analyzeElement(): Manifest {
  const outdir = mkdtempSync(join(tmpdir(), 'trusset-verify-cem-'));
  try {
    // The analyzer joins --outdir to the working directory, so it gets a relative path.
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, outdir), '--quiet'],
      { cwd: root, stdio: 'pipe' },
    );
    return JSON.parse(readFileSync(join(outdir, 'custom-elements.json'), 'utf8')) as Manifest;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Table cells: one line, and a `|` that does not end the cell. */
function cell(text: string | undefined): string {
  return (text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function code(text: string | undefined): string {
  return text ? `\`${cell(text)}\`` : '';
}

/** `null`, `undefined` and `''` are "not set": the description says what applies then. */
function defaultValue(value: string | undefined): string {
  return value === undefined || value === 'null' || value === 'undefined' || value === "''" ? '—' : code(value);
}

function table(headings: string[], rows: string[][]): string {
  return [`| ${headings.join(' | ')} |`, `| ${headings.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function isPublic(member: Member): boolean {
  return !member.static && (member.privacy === undefined || member.privacy === 'public') && !member.name.startsWith('#') && Boolean(member.description);
}

/** The Markdown between the markers, without them. */
export function renderApiReference(manifest: Manifest): string {
  const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.customElement && declaration.tagName);
  if (!element) throw new Error("custom-elements.json declares no custom element with a tag name: is @tagname in the element's JSDoc?");
  const attributes = element.attributes ?? [];
  const attributeFields = new Set(attributes.map((attribute) => attribute.fieldName ?? attribute.name));
  const members = (element.members ?? []).filter(isPublic);
  const properties = members.filter((member) => member.kind === 'field' && !attributeFields.has(member.name));
  const methods = members.filter((member) => member.kind === 'method');

  const sections = [
    '<!-- Generated from custom-elements.json by `npm run docs`: edit the JSDoc in src/schemas/settings.ts (the settings) or src/element/trusset-verify.ts, not this block. -->',
    `### \`<${element.tagName}>\``,
    [element.summary, element.description].filter(Boolean).map(cell).join(' '),
    '### Attributes',
    'Each attribute is also a property (its camelCase name) and reflects.',
    table(
      ['attribute', 'property', 'type', 'default', 'description'],
      attributes.map((attribute) => [code(attribute.name), code(attribute.fieldName), code(attribute.type?.text), defaultValue(attribute.default), cell(attribute.description)]),
    ),
    '### Properties',
    'Properties without an attribute.',
    table(
      ['property', 'type', 'default', 'description'],
      properties.map((property) => [code(property.name), code(property.type?.text), defaultValue(property.default), `${property.readonly ? 'Read-only. ' : ''}${cell(property.description)}`]),
    ),
    ...(methods.length
      ? [
          '### Methods',
          table(
            ['method', 'description'],
            methods.map((method) => [code(`${method.name}()`), cell(method.description)]),
          ),
        ]
      : []),
    '### Events',
    'All bubble and are composed; each is a class exported by `trusset-verify` and typed in `HTMLElementEventMap`.',
    table(
      ['event', 'class', 'description'],
      (element.events ?? []).map((event) => [code(event.name), code(event.type?.text), cell(event.description)]),
    ),
    '### CSS parts',
    table(
      ['part', 'description'],
      (element.cssParts ?? []).map((part) => [code(part.name), cell(part.description)]),
    ),
    '### CSS custom properties',
    table(
      ['property', 'description'],
      (element.cssProperties ?? []).map((property) => [code(property.name), cell(property.description)]),
    ),
    '### Custom states',
    'One at a time, the flow status: `trusset-verify:state(ready)`.',
    table(
      ['state', 'description'],
      (element.cssStates ?? []).map((state) => [code(state.name), cell(state.description)]),
    ),
  ];
  return `\n${sections.join('\n\n')}\n`;
}

/** The document's current block between the markers. */
export function readmeBlock(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/element.md has no ${START} … ${END} block`);
  return readme.slice(start + START.length, end);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readmePath = join(root, 'docs', 'element.md');
  const readme = readFileSync(readmePath, 'utf8');
  const current = readmeBlock(readme);
  const next = renderApiReference(analyzeElement());
  writeFileSync(readmePath, readme.replace(`${START}${current}${END}`, `${START}${next}${END}`));
  console.log(current === next ? 'docs/element.md: the API reference is current.' : 'docs/element.md: the API reference is updated.');
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeElement, readmeBlock, renderApiReference } from '../../scripts/api-reference.js';

const manifest = analyzeElement();
const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.tagName === 'trusset-verify');

describe('custom-elements.json', () => {
  it('declares <trusset-verify> at the module the package ships', () => {
    const module = manifest.modules.find((each) => each.declarations?.includes(element!));

    expect(element).toBeDefined();
    expect(module?.path).toBe('dist/element/trusset-verify.js');
  });

  it('lists attributes with their properties, events with their classes, parts, CSS properties and custom states', () => {
    expect(element!.attributes).toContainEqual(expect.objectContaining({ name: 'project-id', fieldName: 'projectId', description: expect.any(String) }));
    expect(element!.members).toContainEqual(expect.objectContaining({ name: 'wagmiConfig', kind: 'field', description: expect.any(String) }));
    expect(element!.events).toContainEqual(expect.objectContaining({ name: 'trusset-link-created', type: { text: 'TrussetLinkCreatedEvent' } }));
    expect(element!.cssParts?.map((part) => part.name)).toContain('submit-button');
    expect(element!.cssProperties?.map((property) => property.name)).toContain('--trusset-verify-accent');
    expect(element!.cssStates?.map((state) => state.name)).toContain('ready');
  });

  it('gives every attribute, event, part, CSS property and custom state a description', () => {
    const undocumented = [...element!.attributes!, ...element!.events!, ...element!.cssParts!, ...element!.cssProperties!, ...element!.cssStates!]
      .filter((item) => !item.description)
      .map((item) => item.name);

    expect(undocumented).toEqual([]);
  });
});

describe("docs/element.md's API reference", () => {
  it("is what npm run docs generates from the element's JSDoc", () => {
    const readme = readFileSync(new URL('../../docs/element.md', import.meta.url), 'utf8');

    const current = readmeBlock(readme);

    expect(current, "docs/element.md's API reference is out of date: run `npm run docs`").toBe(renderApiReference(manifest));
  });
});

const KEY_PATTERN = /^trusset_([A-Za-z0-9]{8})_[0-9a-f]{64}$/;

/**
 * The key the mock accepts by default (`trusset_mockinst_…`, 81 characters). Built at run time so
 * that no file holds a literal that secret scanners take for a real Trusset key.
 */
// biome-ignore lint/style/useTemplate: split on purpose, so that no literal looks like a key
export const MOCK_API_KEY = 'trusset_' + 'mockinst' + '_' + '0123456789abcdef'.repeat(4);

/** The instance reference of a well-formed key, `undefined` for anything else. */
export function instanceRefOf(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

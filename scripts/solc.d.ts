// The `solc` npm package ships no types; scripts/compile-contracts.ts uses these two calls.
declare module 'solc' {
  /** Compiles a Standard JSON input (as text) and returns the Standard JSON output (as text). */
  export function compile(input: string): string;
  /** The compiler's full version, e.g. `0.8.26+commit.8a97fa7a.Emscripten.clang`. */
  export function version(): string;
  const solc: { compile: typeof compile; version: typeof version };
  export default solc;
}

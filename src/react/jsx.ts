/**
 * `<trusset-verify>` in TSX (`React.JSX` of @types/react 19): the attributes as written in HTML,
 * kebab-case with string values, and `ref` to the element. Object properties (`wagmiConfig`,
 * `headers`, `metadata`, …) and typed `on…` handlers need `<TrussetVerify>` or a `ref`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { TrussetVerify } from '../element/trusset-verify.js';
import type { SETTINGS, WidgetConfig } from '../schemas/settings.js';

type Kebab<Name extends string> = Name extends `${infer Head}${infer Tail}` ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}` : Name;
/** An attribute's value: the words of a setting that takes one of a few, a string otherwise. */
type AttributeValue<Value> = Value extends string ? (string extends Value ? string : Value extends `0x${string}` ? string : Value) : string;

/** The attributes of `<trusset-verify>`: each documented on its camelCase property (src/schemas/settings.ts; docs/element.md, "API reference", "Attributes"). */
export type TrussetVerifyAttributes = {
  [Name in keyof typeof SETTINGS as (typeof SETTINGS)[Name] extends { property: true } ? never : Kebab<Name>]?: AttributeValue<Exclude<WidgetConfig[Name], undefined>>;
};

/** What `<trusset-verify>` accepts in TSX: its attributes, the HTML attributes and `ref`. */
export type TrussetVerifyIntrinsicProps = DetailedHTMLProps<TrussetVerifyAttributes & HTMLAttributes<TrussetVerify>, TrussetVerify>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'trusset-verify': TrussetVerifyIntrinsicProps;
    }
  }
}

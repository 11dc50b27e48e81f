/**
 * What the widget's eight events share: each bubbles and is composed, and only `trusset-redirect`
 * is cancelable. One constructor for all of them, which takes the type from the class's static
 * `type`: the classes stay classes (exported, typed in `HTMLElementEventMap`) with no code of their own.
 */
export class TrussetEvent<Detail> extends CustomEvent<Detail> {
  declare static readonly type: string;
  constructor(detail: Detail) {
    const type = (new.target as unknown as { type: string }).type;
    super(type, { bubbles: true, composed: true, cancelable: type === 'trusset-redirect', detail });
  }
}

import { css } from 'lit';

/**
 * Every custom property is read with its default at the point of use (STYLE.md, "Names"); colour
 * defaults are `light-dark(<light>, <dark>)` pairs, so a property the page sets on any ancestor
 * still wins in the dark theme (a dark default declared on `:host` would shadow an inherited one).
 * WCAG 2.2 AA: `overflow-wrap: anywhere` keeps a long address or word from scrolling sideways at
 * 320 px (1.4.10); the focus ring follows the accent so that it keeps 3:1 on the background
 * (1.4.11); logical properties only, so that a `dir="rtl"` page mirrors the layout.
 */
export const styles = css`
  :host {
    display: block;
    font-family: var(--trusset-verify-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--trusset-verify-text, light-dark(#1a1d21, #e9ecef));
    max-inline-size: 28rem;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    box-sizing: border-box;
    overflow-wrap: anywhere;
    background: var(--trusset-verify-background, light-dark(#fff, #1a1d21));
    border: 1px solid var(--trusset-verify-border, light-dark(#d6dae0, #3a3f47));
    border-radius: var(--trusset-verify-radius, 12px);
    padding: var(--trusset-verify-spacing, 1rem);
    display: grid;
    gap: calc(var(--trusset-verify-spacing, 1rem) * 0.75);
  }
  button,
  .button {
    font: inherit;
    min-block-size: 2.75rem;
    padding-inline: 1rem;
    border-radius: calc(var(--trusset-verify-radius, 12px) * 0.66);
    border: 1px solid var(--trusset-verify-accent, light-dark(#3b5bdb, #748ffc));
    background: var(--trusset-verify-accent, light-dark(#3b5bdb, #748ffc));
    color: var(--trusset-verify-accent-text, light-dark(#fff, #1a1d21));
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
  }
  button.secondary {
    background: transparent;
    color: var(--trusset-verify-accent, light-dark(#3b5bdb, #748ffc));
  }
  button:disabled,
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  :focus-visible {
    outline: 3px solid var(--trusset-verify-focus, var(--trusset-verify-accent, light-dark(#3b5bdb, #748ffc)));
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .muted {
    font-size: 0.85rem;
    margin: 0;
    color: var(--trusset-verify-muted, light-dark(#5c6470, #adb5bd));
  }
  .wallets {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .wallets button {
    inline-size: 100%;
    justify-content: flex-start;
    background: transparent;
    color: inherit;
    border-color: var(--trusset-verify-border, light-dark(#d6dae0, #3a3f47));
  }
  .wallets img {
    inline-size: 1.75rem;
    block-size: 1.75rem;
  }
  .progress {
    margin: 0;
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .progress::before {
    content: '';
    inline-size: 1rem;
    block-size: 1rem;
    border-radius: 50%;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .progress::before {
      animation: none;
    }
  }
  p {
    margin: 0;
  }
`;

/** `theme`: which half of every `light-dark()` default applies; `auto` (the default) follows the system. */
export const darkStyles = css`
  :host {
    color-scheme: light dark;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
`;

import { css } from 'lit';

/**
 * The rules of the views after Connect (the form, the account line, the errors, the link and its
 * status), adopted with those views (views/after-connect.ts), not with the first render.
 */
export const laterStyles = css`
  form {
    display: grid;
    gap: 0.5rem;
  }
  label {
    font-weight: 600;
    font-size: 0.9rem;
  }
  input,
  select {
    font: inherit;
    min-block-size: 2.75rem;
    padding-inline: 0.75rem;
    border: 1px solid var(--trusset-verify-border, light-dark(#d6dae0, #3a3f47));
    border-radius: calc(var(--trusset-verify-radius, 12px) * 0.5);
    background: var(--trusset-verify-input-background, light-dark(#fff, #24282e));
    color: inherit;
    inline-size: 100%;
    box-sizing: border-box;
  }
  [aria-invalid='true'] {
    border-color: var(--trusset-verify-error, light-dark(#c92a2a, #ff8787));
  }
  .field-error,
  .error {
    color: var(--trusset-verify-error, light-dark(#c92a2a, #ff8787));
    margin: 0;
    font-size: 0.9rem;
  }
  .error {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border-radius: calc(var(--trusset-verify-radius, 12px) * 0.5);
    background: var(--trusset-verify-error-background, light-dark(#fff5f5, #2c1a1a));
  }
  .account {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
    font-size: 0.9rem;
  }
  .account code {
    font-family: inherit;
  }
  .consent {
    font-size: 0.85rem;
    margin: 0;
    color: var(--trusset-verify-muted, light-dark(#5c6470, #adb5bd));
  }
  .hint {
    display: grid;
    gap: 0.5rem;
  }
  .resume,
  .link-status {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--trusset-verify-border, light-dark(#d6dae0, #3a3f47));
    border-radius: var(--trusset-verify-radius, 0.5rem);
  }
  .verified::before {
    content: '✓ ';
    font-weight: 700;
  }
  a:not(.button) {
    color: var(--trusset-verify-accent, light-dark(#3b5bdb, #748ffc));
  }
`;

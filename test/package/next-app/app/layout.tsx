import type { ReactNode } from 'react';

export const metadata = { title: 'trusset-verify in a Next.js App Router page' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}

// Components render inside Mantine's provider in tests as in the app.
import type { ReactElement } from 'react';
import { render as rtlRender } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { theme } from './theme';

export function render(ui: ReactElement) {
  return rtlRender(ui, { wrapper: ({ children }) => <MantineProvider theme={theme}>{children}</MantineProvider> });
}

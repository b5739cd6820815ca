import { createTheme } from '@mantine/core';

// One theme for the console; the phone breakpoint (sm, 48em) is where the navbar collapses and tables reflow.
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});

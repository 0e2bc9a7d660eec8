import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** Keeps a palette's light shades and swaps in a darker 9, so text on tints passes WCAG AA (4.5:1). */
function withDarkestShade(c: MantineColorsTuple, darkest: string): MantineColorsTuple {
  return [c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], darkest];
}

/**
 * Mantine's default shade 6 fails AA contrast for white text and for text on light tints. Shade 9 passes for
 * blue, indigo and grape, also on a tint over a hovered or striped table row (gray 1); red, cyan, green, yellow,
 * orange and teal get a darker shade 9 of their own (Mantine's red 9 on a red tint over gray 1 is 4.39:1).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 9, dark: 7 },
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
  // Someone who asks their device for less motion gets no transitions (dialogs, menus and toasts appear at once).
  respectReducedMotion: true,
  colors: {
    red: withDarkestShade(DEFAULT_THEME.colors.red, '#b02525'),
    cyan: withDarkestShade(DEFAULT_THEME.colors.cyan, '#0a6575'),
    green: withDarkestShade(DEFAULT_THEME.colors.green, '#237032'),
    yellow: withDarkestShade(DEFAULT_THEME.colors.yellow, '#8a5a00'),
    orange: withDarkestShade(DEFAULT_THEME.colors.orange, '#9a4506'),
    teal: withDarkestShade(DEFAULT_THEME.colors.teal, '#0b6e5f'),
  },
  components: {
    Anchor: { defaultProps: { underline: 'always' } },
    // Sentence case reads more easily than Mantine's all-caps badges, and never truncates a status.
    // Mantine leaves these close buttons unnamed, and a titled notification's text too light for AA.
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-gray-7)' } },
    },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close panel' } } },
    // A dialog's header is not the page's banner landmark.
    ModalHeader: { defaultProps: { component: 'div' } },
    Badge: { defaultProps: { tt: 'none', fw: 600 }, styles: { label: { overflow: 'visible' } } },
  },
});

/** Darker dimmed and error text than Mantine's defaults, for AA contrast. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});

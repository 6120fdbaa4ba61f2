/**
 * A host config close to Microsoft Teams' light theme (spacing, font sizes, container styles), so the
 * previews look like the cards in Teams. Teams' own config is not published as a package; these values
 * follow its rendering.
 */
const foreground = (main: string, subtle: string) => ({ default: main, subtle });
const colors = {
  default: foreground('#242424', '#616161'),
  dark: foreground('#242424', '#616161'),
  light: foreground('#ffffff', '#e0e0e0'),
  accent: foreground('#5b5fc7', '#7f85f5'),
  good: foreground('#237b4b', '#3b8a5f'),
  warning: foreground('#835b00', '#9a6e00'),
  attention: foreground('#c4314b', '#d0495f'),
};

export const TEAMS_HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Liberation Sans', 'DejaVu Sans', sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#e0e0e0' },
  fontTypes: {
    default: {
      fontFamily: "'Segoe UI', 'Liberation Sans', 'DejaVu Sans', sans-serif",
      fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: "'DejaVu Sans Mono', Consolas, monospace",
      fontSizes: { small: 12, default: 13, medium: 15, large: 17, extraLarge: 22 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
  },
  containerStyles: {
    default: { backgroundColor: '#ffffff', foregroundColors: colors },
    emphasis: { backgroundColor: '#f5f5f5', foregroundColors: colors },
    accent: { backgroundColor: '#e8ebfa', foregroundColors: colors },
    good: { backgroundColor: '#e7f2da', foregroundColors: colors },
    attention: { backgroundColor: '#fcf4f6', foregroundColors: colors },
    warning: { backgroundColor: '#fbf6d9', foregroundColors: colors },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    iconPlacement: 'leftOfTitle',
    iconSize: 16,
  },
  adaptiveCard: { allowCustomStyle: true },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 180 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 10,
  },
  imageSizes: { small: 32, medium: 52, large: 100 },
};

import '@mdi/font/css/materialdesignicons.css';
import 'vuetify/styles';
import { createVuetify } from 'vuetify';

export const THEME_KEY = 'wapidesk.theme';

export const vuetify = createVuetify({
  theme: {
    defaultTheme: localStorage.getItem(THEME_KEY) === 'dark' ? 'dark' : 'light',
    // Text on each colour meets WCAG AA (4.5:1): WhatsApp's teal is a shade darker in light, and
    // its bright green takes dark text in dark (white on #25D366 is about 2:1).
    themes: {
      light: {
        colors: {
          primary: '#00796B',
          secondary: '#075E54',
          warning: '#B45309',
          info: '#1565C0',
          success: '#2E7D32',
          error: '#C62828',
          // For "nothing yet" badges, flat or tonal: Material's grey (#9E9E9E) is 2.7:1 either way.
          neutral: '#616161',
        },
        variables: {
          // Vuetify's 0.60 is applied on top of text that is already at 0.87 (field labels and hints,
          // card and list-item subtitles): 0.52 black on white is 4.3:1, under AA's 4.5:1. At 0.70
          // the stacked result is 0.61 (about 6:1) and the text still reads as secondary.
          'medium-emphasis-opacity': 0.7,
        },
      },
      dark: {
        dark: true,
        colors: {
          primary: '#25D366',
          'on-primary': '#0B1F14',
          secondary: '#075E54',
          'on-secondary': '#FFFFFF',
          neutral: '#BDBDBD',
          'on-neutral': '#000000',
          // Light shades with black text: as a chip's fill and as text on the dark surface alike
          // (Vuetify's #4CAF50 and #FB8C00 carry white text at 2.8:1 and 2.4:1).
          success: '#81C784',
          'on-success': '#000000',
          warning: '#FFB74D',
          'on-warning': '#000000',
          info: '#64B5F6',
          'on-info': '#000000',
          error: '#EF9A9A',
          'on-error': '#000000',
        },
      },
    },
  },
  defaults: {
    VTextField: { variant: 'outlined', density: 'comfortable' },
    VSelect: { variant: 'outlined', density: 'comfortable' },
    VAutocomplete: { variant: 'outlined', density: 'comfortable' },
    VTextarea: { variant: 'outlined', density: 'comfortable' },
    // Vuetify's overlays take Back to close themselves and cancel the move. A message at the bottom
    // cannot be closed that way, so while one showed, Back and an address typed did nothing (a
    // tooltip under the pointer did the same). Dialogs and menus still close on Back.
    VSnackbar: { closeOnBack: false },
    VTooltip: { closeOnBack: false },
    // A range's dash, as the server tables' grouped footers write it (formatPageRange): "1–10 of 12".
    VDataTable: { pageText: '{0}–{1} of {2}' },
    VDataTableServer: { pageText: '{0}–{1} of {2}' },
  },
});

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
        },
      },
      dark: {
        dark: true,
        colors: {
          primary: '#25D366',
          'on-primary': '#0B1F14',
          secondary: '#075E54',
          'on-secondary': '#FFFFFF',
        },
      },
    },
  },
  defaults: {
    VTextField: { variant: 'outlined', density: 'comfortable' },
    VSelect: { variant: 'outlined', density: 'comfortable' },
    VAutocomplete: { variant: 'outlined', density: 'comfortable' },
    VTextarea: { variant: 'outlined', density: 'comfortable' },
  },
});

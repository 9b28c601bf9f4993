import '@mdi/font/css/materialdesignicons.css';
import 'vuetify/styles';
import { createVuetify } from 'vuetify';

export const THEME_KEY = 'wapidesk.theme';

export const vuetify = createVuetify({
  theme: {
    defaultTheme: localStorage.getItem(THEME_KEY) === 'dark' ? 'dark' : 'light',
    themes: {
      light: { colors: { primary: '#128C7E', secondary: '#075E54' } },
      dark: { dark: true, colors: { primary: '#25D366', secondary: '#128C7E' } },
    },
  },
  defaults: {
    VTextField: { variant: 'outlined', density: 'comfortable' },
    VSelect: { variant: 'outlined', density: 'comfortable' },
    VAutocomplete: { variant: 'outlined', density: 'comfortable' },
    VTextarea: { variant: 'outlined', density: 'comfortable' },
  },
});

import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { vuetify } from './plugins/vuetify';
import { router } from './router';
import { followShellNavigation } from './api/shell-navigation';

createApp(App).use(createPinia()).use(router).use(vuetify).mount('#app');
followShellNavigation(router);

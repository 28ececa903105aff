import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { installRoutePrefetch } from './api/material-prefetch';
import { router } from './router';
import './styles.css';

installRoutePrefetch(router);
createApp(App).use(createPinia()).use(router).mount('#app');

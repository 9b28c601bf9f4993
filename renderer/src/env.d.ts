/// <reference types="vite/client" />
import type { WapiBridge } from '@shared/bridge';

declare global {
  interface Window {
    /** Present inside Electron (from the preload); absent in a plain browser, which uses the HTTP bridge. */
    wapi?: WapiBridge;
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

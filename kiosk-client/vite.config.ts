import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The signaling server (sfu-server) listens here in development; it serves the built kiosk at /kiosk/. */
const SERVER = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/kiosk/',
  plugins: [react()],
  server: {
    proxy: {
      '/socket.io': { target: SERVER, ws: true },
      '/api': { target: SERVER },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});

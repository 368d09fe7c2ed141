/**
 * One test server for a describe block, and the socket connections its tests open: started before the block,
 * every connection closed and the server stopped after it.
 */
import { afterAll, beforeAll } from 'vitest';
import { connectClient, startTestServer, type TestServer, type TestServerOptions, type TestSocket } from './harness.ts';

export interface ServerSuite {
  /** The running server (from inside a test or hook). */
  server(): TestServer;
  /** A connection authenticated with `token`, closed after the block. */
  connect(token: string): Promise<TestSocket>;
}

export function useTestServer(opts: TestServerOptions = {}): ServerSuite {
  let server: TestServer | undefined;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer(opts);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
  });
  const running = (): TestServer => {
    if (!server) throw new Error('the test server is not running');
    return server;
  };
  return {
    server: running,
    async connect(token) {
      const s = await connectClient(running().url, token);
      sockets.push(s);
      return s;
    },
  };
}

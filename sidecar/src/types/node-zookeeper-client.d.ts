/** The part of node-zookeeper-client (no published types) that discovery uses. */
declare module 'node-zookeeper-client' {
  interface Client {
    connect(): void;
    close(): void;
    once(event: 'connected' | 'disconnected' | 'expired', listener: () => void): this;
    getChildren(path: string, callback: (error: Error | null, children: string[]) => void): void;
    getData(path: string, callback: (error: Error | null, data: Buffer | undefined) => void): void;
  }
  interface ClientOptions {
    sessionTimeout?: number;
    spinDelay?: number;
    retries?: number;
  }
  const _default: { createClient(connectionString: string, options?: ClientOptions): Client };
  export default _default;
}

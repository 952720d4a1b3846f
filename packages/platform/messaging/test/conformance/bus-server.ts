/**
 * A bus server of a test's own (postgres-bus-server.ts, nats-bus-server.ts): a fault test may
 * stop it and start it again, which it must never do to the machine's shared servers.
 */
export interface BusServer {
  /** What a transport is given to reach it: the bus database's URL, or the NATS server's. */
  readonly url: string;
  /** Shuts the server down as an operator's restart would, keeping its data; resolves once it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts clients. */
  start(): Promise<void>;
  /** Stops it if it runs and removes its data. */
  close(): Promise<void>;
}

/**
 * Errors of discovery. They are a caller's, not a client's: the RPC client maps both to gRPC
 * UNAVAILABLE (there is nowhere to send the call), the gateway to 503.
 */

/** The registry could not be reached, or did not answer in time. */
export class RegistryUnavailableError extends Error {
  readonly code = 'REGISTRY_UNAVAILABLE';

  constructor(
    readonly backend: string,
    readonly address: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`the ${backend} service registry at ${address} is unavailable: ${reason}`, options);
    this.name = 'RegistryUnavailableError';
  }
}

/** Nothing can be picked for a service: none is registered, every one is evicted, or there is no registry. */
export class NoInstanceError extends Error {
  readonly code = 'NO_INSTANCE';

  constructor(
    message: string,
    readonly service?: string,
  ) {
    super(message);
    this.name = 'NoInstanceError';
  }

  /** `liveServices` undefined: the registry could not say which services it has. */
  static notRegistered(service: string, liveServices: readonly string[] | undefined): NoInstanceError {
    const live =
      liveServices === undefined
        ? ''
        : liveServices.length === 0
          ? ' (no service is registered)'
          : ` (live services: ${liveServices.join(', ')})`;
    return new NoInstanceError(`no live instance of '${service}' is registered${live}`, service);
  }

  static allEvicted(service: string, evicted: number): NoInstanceError {
    return new NoInstanceError(
      `no live instance of '${service}' can be picked: all ${evicted} are evicted after failed calls, ` +
        'each until the registry hears its next heartbeat',
      service,
    );
  }
}

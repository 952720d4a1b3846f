import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Unique per process and readable in `emporium status`: "catalog-laptop-4242-9f3a". */
export function serviceInstanceId(service: string, configured: string | undefined): string {
  return configured ?? `${service}-${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
}

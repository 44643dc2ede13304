/** The simulated production fleet of the sample incident: host names, roles and the two OS images. */

/** The OS image every host runs when the sample starts. */
export const OLD_IMAGE = 'ubuntu-22.04-20260301';

/** The OS image the rollout moves the fleet to. */
export const NEW_IMAGE = 'ubuntu-24.04-20261110';

/** The role (group) a host belongs to; it decides the services it runs and how it bootstraps. */
export type HostRole = 'api' | 'storage' | 'worker';

/** Host counts per role at scale 1. */
export const FLEET_SIZES: Readonly<Record<HostRole, number>> = { api: 120, storage: 48, worker: 140 };

/** Gateways in front of the api hosts at scale 1 (they are not upgraded). */
export const GATEWAY_COUNT = 4;

/** One simulated host. */
export interface Host {
  name: string;
  role: HostRole;
  /** 1-based number within its role. */
  index: number;
}

/** The hosts of the fleet, api first, then storage, then workers; `scale` multiplies every group (at least 1 host each). */
export function buildFleet(scale: number): Host[] {
  const hosts: Host[] = [];
  for (const role of ['api', 'storage', 'worker'] as const) {
    const count = Math.max(1, Math.round(FLEET_SIZES[role] * scale));
    const digits = role === 'storage' ? 2 : 3;
    for (let index = 1; index <= count; index++) hosts.push({ name: `${role}-${String(index).padStart(digits, '0')}`, role, index });
  }
  return hosts;
}

/** Gateway host names for a scale (at least 2). */
export function gatewayNames(scale: number): string[] {
  const count = Math.max(2, Math.round(GATEWAY_COUNT * scale));
  return Array.from({ length: count }, (_, i) => `gw-${String(i + 1).padStart(2, '0')}`);
}

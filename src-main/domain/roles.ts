// Who works at a station. Shared by the store (user rows) and the contract (who may call what).

export const ROLES = ['operator', 'supervisor', 'technician'] as const;
export type Role = (typeof ROLES)[number];

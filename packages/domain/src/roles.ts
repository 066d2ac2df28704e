/** Roles in increasing order of power; a role includes every power of the roles before it. */
export const roles = ['member', 'moderator', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Who a category is open to: `guest` means anyone, signed in or not. */
export const audiences = ['guest', 'member', 'moderator', 'admin'] as const;
export type Audience = (typeof audiences)[number];

/** The person acting. `null` is a guest (not signed in). */
export type Actor = { id: number; role: Role } | null;

const rank: Record<Audience, number> = { guest: 0, member: 1, moderator: 2, admin: 3 };

export function reaches(actor: Actor, audience: Audience): boolean {
  return rank[actor ? actor.role : 'guest'] >= rank[audience];
}

export function isStaff(actor: Actor): boolean {
  return actor !== null && (actor.role === 'moderator' || actor.role === 'admin');
}

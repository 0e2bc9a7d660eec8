import type { FastifyRequest } from 'fastify';
import { can, DomainError, type Permission, type Role } from '@openiop/core';
import type { Database, Db } from '../db/database';
import type { Clock } from './clock';
import type { Mailer } from './mailer';

export interface OrgSettings {
  name: string;
  idleTimeoutMinutes: number;
  caseloadOnly: boolean;
  breakGlassMinutes: number;
}

/** Who is asking: a signed-in staff member, or an integration using an API token on a staff member's behalf. */
export interface Actor {
  kind: 'user' | 'token';
  userId: string;
  tokenId: string | null;
  sessionId: string | null;
  organizationId: string;
  name: string;
  email: string;
  roles: Role[];
  locationIds: string[];
  /** API tokens only: the scopes that narrow the user's own permissions. */
  scopes: string[] | null;
  settings: OrgSettings;
}

const scopePermissions: Record<string, Permission[]> = {
  'patients:read': ['patient.read', 'episode.read'],
  'patients:write': ['patient.create', 'patient.update', 'episode.write'],
  'audit:read': ['audit.read'],
};

export function actorCan(actor: Actor, permission: Permission): boolean {
  if (!can(actor.roles, permission)) return false;
  if (actor.scopes === null) return true;
  return actor.scopes.some((s) => scopePermissions[s]?.includes(permission));
}

export function actorPermissions(actor: Actor, all: readonly Permission[]): Permission[] {
  return all.filter((p) => actorCan(actor, p));
}

/** Deny by default: throws FORBIDDEN unless the actor holds the permission. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!actorCan(actor, permission)) throw new DomainError('FORBIDDEN', 'Your role does not allow this action');
}

/** Everything a service needs for one request. */
export interface Ctx {
  actor: Actor;
  db: Db;
  database: Database;
  clock: Clock;
  mailer: Mailer;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  publicUrl: string;
}

export interface AppDeps {
  database: Database;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  /** Per-route limits on sign-in and password-reset requests, per client address. */
  authRateLimit: { max: number; timeWindowMs: number };
  /** Maximum accepted request body, bytes. */
  bodyLimit: number;
  /** Where the built web app lives; omitted in api-only tests. */
  webDist?: string | undefined;
  logger?: boolean | object;
}

export function ctxOf(req: FastifyRequest): Ctx {
  const actor = req.actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  return baseCtx(req, actor);
}

export function baseCtx(req: FastifyRequest, actor: Actor): Ctx {
  const deps = req.server.deps;
  return {
    actor,
    db: deps.database.db,
    database: deps.database,
    clock: deps.clock,
    mailer: deps.mailer,
    ip: req.ip ?? null,
    userAgent: (req.headers['user-agent'] ?? null)?.slice(0, 400) ?? null,
    requestId: req.id,
    publicUrl: deps.publicUrl,
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyContextConfig {
    /** `public`: no sign-in; `partial`: a session still waiting for its second factor is enough. Default: signed in. */
    auth?: 'public' | 'partial';
  }
}

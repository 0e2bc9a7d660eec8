import { randomBytes } from 'node:crypto';
import {
  DomainError,
  iceServersFor,
  roomWindow,
  turnCredentialExpiry,
  VIDEO_CLOSE,
  videoClientMessage,
  type IceSettings,
  type VideoClientMessage,
  type VideoIceServer,
  type VideoPeer,
  type VideoServerMessage,
} from '@openiop/core';
import type { Database } from '../../db/database';
import { appendAudit, type RawAuditInput } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import type { Actor } from '../../platform/context';
import { recordVideoAttendance } from './video-attendance';
import * as repo from './video.repo';
import { hostableOccurrence, personOccurrence } from './video.service';

/** The little of a WebSocket the rooms use (the `ws` package's socket satisfies it). */
export interface RoomSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', fn: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): unknown;
  on(event: 'close', fn: () => void): unknown;
}

/** Who opened a connection: a signed-in staff member (cookie, same origin), or nobody yet (a person says hello with their token). */
export interface Opening {
  occurrenceId: string;
  actor: Actor | null;
  originOk: boolean;
  ip: string | null;
  userAgent: string | null;
}

type Who = Omit<RawAuditInput, 'action' | 'resourceType' | 'patientId'>;

interface Conn {
  id: string;
  socket: RoomSocket;
  role: 'host' | 'person';
  /** What the hosts see (the person's first name; the staff member's name). */
  hostLabel: string;
  /** What other people in the room see (the name the person chose, default their first name). */
  peerLabel: string;
  patientId: string | null;
  userId: string | null;
  state: 'waiting' | 'joined';
  presenceId: string;
  who: Who;
  gone: boolean;
  /** The location's STUN/TURN settings as read on this connection's hello (the secret stays in this process). */
  ice: IceSettings;
}

interface Room {
  key: string;
  occ: repo.RoomOccurrence;
  conns: Map<string, Conn>;
  timer: NodeJS.Timeout | null;
}

const OPEN = 1;
/** Largest message accepted (an SDP offer with a few candidates is ~5 KB). */
export const MAX_MESSAGE_BYTES = 32 * 1024;
const newPeerId = (): string => randomBytes(12).toString('base64url');

/**
 * The live rooms of this server process: who is waiting, who is in, and the relay of WebRTC offers, answers and ICE
 * candidates between named peers (a mesh: every pair connects directly; media never passes through the server).
 * Presence is persisted as it happens, so attendance survives a restart of the process; the rooms themselves do not
 * (clients reconnect). One process holds a room: see docs/adr/0029-video-rooms.md.
 */
export class VideoRooms {
  private rooms = new Map<string, Room>();

  constructor(private readonly deps: { database: Database; clock: Clock }) {}

  /** Takes a freshly upgraded socket; the first message must be `hello`. */
  accept(socket: RoomSocket, opening: Opening): void {
    let conn: Conn | null = null;
    let room: Room | null = null;
    let queue = Promise.resolve();
    const run = (fn: () => Promise<void>) => {
      queue = queue.then(fn).catch(() => socket.close(VIDEO_CLOSE.BAD_MESSAGE, 'error'));
    };
    socket.on('message', (data, isBinary) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      if (isBinary || buf.byteLength > MAX_MESSAGE_BYTES) return socket.close(VIDEO_CLOSE.BAD_MESSAGE, 'bad message');
      let parsed: VideoClientMessage;
      try {
        const res = videoClientMessage.safeParse(JSON.parse(buf.toString('utf8')));
        if (!res.success) return socket.close(VIDEO_CLOSE.BAD_MESSAGE, 'bad message');
        parsed = res.data;
      } catch {
        return socket.close(VIDEO_CLOSE.BAD_MESSAGE, 'bad message');
      }
      const msg = parsed;
      run(async () => {
        if (!conn) {
          if (msg.type !== 'hello') return socket.close(VIDEO_CLOSE.BAD_MESSAGE, 'say hello first');
          const joined = await this.hello(socket, opening, msg);
          if (joined) ({ conn, room } = joined);
          return;
        }
        if (room && !conn.gone) await this.handle(room, conn, msg);
      });
    });
    socket.on('close', () => {
      run(async () => {
        if (conn && room) await this.depart(room, conn);
      });
    });
  }

  /** Closes every room (server shutdown); presence is ended as for a disconnect. */
  async closeAll(): Promise<void> {
    for (const room of [...this.rooms.values()]) await this.closeRoom(room, VIDEO_CLOSE.NOT_OPEN, 'server stopping');
  }

  private async hello(
    socket: RoomSocket,
    opening: Opening,
    msg: Extract<VideoClientMessage, { type: 'hello' }>,
  ): Promise<{ conn: Conn; room: Room } | null> {
    const { database, clock } = this.deps;
    const now = clock.now();
    let entry: { occ: repo.RoomOccurrence; conn: Omit<Conn, 'presenceId' | 'socket' | 'ice'> };
    try {
      entry = await database.db.transaction(async (tx) => {
        if (msg.token !== undefined) {
          const { occ, person } = await personOccurrence(tx, msg.token, opening.occurrenceId, now);
          const who: Who = {
            organizationId: occ.organizationId,
            actorUserId: null,
            actorTokenId: null,
            occurredAt: now,
            ip: opening.ip,
            userAgent: opening.userAgent,
          };
          return {
            occ,
            conn: {
              id: newPeerId(),
              role: 'person' as const,
              hostLabel: person.firstName,
              peerLabel: msg.displayName ?? person.firstName,
              patientId: person.patientId,
              userId: null,
              state: 'waiting' as const,
              who,
              gone: false,
            },
          };
        }
        if (!opening.actor || !opening.originOk) throw new DomainError('NOT_FOUND');
        const actor = opening.actor;
        const occ = await hostableOccurrence(tx, actor, opening.occurrenceId);
        const who: Who = {
          organizationId: occ.organizationId,
          actorUserId: actor.userId,
          actorTokenId: actor.tokenId,
          occurredAt: now,
          ip: opening.ip,
          userAgent: opening.userAgent,
        };
        return {
          occ,
          conn: {
            id: newPeerId(),
            role: 'host' as const,
            hostLabel: actor.name,
            peerLabel: actor.name,
            patientId: null,
            userId: actor.userId,
            state: 'joined' as const,
            who,
            gone: false,
          },
        };
      });
    } catch (err) {
      const code = err instanceof DomainError && err.code === 'SESSION_NOT_HELD' ? VIDEO_CLOSE.IN_PERSON : VIDEO_CLOSE.NOT_FOUND;
      socket.close(code, code === VIDEO_CLOSE.IN_PERSON ? 'in person' : 'not found');
      return null;
    }
    const { occ } = entry;
    if (roomWindow(occ.startsAt, occ.endsAt, now).state !== 'open') {
      socket.close(VIDEO_CLOSE.NOT_OPEN, 'room not open');
      return null;
    }
    const room = this.roomFor(occ);
    // The same person or staff member again (a reload, a second tab): the newer connection replaces the older.
    const previous = [...room.conns.values()].find(
      (c) => (entry.conn.patientId && c.patientId === entry.conn.patientId) || (entry.conn.userId && c.userId === entry.conn.userId),
    );
    if (previous) await this.depart(room, previous, VIDEO_CLOSE.REPLACED, 'replaced');
    if (room.conns.size >= room.occ.meshLimit) {
      this.send(socket, { type: 'error', code: 'ROOM_FULL', message: 'The video room is full' });
      socket.close(VIDEO_CLOSE.ROOM_FULL, 'room full');
      this.dropIfEmpty(room);
      return null;
    }
    const presenceId = await database.db.transaction(async (tx) => {
      const id = await repo.insertPresence(tx, {
        organizationId: occ.organizationId,
        occurrenceId: occ.id,
        patientId: entry.conn.patientId,
        userId: entry.conn.userId,
        waitingAt: now,
        joinedAt: entry.conn.role === 'host' ? now : null,
      });
      await appendAudit(tx, {
        ...entry.conn.who,
        action: 'video.join',
        resourceType: 'session_occurrence',
        resourceId: occ.id,
        patientId: entry.conn.patientId,
        details: { role: entry.conn.role },
      });
      return id;
    });
    const conn: Conn = {
      ...entry.conn,
      socket,
      presenceId,
      ice: { stunUrls: occ.stunUrls, turnUrls: occ.turnUrls, turnSecret: occ.turnSecret },
    };
    if (socket.readyState !== OPEN) {
      // Gone while we looked it up: end the stay at once.
      await database.db.transaction((tx) => repo.markLeft(tx, occ.organizationId, presenceId, clock.now()));
      this.dropIfEmpty(room);
      return null;
    }
    room.conns.set(conn.id, conn);
    if (conn.role === 'host') {
      this.send(socket, {
        type: 'joined',
        self: conn.id,
        role: 'host',
        peers: this.joinedPeers(room, conn),
        iceServers: this.iceServers(room, conn),
      });
      this.broadcast(room, conn, { type: 'peer-joined', peer: this.peerOf(conn, 'person') }, 'person');
      this.broadcast(room, conn, { type: 'peer-joined', peer: this.peerOf(conn, 'host') }, 'host');
    } else {
      this.send(socket, { type: 'waiting' });
    }
    this.sendLobby(room);
    return { conn, room };
  }

  private async handle(room: Room, conn: Conn, msg: VideoClientMessage): Promise<void> {
    switch (msg.type) {
      case 'hello':
        return conn.socket.close(VIDEO_CLOSE.BAD_MESSAGE, 'hello once');
      case 'leave':
        // Presence and attendance are written before the socket closes, so a client that saw the close can rely on them.
        return this.depart(room, conn, VIDEO_CLOSE.LEFT, 'left');
      case 'admit':
      case 'deny': {
        if (conn.role !== 'host') return conn.socket.close(VIDEO_CLOSE.BAD_MESSAGE, 'hosts only');
        const target = room.conns.get(msg.peer);
        if (!target || target.state !== 'waiting') return;
        if (msg.type === 'deny') return this.depart(room, target, VIDEO_CLOSE.DENIED, 'not admitted');
        const now = this.deps.clock.now();
        await this.deps.database.db.transaction(async (tx) => {
          await repo.markJoined(tx, room.occ.organizationId, target.presenceId, now);
          await appendAudit(tx, {
            ...conn.who,
            occurredAt: now,
            action: 'video.admit',
            resourceType: 'session_occurrence',
            resourceId: room.occ.id,
            patientId: target.patientId,
          });
        });
        if (target.gone) return;
        target.state = 'joined';
        this.send(target.socket, {
          type: 'joined',
          self: target.id,
          role: 'person',
          peers: this.joinedPeers(room, target),
          iceServers: this.iceServers(room, target),
        });
        this.broadcast(room, target, { type: 'peer-joined', peer: this.peerOf(target, 'host') }, 'host');
        this.broadcast(room, target, { type: 'peer-joined', peer: this.peerOf(target, 'person') }, 'person');
        this.sendLobby(room);
        return;
      }
      case 'offer':
      case 'answer':
      case 'ice': {
        const target = room.conns.get(msg.to);
        // Only between two people already in the room: a waiting person can reach nobody.
        if (conn.state !== 'joined' || !target || target.state !== 'joined' || target === conn) return;
        if (msg.type === 'ice') this.send(target.socket, { type: 'ice', from: conn.id, candidate: msg.candidate });
        else this.send(target.socket, { type: msg.type, from: conn.id, sdp: msg.sdp });
        return;
      }
    }
  }

  /** A connection ends (leave, deny, drop, replacement, room closing): the stay ends and a person's attendance is written. */
  private async depart(room: Room, conn: Conn, closeCode?: number, reason = 'closed'): Promise<void> {
    if (conn.gone) return;
    conn.gone = true;
    room.conns.delete(conn.id);
    const now = this.deps.clock.now();
    await this.deps.database.db.transaction(async (tx) => {
      await repo.markLeft(tx, room.occ.organizationId, conn.presenceId, now);
      await appendAudit(tx, {
        ...conn.who,
        occurredAt: now,
        action: 'video.leave',
        resourceType: 'session_occurrence',
        resourceId: room.occ.id,
        patientId: conn.patientId,
        details: { role: conn.role, admitted: conn.state === 'joined' },
      });
      if (conn.patientId) await recordVideoAttendance(tx, { ...conn.who, occurredAt: now }, room.occ, conn.patientId, now);
    });
    if (closeCode !== undefined && conn.socket.readyState === OPEN) conn.socket.close(closeCode, reason);
    if (conn.state === 'joined')
      for (const c of room.conns.values()) if (c.state === 'joined') this.send(c.socket, { type: 'peer-left', peer: conn.id });
    this.sendLobby(room);
    this.dropIfEmpty(room);
  }

  private roomFor(occ: repo.RoomOccurrence): Room {
    const key = `${occ.organizationId}:${occ.id}`;
    const existing = this.rooms.get(key);
    if (existing) return existing;
    const room: Room = { key, occ, conns: new Map(), timer: null };
    const closesIn = roomWindow(occ.startsAt, occ.endsAt, this.deps.clock.now()).closesAt.getTime() - this.deps.clock.now().getTime();
    room.timer = setTimeout(
      () => void this.closeRoom(room, VIDEO_CLOSE.NOT_OPEN, 'room closed'),
      Math.min(Math.max(closesIn, 0), 2 ** 31 - 1),
    );
    room.timer.unref();
    this.rooms.set(key, room);
    return room;
  }

  private async closeRoom(room: Room, code: number, reason: string): Promise<void> {
    for (const c of [...room.conns.values()]) await this.depart(room, c, code, reason);
    this.dropIfEmpty(room);
  }

  private dropIfEmpty(room: Room): void {
    if (room.conns.size > 0 || this.rooms.get(room.key) !== room) return;
    if (room.timer) clearTimeout(room.timer);
    this.rooms.delete(room.key);
  }

  /** A person is seen by hosts by their first name and by other people by the name they chose. */
  private peerOf(c: Conn, viewer: 'host' | 'person'): VideoPeer {
    return { id: c.id, name: c.role === 'host' || viewer === 'host' ? c.hostLabel : c.peerLabel, role: c.role };
  }

  /**
   * The ICE servers a connection gets as it enters the room (before it makes any peer connection): STUN as set, TURN
   * with a credential for this connection's opaque id only, valid until after the room closes (ADR 0029).
   */
  private iceServers(room: Room, conn: Conn): VideoIceServer[] {
    const now = this.deps.clock.now();
    const { closesAt } = roomWindow(room.occ.startsAt, room.occ.endsAt, now);
    return iceServersFor(conn.ice, conn.id, turnCredentialExpiry(now, closesAt));
  }

  private joinedPeers(room: Room, self: Conn): VideoPeer[] {
    return [...room.conns.values()].filter((c) => c !== self && c.state === 'joined').map((c) => this.peerOf(c, self.role));
  }

  private broadcast(room: Room, from: Conn, msg: VideoServerMessage, toRole: 'host' | 'person'): void {
    for (const c of room.conns.values()) if (c !== from && c.state === 'joined' && c.role === toRole) this.send(c.socket, msg);
  }

  private sendLobby(room: Room): void {
    const waiting = [...room.conns.values()].filter((c) => c.state === 'waiting').map((c) => ({ id: c.id, name: c.hostLabel }));
    for (const c of room.conns.values()) if (c.role === 'host') this.send(c.socket, { type: 'lobby', waiting });
  }

  private send(socket: RoomSocket, msg: VideoServerMessage): void {
    if (socket.readyState === OPEN) socket.send(JSON.stringify(msg));
  }
}

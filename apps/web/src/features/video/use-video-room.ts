import { VIDEO_CLOSE, type VideoIceServer, type VideoPeer, type VideoServerMessage } from '@openiop/core';
import { useCallback, useEffect, useRef, useState } from 'react';

export type RoomPhase = 'idle' | 'starting' | 'waiting' | 'joined' | 'ended';

export interface RemotePeer extends VideoPeer {
  stream: MediaStream | null;
}

export interface RoomState {
  phase: RoomPhase;
  /** Why the room ended, in words, when it did. */
  ended: string | null;
  self: string | null;
  peers: RemotePeer[];
  waiting: { id: string; name: string }[];
  local: MediaStream | null;
  micOn: boolean;
  cameraOn: boolean;
}

const ENDED: Record<number, string> = {
  [VIDEO_CLOSE.LEFT]: 'You left the session.',
  [VIDEO_CLOSE.NOT_FOUND]: 'This video session is not available. Check the link, or ask your care team.',
  [VIDEO_CLOSE.DENIED]: 'The facilitator did not let you in this time. Please contact your care team.',
  [VIDEO_CLOSE.ROOM_FULL]: 'The video room is full.',
  [VIDEO_CLOSE.NOT_OPEN]: 'The room is not open. It opens 15 minutes before the session and closes 30 minutes after it ends.',
  [VIDEO_CLOSE.IN_PERSON]: 'This session is in person; it has no video room.',
  [VIDEO_CLOSE.REPLACED]: 'You joined from another window, so this one left the room.',
};
const endedText = (code: number) => ENDED[code] ?? 'The connection was lost. You can join again.';

interface Peer {
  pc: RTCPeerConnection;
  /** Signalling for one peer is applied in order (an ICE candidate never before its description). */
  chain: Promise<void>;
}

/**
 * One video room over the api's WebSocket: a mesh of `RTCPeerConnection`s, one per other participant. The newcomer
 * makes the offers, so two peers never offer to each other at once. `hello` carries the person's token (staff are
 * known by their session cookie).
 */
export function useVideoRoom(occurrenceId: string, hello: { token?: string; displayName?: string }) {
  const [state, setState] = useState<RoomState>({
    phase: 'idle',
    ended: null,
    self: null,
    peers: [],
    waiting: [],
    local: null,
    micOn: true,
    cameraOn: true,
  });
  const ws = useRef<WebSocket | null>(null);
  const local = useRef<MediaStream | null>(null);
  const peers = useRef(new Map<string, Peer>());
  /**
   * The location's STUN/TURN servers, with this connection's short-lived TURN credential, from `joined`; every
   * peer connection is made after it. Empty when none are set: peers on one network connect by host candidates.
   */
  const iceServers = useRef<VideoIceServer[]>([]);
  const helloRef = useRef(hello);
  helloRef.current = hello;

  const send = (msg: unknown) => {
    if (ws.current?.readyState === WebSocket.OPEN) ws.current.send(JSON.stringify(msg));
  };

  const dropPeer = (id: string) => {
    peers.current.get(id)?.pc.close();
    peers.current.delete(id);
    setState((s) => ({ ...s, peers: s.peers.filter((p) => p.id !== id) }));
  };

  const peerFor = (id: string): Peer => {
    const existing = peers.current.get(id);
    if (existing) return existing;
    const pc = new RTCPeerConnection({ iceServers: iceServers.current });
    for (const track of local.current?.getTracks() ?? []) if (local.current) pc.addTrack(track, local.current);
    pc.onicecandidate = (e) => {
      if (e.candidate) send({ type: 'ice', to: id, candidate: e.candidate.toJSON() });
    };
    pc.ontrack = (e) => {
      const stream = e.streams[0] ?? new MediaStream([e.track]);
      setState((s) => ({ ...s, peers: s.peers.map((p) => (p.id === id ? { ...p, stream } : p)) }));
    };
    const peer: Peer = { pc, chain: Promise.resolve() };
    peers.current.set(id, peer);
    return peer;
  };

  const inOrder = (id: string, step: (p: Peer) => Promise<void>) => {
    const p = peerFor(id);
    p.chain = p.chain.then(() => step(p)).catch(() => undefined);
  };

  const addPeer = (peer: VideoPeer) =>
    setState((s) => ({ ...s, peers: [...s.peers.filter((p) => p.id !== peer.id), { ...peer, stream: null }] }));

  const onMessage = (msg: VideoServerMessage) => {
    switch (msg.type) {
      case 'waiting':
        return setState((s) => ({ ...s, phase: 'waiting' }));
      case 'joined':
        iceServers.current = msg.iceServers;
        setState((s) => ({ ...s, phase: 'joined', self: msg.self }));
        for (const peer of msg.peers) {
          addPeer(peer);
          inOrder(peer.id, async ({ pc }) => {
            await pc.setLocalDescription(await pc.createOffer());
            send({ type: 'offer', to: peer.id, sdp: { type: 'offer', sdp: pc.localDescription?.sdp ?? '' } });
          });
        }
        return;
      case 'peer-joined':
        addPeer(msg.peer);
        peerFor(msg.peer.id);
        return;
      case 'peer-left':
        return dropPeer(msg.peer);
      case 'lobby':
        return setState((s) => ({ ...s, waiting: msg.waiting }));
      case 'offer':
        return inOrder(msg.from, async ({ pc }) => {
          await pc.setRemoteDescription(msg.sdp);
          await pc.setLocalDescription(await pc.createAnswer());
          send({ type: 'answer', to: msg.from, sdp: { type: 'answer', sdp: pc.localDescription?.sdp ?? '' } });
        });
      case 'answer':
        return inOrder(msg.from, async ({ pc }) => {
          await pc.setRemoteDescription(msg.sdp);
        });
      case 'ice':
        return inOrder(msg.from, async ({ pc }) => {
          if (msg.candidate) await pc.addIceCandidate(msg.candidate);
        });
      case 'error':
        return;
    }
  };

  const stopAll = () => {
    for (const id of [...peers.current.keys()]) dropPeer(id);
    for (const t of local.current?.getTracks() ?? []) t.stop();
    local.current = null;
  };

  const join = useCallback(async () => {
    setState((s) => ({ ...s, phase: 'starting', ended: null }));
    let media: MediaStream;
    try {
      media = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    } catch {
      setState((s) => ({
        ...s,
        phase: 'ended',
        ended: 'Your camera or microphone could not be started. Allow them in your browser and try again.',
      }));
      return;
    }
    local.current = media;
    iceServers.current = [];
    setState((s) => ({ ...s, local: media, micOn: true, cameraOn: true }));
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${window.location.host}/api/v1/video/${encodeURIComponent(occurrenceId)}/ws`);
    ws.current = socket;
    socket.onopen = () => {
      const { token, displayName } = helloRef.current;
      socket.send(JSON.stringify({ type: 'hello', ...(token ? { token } : {}), ...(displayName ? { displayName } : {}) }));
    };
    socket.onmessage = (e) => {
      if (typeof e.data === 'string') onMessage(JSON.parse(e.data) as VideoServerMessage);
    };
    socket.onclose = (e) => {
      if (ws.current !== socket) return;
      ws.current = null;
      stopAll();
      setState((s) => ({ ...s, phase: 'ended', ended: endedText(e.code), peers: [], waiting: [], local: null, self: null }));
    };
  }, [occurrenceId]);

  const leave = useCallback(() => send({ type: 'leave' }), []);
  const admit = useCallback((peer: string) => send({ type: 'admit', peer }), []);
  const deny = useCallback((peer: string) => send({ type: 'deny', peer }), []);
  const toggleMic = useCallback(() => {
    const on = !(local.current?.getAudioTracks()[0]?.enabled ?? false);
    for (const t of local.current?.getAudioTracks() ?? []) t.enabled = on;
    setState((s) => ({ ...s, micOn: on }));
  }, []);
  const toggleCamera = useCallback(() => {
    const on = !(local.current?.getVideoTracks()[0]?.enabled ?? false);
    for (const t of local.current?.getVideoTracks() ?? []) t.enabled = on;
    setState((s) => ({ ...s, cameraOn: on }));
  }, []);

  // Leaving the page leaves the room (the server also ends the stay when the socket drops).
  useEffect(
    () => () => {
      const socket = ws.current;
      ws.current = null;
      socket?.close(1000);
      stopAll();
    },
    [],
  );

  return { state, join, leave, admit, deny, toggleMic, toggleCamera };
}

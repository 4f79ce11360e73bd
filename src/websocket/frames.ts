// Websocket frames written by us rather than by ws: a cohort's payload is
// serialized once, and each subscriber's frame is its own bytes around it
// (src/websocket/cohorts.ts). ws would convert the same message to a buffer
// again for every socket and write its header and body as two buffers; here
// one buffer is made and written. Safe beside ws's own sends because ws writes
// each of its frames whole and at once (no compression is negotiated:
// permessage-deflate is off on our WebSocketServer, ws's default), so frames
// never interleave.

/** Writes whole frames on one connection (src/websocket/connection.ts). */
export interface FrameWriter {
  /**
   * Writes `frame`; `written` is called once it has gone to the kernel. False
   * when nothing was written (the socket is closing, or was just closed for
   * having too much unsent): `written` is then never called.
   */
  write(frame: Buffer, written: (error?: Error | null) => void): boolean;
}

const CLOSING_BRACE = 0x7d;

/**
 * A subscriber's own part of its frames, kept as text: a Buffer per
 * subscriber would hold a few hundred bytes of its own (object and backing store).
 */
export interface FramePrefix {
  text: string;
  /** Its length in UTF-8. */
  bytes: number;
}

export const framePrefix = (text: string): FramePrefix => ({ text, bytes: Buffer.byteLength(text) });

/**
 * An unmasked text frame (RFC 6455 §5.2; a server never masks) whose message
 * is `prefix`, then `payload`, then "}": the bytes ws would send for the same text.
 */
export function textFrame(prefix: FramePrefix, payload: Buffer): Buffer {
  const length = prefix.bytes + payload.length + 1;
  const head = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x81; // FIN, opcode 1 (text)
  if (head === 2) {
    frame[1] = length;
  } else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.write(prefix.text, head, "utf8");
  payload.copy(frame, head + prefix.bytes);
  frame[head + length - 1] = CLOSING_BRACE;
  return frame;
}

import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'

/**
 * A minimal WebSocket client on a bare TCP socket, for load generation: a reader costs one socket and a
 * frame scanner, not a `ws` object with its streams, or a Y.Doc. It does the handshake, hands every
 * binary frame's payload to `onFrames` (one call per TCP chunk, with the time it arrived), answers pings
 * and sends masked binary frames. Only what the relays under test send is read: unfragmented frames.
 */
export class RawWebSocket {
  private pending: Buffer | null = null
  private opened = false
  closed = false
  /** Frames this client could not read (fragmented or text): should stay 0. */
  unreadable = 0

  private constructor(
    private readonly socket: Socket,
    /** Payloads of binary frames in one arrival (views into the chunk: copy what is kept). */
    private readonly onFrames: (payloads: Buffer[], arrivedAt: number) => void,
    private readonly now: () => number,
  ) {}

  /** Connects and completes the handshake; rejects on a refusal. */
  static open(url: string, onFrames: (payloads: Buffer[], arrivedAt: number) => void, now: () => number): Promise<RawWebSocket> {
    const u = new URL(url)
    const socket = connect({ host: u.hostname, port: Number(u.port), noDelay: true })
    const client = new RawWebSocket(socket, onFrames, now)
    return new Promise((resolve, reject) => {
      socket.once('error', reject)
      socket.once('connect', () => {
        socket.write(
          `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        )
      })
      socket.on('data', (chunk: Buffer) => {
        if (client.opened) return client.read(chunk)
        const all = client.pending ? Buffer.concat([client.pending, chunk]) : chunk
        const end = all.indexOf('\r\n\r\n')
        if (end < 0) return void (client.pending = all)
        const status = all.subarray(0, all.indexOf('\r\n')).toString()
        if (!/^HTTP\/1\.1 101/.test(status)) {
          socket.destroy()
          return reject(new Error(`${url}: ${status}`))
        }
        client.opened = true
        client.pending = null
        socket.off('error', reject)
        socket.on('error', () => undefined)
        resolve(client)
        if (all.length > end + 4) client.read(all.subarray(end + 4))
      })
      socket.on('close', () => {
        client.closed = true
        if (!client.opened) reject(new Error(`${url}: closed during the handshake`))
      })
    })
  }

  private read(chunk: Buffer): void {
    const at = this.now()
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk
    this.pending = null
    const payloads: Buffer[] = []
    let i = 0
    while (buf.length - i >= 2) {
      const first = buf[i]!
      let length = buf[i + 1]! & 0x7f
      let header = 2
      if (length === 126) {
        if (buf.length - i < 4) break
        length = buf.readUInt16BE(i + 2)
        header = 4
      } else if (length === 127) {
        if (buf.length - i < 10) break
        length = Number(buf.readBigUInt64BE(i + 2))
        header = 10
      }
      if (buf.length - i < header + length) break
      const payload = buf.subarray(i + header, i + header + length)
      const opcode = first & 0x0f
      if (opcode === 0x2 && first & 0x80) payloads.push(payload)
      else if (opcode === 0x9) this.sendFrame(0xa, payload)
      else if (opcode === 0x8) this.socket.end()
      else if (opcode !== 0xa) this.unreadable++
      i += header + length
    }
    if (i < buf.length) this.pending = Buffer.from(buf.subarray(i))
    if (payloads.length > 0) this.onFrames(payloads, at)
  }

  /** Sends one binary message (clients must mask their frames). */
  send(payload: Uint8Array): void {
    this.sendFrame(0x2, payload)
  }

  private sendFrame(opcode: number, payload: Uint8Array): void {
    if (this.closed) return
    const length = payload.length
    const header = length < 126 ? 2 : length < 65536 ? 4 : 10
    const frame = Buffer.allocUnsafe(header + 4 + length)
    frame[0] = 0x80 | opcode
    if (header === 2) frame[1] = 0x80 | length
    else if (header === 4) {
      frame[1] = 0x80 | 126
      frame.writeUInt16BE(length, 2)
    } else {
      frame[1] = 0x80 | 127
      frame.writeBigUInt64BE(BigInt(length), 2)
    }
    const mask = randomBytes(4)
    mask.copy(frame, header)
    for (let j = 0; j < length; j++) frame[header + 4 + j] = payload[j]! ^ mask[j & 3]!
    this.socket.write(frame)
  }

  close(): void {
    this.closed = true
    this.socket.destroy()
  }
}

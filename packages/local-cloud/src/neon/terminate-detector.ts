/** Startup-phase request codes that are followed by another startup packet. */
const SSL_REQUEST = 80_877_103;
const GSSENC_REQUEST = 80_877_104;
const TERMINATE = 0x58; // 'X'

/**
 * Follows the frontend (client → server) Postgres message stream just far enough to see the
 * client's Terminate message. The driver sends Terminate and then waits for the server to hang up
 * instead of closing its WebSocket; a real Postgres does hang up, but an embedded server that
 * shares one session between connections does not, so the proxy half-closes the TCP connection
 * itself once it has forwarded Terminate.
 */
export class TerminateDetector {
  private inStartup = true;
  private bodyBytesLeft = 0;
  private header: number[] = [];
  /** Set when the stream became opaque (TLS or GSS encryption was accepted): stop parsing. */
  private disabled = false;
  private awaitingEncryptionAnswer = false;

  /** Feeds client bytes; returns true when they contain the Terminate message. */
  sawTerminate(chunk: Buffer): boolean {
    if (this.disabled) return false;
    let offset = 0;
    while (offset < chunk.length) {
      if (this.bodyBytesLeft > 0) {
        const skipped = Math.min(this.bodyBytesLeft, chunk.length - offset);
        this.bodyBytesLeft -= skipped;
        offset += skipped;
        continue;
      }
      const headerSize = this.inStartup ? 8 : 5;
      while (this.header.length < headerSize && offset < chunk.length) this.header.push(chunk[offset++] ?? 0);
      if (this.header.length < headerSize) break;
      const header = Buffer.from(this.header);
      this.header = [];
      if (this.inStartup) {
        const code = header.readInt32BE(4);
        this.bodyBytesLeft = header.readInt32BE(0) - 8;
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) this.awaitingEncryptionAnswer = true;
        else this.inStartup = false;
      } else {
        if (header[0] === TERMINATE) return true;
        this.bodyBytesLeft = header.readInt32BE(1) - 4;
      }
    }
    return false;
  }

  /** Feeds server bytes: after an SSL/GSS request, `S`/`G` means everything after is encrypted. */
  watchServer(chunk: Buffer): void {
    if (!this.awaitingEncryptionAnswer || chunk.length === 0) return;
    this.awaitingEncryptionAnswer = false;
    if (chunk[0] === 0x53 || chunk[0] === 0x47) this.disabled = true;
  }
}

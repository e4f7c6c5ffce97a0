// The driver's hold on the port: attaching to a transport, noticing it go (close, error, or a
// module that stopped answering), reopening it with backoff and proving the module is back
// with VfyPwd, and closing for good. The state and link getters callers read live here too.
import { buildVfyPwd, expectOk } from './codec';
import type { PacketSize } from './codec';
import { FingerprintError } from './errors';
import { RequestQueue } from './driver-requests';
import { DEFAULT_BACKOFF, FACTORY_BAUD } from './driver-types';
import type { BackoffOptions, DriverOptions, DriverState } from './driver-types';
import type { ByteTransport } from '../transport/byte-transport';
import { backoffMs } from '../../shared/backoff';

export abstract class ConnectionLink extends RequestQueue {
  private readonly reopen: (() => Promise<ByteTransport>) | undefined;
  protected readonly openAt: ((baud: number) => Promise<ByteTransport>) | undefined;
  protected _baud: number;
  private readonly backoff: BackoffOptions;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(opts: DriverOptions) {
    super(opts);
    this.reopen = opts.reopen;
    this.openAt = opts.openAt;
    this._baud = opts.baud ?? FACTORY_BAUD;
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.attach(opts.transport);
  }

  get state(): DriverState {
    return this._state;
  }

  /** The line speed the port is open at (and the module answers at). */
  get baud(): number {
    return this._baud;
  }

  /** The module address commands go to (changed by setAddress). */
  get moduleAddress(): number {
    return this.address;
  }

  /** Packet size last read from or negotiated with the module. */
  get negotiatedPacketSize(): PacketSize | undefined {
    return this.packetSize;
  }

  async close(): Promise<void> {
    if (this._state === 'closed') return;
    this.setState('closed');
    clearTimeout(this.reconnectTimer);
    this.failInflight(new FingerprintError('CLOSED'));
    const t = this.transport;
    this.detach();
    await t?.close();
  }

  private readonly onClose = (): void => this.lost(new Error('port closed'));
  private readonly onError = (e: Error): void => this.lost(e);

  protected attach(t: ByteTransport): void {
    this.transport = t;
    this.decoder.reset();
    t.on('data', this.onData);
    t.on('close', this.onClose);
    t.on('error', this.onError);
  }

  protected detach(): void {
    const t = this.transport;
    if (!t) return;
    t.off('data', this.onData);
    t.off('close', this.onClose);
    t.off('error', this.onError);
    this.transport = undefined;
  }

  protected lost(cause: Error): void {
    if (this._state === 'closed' || this._state === 'disconnected') return;
    const t = this.transport;
    this.detach();
    t?.close().catch(() => undefined);
    if (this._state === 'reconnecting') {
      // tryReconnect is waiting on this port; its failure path schedules the next attempt.
      this.failInflight(new FingerprintError('DISCONNECTED', { detail: cause.message }));
      return;
    }
    this.setState('disconnected');
    this.failInflight(new FingerprintError('DISCONNECTED', { detail: cause.message }));
    this.emit('disconnected', cause);
    this.scheduleReconnect(0);
  }

  private scheduleReconnect(attempt: number): void {
    if ((!this.reopen && !this.openAt) || this._state === 'closed') return;
    const { initialMs: baseMs, maxMs, factor } = this.backoff;
    const delay = backoffMs(attempt + 1, { baseMs, maxMs, factor });
    this.emit('reconnecting', { attempt: attempt + 1, delayMs: delay });
    this.reconnectTimer = setTimeout(() => void this.tryReconnect(attempt), delay);
  }

  private async tryReconnect(attempt: number): Promise<void> {
    if (this._state === 'closed' || (!this.reopen && !this.openAt)) return;
    this.setState('reconnecting');
    this.consecutiveTimeouts = 0;
    try {
      const t = await this.openAgain();
      if (this._state !== 'reconnecting') {
        await t.close();
        return;
      }
      this.attach(t);
      this.needsSettle = false;
      await this.run(
        {},
        () =>
          this.exchange(
            'VFY_PWD',
            buildVfyPwd(this.password, this.address),
            this.timeouts.ackMs,
            0,
          ),
        { internal: true },
      ).then(({ ack }) => expectOk(ack, 'VFY_PWD'));
      if (this._state !== 'reconnecting') return;
      this.setState('idle');
      this.emit('reconnected');
    } catch (_e) {
      if ((this._state as DriverState) === 'closed') return;
      const t = this.transport;
      this.detach();
      await t?.close().catch(() => undefined);
      this.setState('disconnected');
      this.scheduleReconnect(attempt + 1);
    }
  }

  private openAgain(): Promise<ByteTransport> {
    if (this.openAt) return this.openAt(this._baud);
    if (this.reopen) return this.reopen();
    return Promise.reject(new FingerprintError('DISCONNECTED'));
  }
}

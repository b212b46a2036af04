import type { ErrorCode } from '../../../shared/errors/index.ts';
import { limits } from '../../../shared/limits/index.ts';

/**
 * Per-connection message limits. The ws library already refuses frames above
 * `limits.maxWsMessageBytes` (close 1009); this adds a message-rate bucket so one client cannot
 * flood a room. The bucket is generous: a fast typist sends ~20 messages/s.
 */
export class LimitHook {
  private tokens: number = limits.wsBurstMessages;
  private last = performance.now();

  check(byteLength: number): ErrorCode | null {
    if (byteLength > limits.maxWsMessageBytes) return 'payload_too_large';
    const now = performance.now();
    this.tokens = Math.min(limits.wsBurstMessages, this.tokens + ((now - this.last) / 1000) * limits.wsMessagesPerSecond);
    this.last = now;
    if (this.tokens < 1) return 'rate_limited';
    this.tokens -= 1;
    return null;
  }
}

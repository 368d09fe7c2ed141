import { assertUnreachable, QUEUE_RULES, type DeskOffer } from '@sign-relay/shared';
import type { Logger } from '../logger.ts';
import type { LiveNotifier } from '../people.ts';
import type { CallRecordRepository } from '../store/repositories/callRecordRepository.ts';
import type { QueueEvent, VideoLineIds } from './model.ts';
import type { RecordOutbox } from './RecordOutbox.ts';
import type { QueueViews } from './QueueViews.ts';
import type { StaffNames } from './StaffNames.ts';

export interface QueueAnnouncerDeps {
  records: CallRecordRepository;
  /** Record writes go through it: with the database out of reach they are held, and nobody waits for them. */
  outbox: RecordOutbox;
  notifier: LiveNotifier;
  names: StaffNames;
  views: QueueViews;
  logger: Logger;
  now: () => number;
  /** The line or a desk changed: live views (positions, the wallboard) are due an update. */
  onChanged: () => void;
}

/**
 * What the queue store reports, turned into messages to the people concerned and call records. People are told
 * first: a record that cannot be written now (the database is out of reach) is held and written later, and
 * never keeps an interpreter from being rung.
 */
export class QueueAnnouncer {
  constructor(private readonly d: QueueAnnouncerDeps) {}

  /** Announces and records what the store reports. Never throws: a failed notification must not undo a step. */
  async handle(events: QueueEvent<VideoLineIds>[]): Promise<void> {
    for (const event of events) {
      try {
        await this.handleOne(event);
      } catch (err) {
        this.d.logger.error({ err, event: event.type }, 'queue event handling failed');
      }
    }
  }

  private async handleOne(e: QueueEvent<VideoLineIds>): Promise<void> {
    const at = new Date(this.d.now());
    switch (e.type) {
      case 'offered': {
        const from = e.transferFrom ? { userId: e.transferFrom, displayName: (await this.d.names.of(e.transferFrom)).name } : null;
        const offer: DeskOffer = {
          entryId: e.entry.id,
          channel: e.entry.channel,
          kioskId: e.entry.kioskId,
          kioskVerified: e.entry.kioskVerified === true,
          topic: e.entry.topic,
          preferredGender: e.entry.preferredGender,
          queuedAt: e.entry.enqueuedAt,
          expiresAt: this.d.now() + QUEUE_RULES.offerTimeoutMs,
          transferFrom: from,
          requeued: e.entry.requeued,
          camera: e.entry.camera,
        };
        this.d.notifier.toStaff(e.interpreterId, 'desk:offer', offer);
        await this.d.outbox.write(e.entry.id, 'offered', () => this.d.records.offered(e.entry.id, at));
        return;
      }
      case 'offer-ended':
        this.d.notifier.toStaff(e.interpreterId, 'desk:offerEnded', { entryId: e.entry.id, why: e.why });
        return;
      case 'interpreter':
        this.d.onChanged();
        this.d.notifier.toStaff(e.interpreter.id, 'desk:state', this.d.views.deskOf(e.interpreter));
        return;
      case 'answered':
        this.d.notifier.toStaff(e.interpreterId, 'desk:offerEnded', { entryId: e.entry.id, why: 'answered' });
        return;
      case 'abandoned':
        this.d.notifier.toGuest(e.entry.guestId, 'queue:left', { entryId: e.entry.id, reason: e.why });
        await this.d.outbox.write(e.entry.id, 'abandoned', () => this.d.records.abandoned(e.entry.id, { at, reason: e.why === 'left' ? 'caller-left' : 'caller-lost' }));
        return;
      case 'requeued':
        await this.d.outbox.write(e.entry.id, 'requeued', () => this.d.records.requeued(e.entry.id));
        this.d.notifier.toGuest(e.entry.guestId, 'queue:requeued', await this.d.views.status(e.entry.id));
        return;
      case 'call-ended':
        // The call's end is recorded by whoever ended it (QueueService.onCallClosed), before this is heard.
        return;
      case 'queue-changed':
        this.d.onChanged();
        return;
      case 'already-in-line':
        // Nothing changed; the service answers the caller with the place they have.
        return;
      default:
        assertUnreachable(e);
    }
  }
}

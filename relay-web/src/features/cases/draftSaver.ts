/**
 * Saves a case draft as it is typed: after a pause (600 ms), one save at a time, each on the last version the
 * server answered, so a burst of typing is a few saves and never two racing. A save that could not go out
 * (offline, no answer) is kept and sent again by `flush()` (after a reconnection); a CONFLICT (a colleague saved
 * a newer version) is handed to the owner, who reloads.
 */
import type { CaseDraft, ReadBackState } from '@sign-relay/shared';
import { errorCodeOf } from '../../signaling/socket.ts';

export type SaveState = 'saved' | 'pending' | 'saving' | 'offline' | 'failed';

export interface SavedDraft {
  version: number;
  readBack: ReadBackState | null;
}

export interface DraftSaverDeps {
  send(draft: CaseDraft, baseVersion: number): Promise<SavedDraft>;
  onSaved(saved: SavedDraft): void;
  onState(state: SaveState): void;
  /** Someone saved a newer version: the draft here is out of date. */
  onConflict(): void;
  delayMs?: number;
}

/** How long typing pauses before the draft is saved. */
export const SAVE_DELAY_MS = 600;

export class DraftSaver {
  private unsaved: CaseDraft | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private state: SaveState = 'saved';
  private closed = false;

  constructor(
    private version: number,
    private readonly deps: DraftSaverDeps,
  ) {}

  /** The version the next save is made on. */
  get baseVersion(): number {
    return this.version;
  }

  /** The edit not yet saved, if any. */
  get pending(): CaseDraft | null {
    return this.unsaved;
  }

  /** A new edit: saved after the pause (a newer edit before then replaces it). */
  edit(draft: CaseDraft): void {
    if (this.closed) return;
    this.unsaved = draft;
    if (!this.running) this.setState('pending');
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), this.deps.delayMs ?? SAVE_DELAY_MS);
  }

  /** Starts over on a draft loaded from the server (after a conflict or a reload). */
  reset(version: number): void {
    this.clearTimer();
    this.version = version;
    this.unsaved = null;
    this.setState('saved');
  }

  /** Saves what is unsaved now; resolves true when everything typed is saved. */
  async flush(): Promise<boolean> {
    this.clearTimer();
    while (this.running) await this.running;
    if (this.unsaved && !this.closed) {
      this.running = this.run().finally(() => {
        this.running = null;
      });
      await this.running;
    }
    return this.unsaved === null && this.state === 'saved';
  }

  close(): void {
    this.closed = true;
    this.clearTimer();
  }

  private async run(): Promise<void> {
    while (this.unsaved && !this.closed) {
      const draft = this.unsaved;
      this.unsaved = null;
      this.setState('saving');
      try {
        const saved = await this.deps.send(draft, this.version);
        this.version = saved.version;
        this.deps.onSaved(saved);
      } catch (error) {
        const code = errorCodeOf(error);
        if (code === 'CONFLICT') {
          this.unsaved = null;
          this.setState('saved');
          this.deps.onConflict();
          return;
        }
        // A newer edit made meanwhile replaces this one; otherwise it waits for the next flush.
        this.unsaved ??= draft;
        this.setState(code === 'TIMEOUT' || code === 'UNAVAILABLE' ? 'offline' : 'failed');
        return;
      }
    }
    // An edit typed during a save went out right after it (the loop above): all saved.
    this.setState(this.unsaved ? 'pending' : 'saved');
  }

  private setState(state: SaveState): void {
    if (state === this.state) return;
    this.state = state;
    this.deps.onState(state);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

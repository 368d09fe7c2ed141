/**
 * The ring's chime, made with the Web Audio API (no sound file to download): two soft tones, falling, like
 * a door chime. Browsers let a page make sound only after someone has used it (a click, a key), so `play`
 * says whether the sound could be played.
 */
type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const Ctor = (globalThis as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass }).AudioContext ?? (globalThis as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

/** Lets the chime play later: call from a click or key press (the browser's autoplay rule). */
export async function unlockChime(): Promise<void> {
  const ctx = audioContext();
  if (ctx && ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
}

/** Plays the chime once; false when the browser has no audio or does not allow sound yet. */
export function playChime(volume = 0.35): boolean {
  const ctx = audioContext();
  if (!ctx) return false;
  if (ctx.state === 'suspended') {
    void ctx.resume().catch(() => undefined);
    return false;
  }
  const start = ctx.currentTime + 0.02;
  for (const [n, freq] of [988, 784].entries()) {
    const at = start + n * 0.28;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.setValueAtTime(freq, at);
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(volume, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.95);
  }
  return true;
}
